import { describe, expect, it } from "vitest";
import { parseReportQuery, reportQueryString } from "@/lib/reports/report-query";

const now = new Date("2026-03-29T12:00:00Z");

describe("parseReportQuery", () => {
  it("defaults to the last 7 days, by day, in UTC, for everything", () => {
    const parsed = parseReportQuery({}, now);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.query).toMatchObject({ preset: "7d", granularity: "day", campaignId: null, placementId: null });
    expect(parsed.query.range).toMatchObject({ from: "2026-03-23", to: "2026-03-29", timeZone: "UTC" });
    expect(parsed.values).toMatchObject({ range: "7d", from: "2026-03-23", to: "2026-03-29", tz: "UTC", granularity: "day" });
  });

  it("reads a custom range, a zone, a granularity and a campaign; empty form fields count as absent", () => {
    const parsed = parseReportQuery(
      new URLSearchParams("range=custom&from=2026-03-28&to=2026-03-30&tz=Europe/Berlin&granularity=hour&campaign=demo-campaign-spring&placement="),
      now,
    );
    expect(parsed.ok && parsed.query).toMatchObject({
      preset: "custom",
      granularity: "hour",
      campaignId: "demo-campaign-spring",
      placementId: null,
      range: { from: "2026-03-28", to: "2026-03-30", timeZone: "Europe/Berlin" },
    });
  });

  it("ignores the dates of a preset range", () => {
    const parsed = parseReportQuery({ range: "today", from: "2020-01-01", to: "2020-01-02" }, now);
    expect(parsed.ok && parsed.query.range).toMatchObject({ from: "2026-03-29", to: "2026-03-29" });
  });

  it("names the field of each problem", () => {
    const parsed = parseReportQuery({ range: "custom", from: "2026-02-30", tz: "Mars/Olympus", granularity: "week", campaign: "x y" }, now);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(["campaign", "from", "granularity", "tz"]);
    expect(parsed.errors.tz).toEqual(["must be one of the listed time zones"]);
    expect(parsed.values.tz).toBe("Mars/Olympus");
  });

  it("requires both dates of a custom range", () => {
    const parsed = parseReportQuery({ range: "custom", from: "2026-03-01" }, now);
    expect(!parsed.ok && parsed.errors).toEqual({ to: ["is required for a custom range"] });
  });

  it("refuses a range that ends before it starts", () => {
    const parsed = parseReportQuery({ range: "custom", from: "2026-03-30", to: "2026-03-28" }, now);
    expect(!parsed.ok && parsed.errors.to).toEqual(["must be on or after the start date"]);
  });

  it("limits hourly reports to 31 days and daily ones to 366", () => {
    expect(parseReportQuery({ range: "custom", from: "2026-03-01", to: "2026-03-31", granularity: "hour" }, now).ok).toBe(true);
    const hourly = parseReportQuery({ range: "custom", from: "2026-03-01", to: "2026-04-01", granularity: "hour" }, now);
    expect(!hourly.ok && hourly.errors.granularity?.[0]).toMatch(/at most 31 days/);
    expect(parseReportQuery({ range: "custom", from: "2025-01-01", to: "2026-01-01" }, now).ok).toBe(true);
    expect(parseReportQuery({ range: "custom", from: "2025-01-01", to: "2026-01-02" }, now).ok).toBe(false);
  });
});

describe("reportQueryString", () => {
  it("pins a preset to its dates, so a CSV link gives the page's rows whenever it is opened", () => {
    const parsed = parseReportQuery({ range: "today", tz: "Europe/Berlin", campaign: "c1" }, now);
    if (!parsed.ok) throw new Error("unexpected");
    expect(reportQueryString(parsed.query, { table: "series" })).toBe(
      "range=custom&from=2026-03-29&to=2026-03-29&tz=Europe%2FBerlin&granularity=day&campaign=c1&table=series",
    );
  });
});

describe("parseReportQuery in the organisation's zone", () => {
  it("defaults the zone, today and the last 7 days to it", () => {
    // 02:00Z on 29 March is still 28 March in New York.
    const parsed = parseReportQuery({ range: "today" }, new Date("2026-03-29T02:00:00Z"), "America/New_York");
    expect(parsed.ok && parsed.query.range).toMatchObject({ from: "2026-03-28", to: "2026-03-28", timeZone: "America/New_York" });
    expect(parsed.values.tz).toBe("America/New_York");
    const week = parseReportQuery({}, new Date("2026-03-29T02:00:00Z"), "America/New_York");
    expect(week.ok && week.query.range).toMatchObject({ from: "2026-03-22", to: "2026-03-28" });
  });

  it("accepts the organisation's zone even when it is not listed, and any listed zone, but no other", () => {
    expect(parseReportQuery({ tz: "Pacific/Kiritimati" }, now, "Pacific/Kiritimati").ok).toBe(true);
    expect(parseReportQuery({ tz: "UTC" }, now, "Pacific/Kiritimati").ok).toBe(true);
    const other = parseReportQuery({ tz: "Pacific/Chatham" }, now, "Pacific/Kiritimati");
    expect(!other.ok && other.errors.tz).toEqual(["must be one of the listed time zones"]);
    // Like any other invalid field, it holds back the range's own checks.
    const both = parseReportQuery({ range: "custom", from: "2026-03-01", tz: "Pacific/Chatham" }, now, "UTC");
    expect(!both.ok && Object.keys(both.errors)).toEqual(["tz"]);
  });

  it("spans 23 hours on the local day clocks go forward", () => {
    const parsed = parseReportQuery({ range: "custom", from: "2026-03-08", to: "2026-03-08" }, now, "America/New_York");
    expect(parsed.ok && parsed.query.range.endUtc.getTime() - parsed.query.range.startUtc.getTime()).toBe(23 * 3_600_000);
  });
});
