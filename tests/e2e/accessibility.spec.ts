import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { serveDemoTraffic } from "./support/demo-traffic";
import { demoAccounts, demoSession, type StorageState } from "./support/sign-in";

// Every page of the dashboard (app/(app)) and the sign-in and sign-up pages, checked with
// axe-core against WCAG 2.1 A and AA, on a desktop and on a phone: no serious or critical
// violation; and no page wider than the window on either, nor on a 1,024 px laptop. Then the report charts: every label at least 12 px, and a table with their numbers.

// axe runs at the two widths whose layouts differ (the phone's cards, the desktop's tables); at
// 1,024 px, the desktop layout in less room, only the sideways scroll is checked: axe there too
// made the spec's tests ~11 % longer (257 vs 231 s summed, busy fresh-clone CIs) and found nothing.
const viewports = [
  { name: "desktop", width: 1280, height: 800, axe: true },
  { name: "small laptop", width: 1024, height: 768, axe: false },
  { name: "phone", width: 390, height: 844, axe: true },
] as const;

type Account = keyof typeof demoAccounts | "anonymous";

/** Every page.tsx of app/(app) with the demo data's ids, and the public auth pages. */
const pages: { path: string; account: Account }[] = [
  { path: "/sign-in", account: "anonymous" },
  { path: "/sign-up", account: "anonymous" },
  { path: "/forgot-password", account: "anonymous" },
  { path: "/advertiser", account: "advertiser" },
  { path: "/advertiser/campaigns", account: "advertiser" },
  { path: "/advertiser/campaigns/new", account: "advertiser" },
  { path: "/advertiser/campaigns/demo-campaign-spring", account: "advertiser" },
  { path: "/advertiser/campaigns/demo-campaign-spring/edit", account: "advertiser" },
  { path: "/advertiser/campaigns/demo-campaign-spring/creatives/new", account: "advertiser" },
  { path: "/advertiser/campaigns/demo-campaign-spring/creatives/demo-creative-spring-mpu/edit", account: "advertiser" },
  { path: "/advertiser/reports?range=today&tz=UTC&granularity=hour", account: "advertiser" },
  { path: "/settings/organization", account: "advertiser" },
  { path: "/settings/members", account: "advertiser" },
  { path: "/settings/security", account: "advertiser" },
  { path: "/settings/api-keys", account: "advertiser" },
  { path: "/settings/audit", account: "advertiser" },
  { path: "/publisher", account: "publisher" },
  { path: "/publisher/sites", account: "publisher" },
  { path: "/publisher/sites/demo-site-trailhead", account: "publisher" },
  { path: "/publisher/sites/demo-site-trailhead/edit", account: "publisher" },
  { path: "/publisher/placements/demo-placement-sidebar", account: "publisher" },
  { path: "/publisher/reports?range=today&tz=UTC&granularity=day", account: "publisher" },
  { path: "/admin", account: "admin" },
  { path: "/admin/review", account: "admin" },
  { path: "/admin/operators", account: "admin" },
  { path: "/admin/audit", account: "admin" },
  { path: "/admin/health", account: "admin" },
  { path: "/admin/outbox", account: "admin" },
  { path: "/admin/traffic", account: "admin" },
  { path: "/dashboard", account: "admin" },
];

const sessions = {} as Record<Account, StorageState>;

test.beforeAll(async ({ browser, playwright }, testInfo) => {
  test.setTimeout(180_000);
  const baseURL = testInfo.project.use.baseURL!;
  sessions.anonymous = { cookies: [], origins: [] };
  for (const account of ["advertiser", "publisher", "admin"] as const) {
    sessions[account] = await demoSession(browser, baseURL, demoAccounts[account].email, demoAccounts[account].password);
  }
  // Reports with numbers: the charts, their tables and the breakdowns are checked too.
  await serveDemoTraffic(playwright, baseURL, { country: "NZ", impressions: 6, clicks: 2 });
});

/** "serious · color-contrast: Elements must meet minimum color contrast ratio thresholds\n    <span class="…">…</span> — Fix any of the following: …" */
function describeViolations(violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"]): string {
  return violations
    .map((violation) =>
      [
        `${violation.impact} · ${violation.id}: ${violation.help} (${violation.helpUrl})`,
        ...violation.nodes.map((node) => `    ${node.target.join(" ")}\n      ${node.html.slice(0, 200)}\n      ${node.failureSummary?.replaceAll("\n", "\n      ")}`),
      ].join("\n"),
    )
    .join("\n\n");
}

