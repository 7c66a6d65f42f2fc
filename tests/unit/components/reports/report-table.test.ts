// The report page's tables and pacing bars show the first rows of a long breakdown and say
// what the CSV adds: an advertiser with 10,000 campaigns and 20,000 creatives got one page of
// ~36 MB of HTML otherwise (0.37 MB with the limit; rendered with react-dom/server).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PacingBars } from "@/components/reports/pacing-bars";
import { ReportTableSection } from "@/components/reports/report-table";
import type { CampaignPacing } from "@/lib/reports/advertiser-report";
import { shownRows, type ReportTable } from "@/lib/reports/report-tables";

const table = (rows: number): ReportTable => ({
  id: "campaign",
  title: "By campaign",
  columns: [
    { label: "Campaign", numeric: false },
    { label: "Impressions", numeric: true },
  ],
  rows: Array.from({ length: rows }, (_, n) => [
    { kind: "text", value: `Campaign ${n}` },
    { kind: "count", value: rows - n },
  ]),
});

const bodyRows = (html: string) => html.split("<tbody")[1]?.match(/<tr>/g)?.length ?? 0;

describe("shownRows", () => {
  it("keeps every row without a limit or within it, the first `limit` past it", () => {
    expect(shownRows(table(3), undefined)).toMatchObject({ hidden: 0 });
    expect(shownRows(table(100), 100).rows).toHaveLength(100);
    const long = shownRows(table(250), 100);
    expect(long.hidden).toBe(150);
    expect(long.rows.map((row) => row[0])).toEqual(table(250).rows.slice(0, 100).map((row) => row[0]));
  });
});

describe("ReportTableSection", () => {
  const limit = { rows: 100, order: "the most impressions" };

  it("shows the first rows of a long table and says how many the CSV adds", () => {
    const html = renderToStaticMarkup(createElement(ReportTableSection, { table: table(10_250), csvHref: "/api/reports/advertiser.csv?table=campaign", rowLimit: limit }));
    expect(bodyRows(html)).toBe(100);
    expect(html).toContain("Campaign 99<");
    expect(html).not.toContain("Campaign 100<");
    expect(html).toContain("Showing the 100 rows with the most impressions of 10,250. The CSV has every row.");
  });

  it("shows every row, and no note, when the table fits or has no limit", () => {
    const fits = renderToStaticMarkup(createElement(ReportTableSection, { table: table(100), csvHref: "/x.csv", rowLimit: limit }));
    expect(bodyRows(fits)).toBe(100);
    expect(fits).not.toContain("Showing the");
    const unlimited = renderToStaticMarkup(createElement(ReportTableSection, { table: table(300), csvHref: "/x.csv" }));
    expect(bodyRows(unlimited)).toBe(300);
    expect(unlimited).not.toContain("Showing the");
  });
});

describe("PacingBars", () => {
  const pacing = (count: number): CampaignPacing[] =>
    Array.from({ length: count }, (_, n) => ({
      campaignId: `c${n}`,
      name: `Campaign ${String(n).padStart(3, "0")}`,
      status: "ACTIVE",
      lifetimeSpentMicros: 0n,
      totalBudgetMicros: 1_000_000n,
      dailyBudgetMicros: null,
      basis: "total_budget",
      spentMicros: 0n,
      plannedMicros: 10n,
      elapsedMs: 1,
      ratioHundredths: 0,
      state: "under",
    }));

  it("shows the first campaigns by name and says how to see the others", () => {
    const html = renderToStaticMarkup(createElement(PacingBars, { pacing: pacing(150), limit: 100 }));
    expect(html.match(/<li /g)).toHaveLength(100);
    expect(html).toContain("Campaign 099");
    expect(html).not.toContain("Campaign 100");
    expect(html).toContain("Showing the first 100 of 150 campaigns, by name: choose a campaign in the filters to see its pacing.");
    expect(renderToStaticMarkup(createElement(PacingBars, { pacing: pacing(3), limit: 100 }))).not.toContain("Showing the first");
  });
});
