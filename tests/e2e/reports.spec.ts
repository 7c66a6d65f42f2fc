import { readFile } from "node:fs/promises";
import { demoSession, type StorageState } from "./support/sign-in";
import { devices, expect, test, type APIRequestContext, type Locator } from "@playwright/test";

// The reports, end to end: real ads served on the demo sidebar placement, their impressions
// and clicks recorded by the tracking routes, then the advertiser's and the publisher's
// report pages and CSV downloads. The traffic carries a country no other spec uses
// (Antarctica) so that its rows are exact even while other specs serve ads on the same app.


const PLACEMENT = "demo-placement-sidebar";
const COUNTRY = "AQ";
const COUNTRY_LABEL = "Antarctica (AQ)";
const IMPRESSIONS = 5;
const CLICKS = 2;
const TODAY = "range=today&tz=UTC&granularity=day";

test.describe.configure({ mode: "serial" });

let advertiser: StorageState;
let publisher: StorageState;
/** Today in UTC, as the report labels its day. */
let today: string;


/** RFC 4180, as a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\r" && text[index + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      index++;
    } else field += char;
  }
  return rows;
}

/** A report table as its CSV has it: no thousands separators, "" for the page's "—". */
async function tableAsCsvRows(table: Locator): Promise<string[][]> {
  const normalise = (text: string) => {
    const value = text.trim();
    if (value === "—") return "";
    return /^[\d,]+(\.\d+)?%?$/.test(value) ? value.replaceAll(",", "") : value;
  };
  const header = (await table.locator("thead th").allTextContents()).map((text) => text.trim());
  const rows: string[][] = [];
  for (const row of await table.locator("tbody tr").all()) rows.push((await row.locator("th, td").allTextContents()).map(normalise));
  return [header, ...rows];
}