async function seriousViolations(page: Page) {
  // resultTypes: only violations are reported in full (axe's own advice for speed: it skips
  // collecting every passing node); the violations and their nodes are the same.
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).options({ resultTypes: ["violations"] }).analyze();
  return results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
}

// One page load per page, checked at each width in turn: the layout is CSS (media queries), so
// resizing the window is what a phone gets — without a second context and navigation per page.
for (const { path, account } of pages) {
  test(`${path} (${account}) has no serious or critical axe violation on a desktop or a phone, and no sideways scroll there nor at 1,024 px`, async ({ browser }, testInfo) => {
    const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: viewports[0], storageState: sessions[account] });
    try {
      const page = await context.newPage();
      const response = await page.goto(path);
      expect(response?.status(), `${path} answers`).toBeLessThan(400);
      // Signed in where the page needs it: no page of the list sends its account back to sign in.
      if (account !== "anonymous") await expect(page).not.toHaveURL(/\/sign-in/);
      await expect(page.locator("main").first()).toBeVisible();
      for (const viewport of viewports) {
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        await expect.poll(() => page.evaluate(() => window.innerWidth)).toBe(viewport.width);
        if (viewport.axe) {
          const violations = await seriousViolations(page);
          expect(violations, `axe on ${path} at ${viewport.name}:\n${describeViolations(violations)}`).toEqual([]);
        }
        // Reflow (WCAG 1.4.10): the page itself never scrolls sideways; a wide table scrolls in its own region.
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${path} scrolls sideways at ${viewport.name}`).toBeLessThanOrEqual(0);
      }
    } finally {
      await context.close();
    }
  });
}

for (const viewport of viewports.filter((each) => each.axe)) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test("the report charts' labels are at least 12 px and their tables hold the same numbers", async ({ browser }, testInfo) => {
      const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport, storageState: sessions.advertiser });
      try {
        const page = await context.newPage();
        for (const granularity of ["day", "hour"]) {
          await page.goto(`/advertiser/reports?range=today&tz=UTC&granularity=${granularity}`);
          const charts = page.locator("figure").filter({ has: page.getByRole("img", { name: /per (day|hour) \(UTC\)/ }) });
          await expect(charts).toHaveCount(2);

          // Every visible piece of text in the charts: axis ticks, bucket labels, legend, summary.
          const sizes = await charts.evaluateAll((figures) =>
            figures.flatMap((figure) => {
              const walker = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
              const found: { text: string; px: number }[] = [];
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const element = node.parentElement;
                if (!element || !node.textContent?.trim() || element.closest("svg, table")) continue;
                if (element.getClientRects().length === 0) continue; // hidden at this width
                found.push({ text: node.textContent.trim(), px: parseFloat(getComputedStyle(element).fontSize) });
              }
              return found;
            }),
          );
          expect(sizes.length, "the charts have visible labels").toBeGreaterThan(10);
          expect(sizes.filter((label) => label.px < 12), `labels under 12 px at ${viewport.name}, ${granularity}`).toEqual([]);
          expect(await page.locator("figure svg text").count(), "no text drawn in the scaled SVG").toBe(0);

          // The tables under "Show as a table" against the report's own table of the same buckets.
          const reportRows = new Map<string, string[]>();
          for (const row of await page.locator('[data-report-table="series"] tbody tr').all()) {
            const cells = (await row.locator("th, td").allTextContents()).map((text) => text.trim());
            reportRows.set(cells[0]!, cells);
          }
          expect(reportRows.size).toBeGreaterThan(0);
          const number = (text: string) => text.replace(/[$,]/g, "");
          for (const [suffix, columns] of [
            ["traffic", [1, 2]],
            ["money", [4]],
          ] as const) {
            const details = page.locator(`[data-chart-table="advertiser-${suffix}"]`);
            await details.getByText("Show as a table").click();
            const table = details.getByRole("table");
            await expect(table).toBeVisible();
            const rows = await table.locator("tbody tr").all();
            expect(rows.length, `one row per bucket (${suffix}, ${granularity})`).toBe(reportRows.size);
            for (const row of rows) {
              const [label, ...values] = (await row.locator("th, td").allTextContents()).map((text) => text.trim());
              const expected = reportRows.get(label!);
              expect(expected, `bucket ${label} is in the report's table`).toBeDefined();
              expect(values.map(number)).toEqual(columns.map((column) => number(expected![column] ?? "")));
            }
          }
        }
      } finally {
        await context.close();
      }
    });
  });
}
