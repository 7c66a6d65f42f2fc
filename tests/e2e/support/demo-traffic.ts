import { devices, expect, type APIRequestContext, type PlaywrightWorkerArgs } from "@playwright/test";

/**
 * Serves `impressions` ads on a demo placement as a person in desktop Chrome on the demo
 * publisher's site would, counts their views and clicks the first `clicks` of them, so that
 * the reports and overviews have something to show. The tracking routes record scripted
 * clients and other sites' pages as invalid traffic: hence the browser's User-Agent and Origin.
 */
export async function serveDemoTraffic(
  playwright: PlaywrightWorkerArgs["playwright"],
  baseURL: string,
  { placement = "demo-placement-sidebar", country, impressions, clicks }: { placement?: string; country: string; impressions: number; clicks: number },
): Promise<void> {
  const visitor: APIRequestContext = await playwright.request.newContext({
    baseURL,
    userAgent: devices["Desktop Chrome"].userAgent,
    extraHTTPHeaders: { "x-vercel-ip-country": country, origin: "https://trailhead.example" },
  });
  expect(impressions, "one slot (0-9) per impression").toBeLessThanOrEqual(10);
  try {
    for (let index = 0; index < impressions; index++) {
      // One slot each: the same slot asked again within seconds would get the same offer back.
      const served = await visitor.get(`/api/serve?placement=${placement}&slot=${index}`);
      expect(served.status(), `placement ${placement} is filled`).toBe(200);
      const offer = (await served.json()) as { impressionUrl: string; clickUrl: string };
      expect((await visitor.post(offer.impressionUrl)).status()).toBe(204);
      if (index < clicks) expect((await visitor.get(offer.clickUrl, { maxRedirects: 0 })).status()).toBe(302);
    }
  } finally {
    await visitor.dispose();
  }
}