/** A decimal rounded half up to the cent, as the page shows amounts (lib/format/money.ts). */
function toCents(value: string): string {
  const [whole = "0", fraction = ""] = value.split(".");
  const micros = BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, "0").slice(0, 6));
  const cents = (micros + 5_000n) / 10_000n;
  return `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
}

/**
 * The CSV holds exactly the table's rows and columns; where the page rounds an amount to the
 * cent, the file keeps the exact decimal, which must round to what the page shows.
 */
function expectSameRows(csv: string[][], table: string[][]): void {
  expect(csv.map((row) => row.length)).toEqual(table.map((row) => row.length));
  csv.forEach((row, r) =>
    row.forEach((cell, c) => {
      const shown = table[r]![c]!;
      if (cell === shown) return;
      expect(/^\d+\.\d{2}$/.test(shown) && /^\d+\.\d+$/.test(cell) ? toCents(cell) : cell, `row ${r + 1}, column ${table[0]![c]}`).toBe(shown);
    }),
  );
}

async function csvRows(request: APIRequestContext, path: string): Promise<string[][]> {
  const response = await request.get(path);
  expect(response.status()).toBe(200);
  return parseCsv(await response.text());
}

test.beforeAll(async ({ browser, playwright }, testInfo) => {
  test.setTimeout(120_000);
  const baseURL = testInfo.project.use.baseURL!;
  advertiser = await demoSession(browser, baseURL, "advertiser@marquee.local", "marquee-advertiser");
  publisher = await demoSession(browser, baseURL, "publisher@marquee.local", "marquee-publisher");
  today = new Date().toISOString().slice(0, 10);

  // A person in desktop Chrome, in Antarctica, on the demo publisher's site: the tracking
  // routes record scripted clients and other sites' pages as invalid traffic, not billed.
  const visitor = await playwright.request.newContext({
    baseURL,
    userAgent: devices["Desktop Chrome"].userAgent,
    extraHTTPHeaders: { "x-vercel-ip-country": COUNTRY, origin: "https://trailhead.example" },
  });
  try {
    for (let index = 0; index < IMPRESSIONS; index++) {
      // One slot each: the same slot asked again within seconds would get the same offer back.
      const served = await visitor.get(`/api/serve?placement=${PLACEMENT}&slot=${index}`);
      expect(served.status(), "the demo sidebar placement is filled").toBe(200);
      const offer = (await served.json()) as { impressionUrl: string; clickUrl: string };
      const beacon = await visitor.post(offer.impressionUrl);
      expect(beacon.status()).toBe(204);
      expect(beacon.headers()["marquee-event"]).toBe("counted");
      if (index < CLICKS) {
        const click = await visitor.get(offer.clickUrl, { maxRedirects: 0 });
        expect(click.status()).toBe(302);
        expect(click.headers()["marquee-event"]).toBe("accepted");
      }
    }
  } finally {
    await visitor.dispose();
  }

  // Clicks are recorded after the redirect is sent: wait until both are in the rollups.
  const reader = await playwright.request.newContext({ baseURL, storageState: advertiser });
  try {
    await expect
      .poll(async () => (await csvRows(reader, `/api/reports/advertiser.csv?${TODAY}&table=country`)).find((row) => row[0] === COUNTRY_LABEL)?.slice(1, 3), {
        timeout: 15_000,
      })
      .toEqual([String(IMPRESSIONS), String(CLICKS)]);
  } finally {
    await reader.dispose();
  }
});

test.describe("the advertiser", () => {
  test.use({ storageState: async ({}, use) => use(advertiser) });

  test("sees today's chart, and the impressions and clicks that were counted", async ({ page }, testInfo) => {
    await page.goto(`/advertiser/reports?${TODAY}`);
    await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: `All campaigns, ${today} (UTC), by day.` })).toBeVisible();

    const chart = page.getByRole("img", { name: /Impressions and clicks per day \(UTC\)/ });
    await expect(chart).toBeVisible();
    expect(await chart.evaluate((svg) => svg.tagName.toLowerCase())).toBe("svg");
    await expect(chart.locator("rect[height]:not([fill=transparent])").first()).toBeAttached();
    await expect(page.getByRole("img", { name: /Spend in USD per day \(UTC\)/ })).toBeVisible();

    // The main table: today's one row, with at least this spec's traffic (other specs serve
    // demo ads too); the country table: exactly this spec's traffic.
    const series = await tableAsCsvRows(page.locator('[data-report-table="series"] table'));
    expect(series[0]).toEqual(["Date (UTC)", "Impressions", "Clicks", "CTR", "Spend (USD)", "eCPM (USD)", "eCPC (USD)", "Invalid impressions", "Invalid clicks"]);
    expect(series).toHaveLength(2);
    const [date, impressions, clicks] = series[1]!;
    expect(date).toBe(today);
    expect(Number(impressions)).toBeGreaterThanOrEqual(IMPRESSIONS);
    expect(Number(clicks)).toBeGreaterThanOrEqual(CLICKS);

    const country = page.locator('[data-report-table="country"] table');
    const antarctica = country.getByRole("row").filter({ hasText: COUNTRY_LABEL });
    await expect(antarctica.getByRole("cell")).toHaveText([String(IMPRESSIONS), String(CLICKS), "40.00%", /^\d+\.\d{2,6}$/, /^\d+\.\d{2,6}$|^—$/, /^\d+\.\d{2,6}$|^—$/, "0", "0"]);

    await expect(page.getByRole("heading", { name: "Budget pacing" })).toBeVisible();
    await expect(page.locator("li").filter({ hasText: "Spring trail shoes" }).getByText(/Spent \$[\d.]+ of \$[\d,.]+ planned/)).toBeVisible();

    await page.screenshot({ path: testInfo.outputPath("advertiser-reports.png"), fullPage: true });
  });

  test("downloads a CSV with exactly the rows of the table", async ({ page }) => {
    await page.goto(`/advertiser/reports?${TODAY}`);
    const table = await tableAsCsvRows(page.locator('[data-report-table="series"] table'));

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`marquee-advertiser-series-${today}-to-${today}.csv`);
    const csv = parseCsv(await readFile((await download.path())!, "utf8"));
    expectSameRows(csv, table);

    // Every breakdown's own CSV link, too.
    for (const id of ["campaign", "creative", "placement", "country", "device", "invalid"]) {
      const section = page.locator(`[data-report-table="${id}"]`);
      const href = await section.getByRole("link", { name: /as CSV/ }).getAttribute("href");
      expectSameRows(await csvRows(page.request, href!), await tableAsCsvRows(section.locator("table")));
    }
  });

  test("filters to one campaign, by the hour, with the GET form", async ({ page }) => {
    await page.goto(`/advertiser/reports?${TODAY}`);
    await page.getByLabel("Campaign", { exact: true }).selectOption({ label: "Newsletter (house ad)" });
    await page.getByLabel("Granularity", { exact: true }).selectOption("hour");
    await page.getByRole("button", { name: "Show report" }).click();
    await expect(page).toHaveURL(/campaign=demo-campaign-house/);
    await expect(page).toHaveURL(/granularity=hour/);
    await expect(page.getByRole("status").filter({ hasText: "Newsletter (house ad)" })).toBeVisible();
    // Only the house ad's traffic: none today, or (when other specs showed it) its rows alone.
    const empty = page.getByRole("heading", { name: "No impressions in this period" });
    const campaigns = page.locator('[data-report-table="campaign"] tbody tr');
    await expect(empty.or(campaigns.first())).toBeVisible();
    if (!(await empty.isVisible())) {
      await expect(campaigns).toHaveCount(1);
      await expect(campaigns.first()).toContainText("Newsletter (house ad)");
    }
  });

  test("sees a clear error for an impossible range", async ({ page }) => {
    await page.goto("/advertiser/reports?range=custom&from=2026-03-30&to=2026-03-28");
    await expect(page.getByRole("alert").filter({ hasText: "must be on or after the start date" })).toBeVisible();
  });
});

test.describe("the publisher", () => {
  test.use({ storageState: async ({}, use) => use(publisher) });

  test("sees the traffic and earnings of the sidebar placement, and the same rows in its CSV", async ({ page }, testInfo) => {
    await page.goto(`/publisher/reports?${TODAY}`);
    await expect(page.getByRole("img", { name: /Impressions and clicks per day \(UTC\)/ })).toBeVisible();
    const detail = page.locator('[data-report-table="detail"] table');
    const rows = await tableAsCsvRows(detail);
    expect(rows[0]).toEqual(["Date (UTC)", "Site", "Placement", "Impressions", "Clicks", "CTR", "Earnings (USD)", "Invalid impressions", "Invalid clicks"]);
    const sidebar = rows.find((row) => row[2] === "Sidebar (medium rectangle)");
    expect(sidebar?.slice(0, 2)).toEqual([today, "trailhead.example"]);
    expect(Number(sidebar![3])).toBeGreaterThanOrEqual(IMPRESSIONS);
    expect(Number(sidebar![4])).toBeGreaterThanOrEqual(CLICKS);

    const href = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
    expectSameRows(await csvRows(page.request, href!), rows);
    await page.screenshot({ path: testInfo.outputPath("publisher-reports.png"), fullPage: true });
  });

  test("cannot download the advertiser's CSV", async ({ page }) => {
    const response = await page.request.get(`/api/reports/advertiser.csv?${TODAY}`);
    expect(response.status()).toBe(403);
    expect(await response.json()).toEqual({ error: { code: "forbidden", message: "Only advertiser organisations have advertiser reports." } });
  });
});

test("the CSV routes refuse anonymous requests", async ({ request }) => {
  for (const kind of ["advertiser", "publisher"]) {
    const response = await request.get(`/api/reports/${kind}.csv?${TODAY}`);
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "Sign in to download reports." } });
  }
});
