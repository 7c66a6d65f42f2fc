import http from "node:http";
import type { AddressInfo } from "node:net";
import { devices, expect, test, type BrowserContext, type Page, type Request, type Response } from "@playwright/test";

// The publisher snippet (public/embed.js) on a publisher's page. The pages come from a small
// server of this spec, reached as `trailhead.example:<port>` — the demo publisher's own domain
// (Chromium maps the name to 127.0.0.1: playwright.config.ts) — and the ad server is
// `127.0.0.1:<port>`: different hosts, so every call of the snippet is cross-origin and cookies
// of the two cannot mix.
// Ads, offers, beacons and clicks are the real app's, on its demo data.

// The visitor is a person in desktop Chrome (the tracking routes rightly take headless browsers
// for bots) — a different one in each test: the same client asking for the same placement again
// within seconds would get the same offer back, and its view would be a duplicate.
test.use({ userAgent: async ({}, use, testInfo) => use(`${devices["Desktop Chrome"].userAgent} Visitor/${testInfo.testId}`) });

const LANDING = /^https:\/\/northwind\.example\//;
const SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox";

let adServer: string;
let publisherOrigin: string;
let publisher: http.Server;
const pages = new Map<string, string>();

test.beforeAll(async ({}, testInfo) => {
  adServer = new URL(testInfo.project.use.baseURL!).origin;
  publisher = http.createServer((request, response) => {
    const html = pages.get(request.url ?? "");
    response.writeHead(html ? 200 : 404, { "Content-Type": "text/html; charset=utf-8" });
    response.end(html ?? "Not found");
  });
  await new Promise<void>((resolve) => publisher.listen(0, "127.0.0.1", resolve));
  publisherOrigin = `http://trailhead.example:${(publisher.address() as AddressInfo).port}`;
  expect(new URL(publisherOrigin).host).not.toBe(new URL(adServer).host);
});

test.afterAll(async () => {
  await new Promise((resolve) => publisher.close(resolve));
});

// The snippet must never throw into the host page.
let pageErrors: Error[] = [];
test.beforeEach(({ page }) => {
  pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(error));
});
test.afterEach(() => {
  expect(pageErrors).toEqual([]);
});

/** Serves a publisher page with `body` and the snippet as publishers paste it; returns its URL. */
function publish(body: string, { snippetFirst = false } = {}): string {
  const snippet = `<script async src="${adServer}/embed.js"></script>`;
  const pagePath = `/article-${pages.size + 1}`;
  pages.set(
    pagePath,
    `<!doctype html><html><head><meta charset="utf-8"><title>Trailhead Daily</title>${snippetFirst ? snippet : ""}</head>` +
      `<body style="margin:0">${body}${snippetFirst ? "" : snippet}</body></html>`,
  );
  return publisherOrigin + pagePath;
}

const placement = (id: string, attributes = "") => `<div id="ad" data-marquee-placement="${id}" ${attributes}></div>`;
const spacer = '<div style="height:3000px">Article text</div>';

// By port and path: the app mints tracking URLs with the host it knows itself by, which may
// be `localhost` while the page loaded the snippet from 127.0.0.1.
const onAdServer = (url: string | URL, path: string) => {
  const { port, pathname } = new URL(url);
  return port === new URL(adServer).port && (pathname === path || pathname.startsWith(`${path}/`));
};
const isServe = (url: string | URL) => onAdServer(url, "/api/serve");
const isImpression = (url: string | URL) => onAdServer(url, "/api/i");
const isClick = (url: string | URL) => onAdServer(url, "/c");

interface Offer {
  ad: { kind: "IMAGE" | "TEXT" | "HTML"; width: number; height: number };
  impressionUrl: string;
  clickUrl: string;
}

/** Records the snippet's traffic: the offers it received and the impression beacons it sent. */
function watchTraffic(page: Page) {
  const serveRequests: Request[] = [];
  const impressions: Request[] = [];
  /** One per answered serve request, in order: its offer, or null (no fill). Its body is read later, over the protocol. */
  const answers: Promise<Offer | null>[] = [];
  page.on("request", (request) => {
    if (isServe(request.url())) serveRequests.push(request);
    if (isImpression(request.url())) impressions.push(request);
  });
  page.on("response", (response) => {
    if (isServe(response.url())) answers.push(response.status() === 200 ? (response.json() as Promise<Offer>) : Promise.resolve(null));
  });
  /**
   * The offers of every serve request sent so far, once each answer is read: the page can show
   * an ad before this process has read the answer's body (on a loaded machine, it did).
   */
  const offers = async (): Promise<Offer[]> => {
    await expect.poll(() => answers.length, { message: "every serve request answered" }).toBe(serveRequests.length);
    return (await Promise.all(answers)).filter((offer): offer is Offer => offer !== null);
  };
  return { offers, serveRequests, impressions };
}

/** Answers navigations to the (offline) demo landing pages with a stub page. */
async function stubLandingPages(context: BrowserContext) {
  await context.route(LANDING, (route) => route.fulfill({ contentType: "text/html", body: "<title>Northwind</title>" }));
}

/** The redirect that led to a landing page: the click URL's response. */
async function clickRedirect(landing: Request): Promise<Response> {
  const click = landing.redirectedFrom();
  expect(click, `${landing.url()} was not reached through a redirect`).not.toBeNull();
  expect(isClick(click!.url())).toBe(true);
  return (await click!.response())!;
}

test("fills a 300×250 placement on another origin with a linked ad of that size", async ({ page }) => {
  const traffic = watchTraffic(page);
  const pageUrl = publish(placement("demo-placement-sidebar", 'data-marquee-keywords="outdoor,hiking"'));
  await page.goto(`${pageUrl}#section-2`);

  const slot = page.locator("#ad");
  await expect(slot).toHaveAttribute("data-marquee-state", "filled");
  await expect(page.getByRole("region", { name: "Advertisement" })).toBeVisible();

  expect(traffic.serveRequests).toHaveLength(1);
  const query = new URL(traffic.serveRequests[0]!.url()).searchParams;
  // `width`: the room the page gives the slot, here the window's whole width.
  const room = await page.evaluate(() => document.documentElement.clientWidth);
  expect(Object.fromEntries(query)).toEqual({ placement: "demo-placement-sidebar", keywords: "outdoor,hiking", url: pageUrl, width: String(room) });
  expect(await traffic.serveRequests[0]!.headerValue("cookie")).toBeNull();

  const offer = (await traffic.offers())[0]!;
  const link = slot.locator("a").first();
  await expect(link).toHaveAttribute("href", offer.clickUrl);
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", "noopener sponsored");
  expect(await link.boundingBox()).toMatchObject({ width: 300, height: 250 });
  if (offer.ad.kind === "IMAGE") {
    const image = link.locator("img");
    await expect(image).toHaveAttribute("width", "300");
    await expect(image).toHaveAttribute("height", "250");
    await expect(image).toHaveAttribute("alt", /\S/);
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  } else {
    expect(offer.ad.kind).toBe("TEXT");
    await expect(link).toHaveText(/\S/);
  }
});

test("a text ad's headline and body are shown as text, never parsed as markup", async ({ page }) => {
  // The real offer for the text-only mobile placement, its text replaced by markup.
  const headline = '<img src=x onerror="window.injected=true">Ultralight tents';
  const body = "<b>From 1.1 kg</b>";
  await page.route(isServe, async (route) => {
    const response = await route.fetch();
    const offer = await response.json();
    expect(offer.ad.kind).toBe("TEXT");
    await route.fulfill({ response, json: { ...offer, ad: { ...offer.ad, headline, body } } });
  });
  await page.goto(publish(placement("demo-placement-mobile")));

  const link = page.locator("#ad a");
  await expect(link.locator("strong")).toHaveText(headline);
  await expect(link.locator("strong + span")).toHaveText(body);
  expect(await link.boundingBox()).toMatchObject({ width: 320, height: 50 });
  await expect(page.locator("#ad img, #ad b")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { injected?: boolean }).injected)).toBeUndefined();
});

test("fills each placement with exactly one request, however often fill() is called", async ({ page }) => {
  const traffic = watchTraffic(page);
  await page.goto(
    publish(
      '<div id="top" data-marquee-placement="demo-placement-leaderboard"></div>' +
        '<div id="side" data-marquee-placement="demo-placement-sidebar"></div>',
    ),
  );
  await expect(page.locator("#top")).toHaveAttribute("data-marquee-state", "filled");
  await expect(page.locator("#side")).toHaveAttribute("data-marquee-state", "filled");

  await page.evaluate(async () => {
    const { marquee } = window as unknown as { marquee: { fill(target?: Element | string): Promise<void> } };
    await Promise.all([marquee.fill(), marquee.fill("#top"), marquee.fill(document.getElementById("side")!)]);
    document.body.append(document.getElementById("top")!); // moved by the page: still the same ad
  });
  await page.waitForTimeout(500);

  expect(traffic.serveRequests.map((request) => new URL(request.url()).searchParams.get("placement")).sort()).toEqual([
    "demo-placement-leaderboard",
    "demo-placement-sidebar",
  ]);
  expect(await page.locator("#top a").boundingBox()).toMatchObject({ width: 728, height: 90 });
});

test("counts no view while the ad is out of view, then exactly one after a second in view", async ({ page }) => {
  const traffic = watchTraffic(page);
  await page.goto(publish(spacer + placement("demo-placement-sidebar") + spacer));
  const slot = page.locator("#ad");
  await expect(slot).toHaveAttribute("data-marquee-state", "filled");

  await page.waitForTimeout(2_000);
  expect(traffic.impressions).toHaveLength(0);

  const beacon = page.waitForRequest((request) => isImpression(request.url()));
  // Taken before the scroll is asked for: the ad cannot be in view earlier, while the answer
  // to the scroll may reach this process late on a busy machine (and shorten the second).
  const inViewAt = Date.now();
  await slot.scrollIntoViewIfNeeded();
  expect((await beacon).url()).toBe((await traffic.offers())[0]!.impressionUrl);
  expect(Date.now() - inViewAt).toBeGreaterThanOrEqual(900);
  expect((await beacon).method()).toBe("POST");

  // Scrolled away and back: the same offer is never counted twice.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await slot.scrollIntoViewIfNeeded();
  await page.waitForTimeout(1_500);
  expect(traffic.impressions).toHaveLength(1);
});

test("a dashboard preview (data-marquee-preview) shows the ad but never counts a view", async ({ page }) => {
  const traffic = watchTraffic(page);
  await page.goto(publish(placement("demo-placement-sidebar", "data-marquee-preview")));
  await expect(page.locator("#ad")).toHaveAttribute("data-marquee-state", "filled");
  await page.waitForTimeout(2_000);
  expect(await traffic.offers()).toHaveLength(1);
  expect(traffic.impressions).toHaveLength(0);
});

test("a glance shorter than a second counts no view; the second starts again when it returns", async ({ page }) => {
  const traffic = watchTraffic(page);
  await page.goto(publish(spacer + placement("demo-placement-sidebar") + spacer));
  const slot = page.locator("#ad");
  await expect(slot).toHaveAttribute("data-marquee-state", "filled");

  // The glance is timed in the page: timed from here, the round trips to the browser would add
  // to it, and on a busy machine make it last a second.
  await page.evaluate(async () => {
    document.getElementById("ad")!.scrollIntoView();
    await new Promise((resolve) => setTimeout(resolve, 300));
    window.scrollTo(0, 0);
  });
  await page.waitForTimeout(1_500);
  expect(traffic.impressions).toHaveLength(0);

  const beacon = page.waitForRequest((request) => isImpression(request.url()));
  const inViewAt = Date.now(); // before the scroll is asked for, as above
  await slot.scrollIntoViewIfNeeded();
  await beacon;
  expect(Date.now() - inViewAt).toBeGreaterThanOrEqual(900);
});

test("counts no view while the page is hidden, and one once it is shown", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
  });
  const traffic = watchTraffic(page);
  await page.goto(publish(placement("demo-placement-sidebar")));
  await expect(page.locator("#ad")).toHaveAttribute("data-marquee-state", "filled");

  await page.waitForTimeout(2_000);
  expect(traffic.impressions).toHaveLength(0);

  const beacon = page.waitForRequest((request) => isImpression(request.url()));
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  expect((await beacon).url()).toBe((await traffic.offers())[0]!.impressionUrl);
});

test("the impression beacon is counted once; a replay of it is a duplicate", async ({ page }) => {
  const traffic = watchTraffic(page);
  const beacon = page.waitForResponse((response) => isImpression(response.url()));
  await page.goto(publish(placement("demo-placement-sidebar")));

  const response = await beacon;
  expect(response.status()).toBe(204);
  expect(response.headers()["marquee-event"]).toBe("counted");

  const replay = await page.request.post((await traffic.offers())[0]!.impressionUrl);
  expect(replay.status()).toBe(204);
  expect(replay.headers()["marquee-event"]).toBe("duplicate");
  expect(traffic.impressions).toHaveLength(1);
});

test("a beacon the server refuses (503) is sent again and then counted once", async ({ page }) => {
  test.setTimeout(45_000);
  const traffic = watchTraffic(page);
  // The first beacon meets a database outage; the retry reaches the real server.
  let refused = 0;
  await page.route(isImpression, async (route) => {
    if (refused === 0) {
      refused += 1;
      await route.fulfill({
        status: 503,
        headers: { "access-control-allow-origin": "*", "retry-after": "5", "content-type": "application/json" },
        body: JSON.stringify({ error: { code: "unavailable", message: "The impression could not be recorded right now. Please retry." } }),
      });
      return;
    }
    await route.continue();
  });
  const counted = page.waitForResponse((response) => isImpression(response.url()) && response.status() === 204, { timeout: 30_000 });
  const startedAt = Date.now();
  await page.goto(publish(placement("demo-placement-sidebar")));

  const response = await counted;
  expect(response.headers()["marquee-event"]).toBe("counted");
  expect(Date.now() - startedAt).toBeGreaterThan(5_000); // after the back-off, not at once
  expect(refused).toBe(1);
  const [offer] = await traffic.offers();
  expect(traffic.impressions.map((request) => request.url())).toEqual([offer!.impressionUrl, offer!.impressionUrl]);
  const replay = await page.request.post(offer!.impressionUrl);
  expect(replay.headers()["marquee-event"]).toBe("duplicate");
});

test("a click goes through the click URL to the creative's landing page; a replay redirects the same way", async ({ page, context }) => {
  await stubLandingPages(context);
  const traffic = watchTraffic(page);
  const counted = page.waitForResponse((response) => isImpression(response.url()));
  await page.goto(publish(placement("demo-placement-sidebar")));
  await counted; // a click counts only after its impression

  const landing = context.waitForEvent("request", (request) => LANDING.test(request.url()));
  await page.locator("#ad a").click();
  const redirect = await clickRedirect(await landing);
  const [offer] = await traffic.offers();
  expect(redirect.url()).toBe(offer!.clickUrl);
  expect(redirect.status()).toBe(302);
  const location = redirect.headers()["location"]!;
  expect(location).toMatch(LANDING);
  // The click route records after redirecting: "accepted" (not ignored as a bot) is all it can say.
  expect(redirect.headers()["marquee-event"]).toBe("accepted");
  expect(await page.locator("#ad").innerHTML()).not.toContain("northwind.example");

  const replay = await page.request.get(offer!.clickUrl, { maxRedirects: 0 });
  expect(replay.status()).toBe(302);
  expect(replay.headers()["location"]).toBe(location);
});

test("an HTML creative runs in a sandboxed frame that cannot reach the page", async ({ page }) => {
  const traffic = watchTraffic(page);
  await page.goto(publish(placement("demo-placement-halfpage")));
  await expect(page.locator("#ad")).toHaveAttribute("data-marquee-state", "filled");
  const [offer] = await traffic.offers();
  expect(offer!.ad.kind).toBe("HTML");

  const iframe = page.locator("#ad iframe");
  await expect(iframe).toHaveAttribute("sandbox", SANDBOX);
  expect(await iframe.boundingBox()).toMatchObject({ width: 300, height: 600 });
  await expect(page.locator("#ad").getByRole("link", { name: "Ad · Learn more" })).toHaveAttribute(
    "href",
    offer!.clickUrl,
  );

  const frame = (await (await iframe.elementHandle())!.contentFrame())!;
  await expect(frame.locator("h2")).toHaveText("The Trailhead newsletter");
  const reach = await frame.evaluate(() => {
    const attempt = (read: () => unknown) => {
      try {
        read();
        return "allowed";
      } catch {
        return "blocked";
      }
    };
    return {
      parentDocument: attempt(() => parent.document.title),
      cookies: attempt(() => document.cookie),
      storage: attempt(() => localStorage.length),
    };
  });
  expect(reach).toEqual({ parentDocument: "blocked", cookies: "blocked", storage: "blocked" });
});

test("a click inside an HTML creative opens its click URL in a new tab", async ({ page, context }) => {
  await stubLandingPages(context);
  const traffic = watchTraffic(page);
  const counted = page.waitForResponse((response) => isImpression(response.url()));
  await page.goto(publish(placement("demo-placement-halfpage")));
  await counted;

  const landing = context.waitForEvent("request", (request) => LANDING.test(request.url()));
  const popup = context.waitForEvent("page");
  await page.frameLocator("#ad iframe").locator("h2").click();
  await popup;
  const redirect = await clickRedirect(await landing);
  expect(redirect.url()).toBe((await traffic.offers())[0]!.clickUrl);
  expect(redirect.status()).toBe(302);
  expect(redirect.headers()["location"]).toMatch(LANDING);
  expect(page.url()).toMatch(/\/article-\d+$/); // the publisher's page stays where it was
});

test("a placement added after load is filled", async ({ page }) => {
  await page.goto(publish("<main></main>"));
  await page.waitForFunction(() => "marquee" in window);
  await page.evaluate(() => {
    const slot = document.createElement("div");
    slot.id = "late";
    slot.dataset.marqueePlacement = "demo-placement-sidebar";
    document.querySelector("main")!.append(slot);
  });
  await expect(page.locator("#late")).toHaveAttribute("data-marquee-state", "filled");
  expect(await page.locator("#late a").first().boundingBox()).toMatchObject({ width: 300, height: 250 });
});

test("placements parsed after the snippet ran are filled", async ({ page }) => {
  await page.goto(publish(placement("demo-placement-sidebar"), { snippetFirst: true }));
  await expect(page.locator("#ad")).toHaveAttribute("data-marquee-state", "filled");
});

test("refresh() within seconds shows the same offer, not counted twice; later a new one, counted again", async ({ page }) => {
  const traffic = watchTraffic(page);
  const firstView = page.waitForRequest((request) => isImpression(request.url()));
  await page.goto(publish(placement("demo-placement-sidebar")));
  await firstView;
  const refresh = () => page.evaluate(() => (window as unknown as { marquee: { refresh(): Promise<void> } }).marquee.refresh());
  const first = (await traffic.offers())[0]!;

  // Offers repeat within fixed 5-second windows (REPEAT_OFFER_SECONDS), so the first load may
  // sit at a window's end: refresh until the next window brings a new offer — the refreshes
  // before it got the first one back and sent no view of it.
  await expect
    .poll(
      async () => {
        await refresh();
        return (await traffic.offers()).at(-1)!.impressionUrl !== first.impressionUrl;
      },
      { timeout: 20_000, intervals: [250] },
    )
    .toBe(true);
  const second = (await traffic.offers()).at(-1)!;
  const secondView = page.waitForRequest((request) => isImpression(request.url()));

  // That offer came at most a refresh after its window opened: a reload now gets it back.
  await refresh();
  expect((await traffic.offers()).at(-1)!.impressionUrl).toBe(second.impressionUrl);
  await expect(page.locator("#ad a").first()).toHaveAttribute("href", second.clickUrl);
  expect((await secondView).url()).toBe(second.impressionUrl);
  // Each offer is sent once, however many times it was shown.
  expect(traffic.impressions.map((request) => request.url())).toEqual([first.impressionUrl, second.impressionUrl]);
});

test("no fill collapses the placement", async ({ page }) => {
  // The demo data fills every placement; this is the contract's no-fill answer.
  await page.route(isServe, (route) =>
    route.fulfill({ status: 204, headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" } }),
  );
  await page.goto(publish(placement("demo-placement-sidebar")));
  const slot = page.locator("#ad");
  await expect(slot).toHaveAttribute("data-marquee-state", "empty");
  await expect(slot).toBeHidden();
});

/** How far the page scrolls sideways (0: it fits its window). */
const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test("on a phone, a placement wider than the screen stays empty and the page never scrolls sideways; those that fit fill", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const traffic = watchTraffic(page);
  await page.goto(
    publish(
      '<main style="padding:0 16px"><div id="top" data-marquee-placement="demo-placement-leaderboard"></div><p>Article text</p>' +
        '<div id="banner" data-marquee-placement="demo-placement-mobile"></div><div id="side" data-marquee-placement="demo-placement-sidebar"></div></main>',
    ),
  );
  for (const id of ["#banner", "#side"]) await expect(page.locator(id)).toHaveAttribute("data-marquee-state", "filled");
  // 728 px in 358: the server was told the room and answered no fill (before, a 728 px ad made
  // the page 744 px wide, its "Ad" label off screen to the right).
  const top = page.locator("#top");
  await expect(top).toHaveAttribute("data-marquee-state", "empty");
  await expect(top).toBeHidden();
  const asked = Object.fromEntries(traffic.serveRequests.map((request) => new URL(request.url()).searchParams).map((query) => [query.get("placement"), query.get("width")]));
  expect(asked).toEqual({ "demo-placement-leaderboard": "358", "demo-placement-mobile": "358", "demo-placement-sidebar": "358" });
  expect(await sidewaysScroll(page)).toBe(0);
  expect(await page.locator("#banner a").boundingBox()).toMatchObject({ width: 320, height: 50 });
});

test("a phone turned to landscape fills the slot that had no room; turned back, the ad that no longer fits gives way", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const traffic = watchTraffic(page);
  await page.goto(
    publish('<main style="padding:0 16px"><div id="top" data-marquee-placement="demo-placement-leaderboard"></div><p>Article text</p><div id="banner" data-marquee-placement="demo-placement-mobile"></div></main>'),
  );
  const top = page.locator("#top");
  await expect(page.locator("#banner")).toHaveAttribute("data-marquee-state", "filled");
  await expect(top).toHaveAttribute("data-marquee-state", "empty");
  const asked = () => traffic.serveRequests.map((request) => new URL(request.url()).searchParams).map((query) => `${query.get("placement")}@${query.get("width")}`);
  expect(asked().sort()).toEqual(["demo-placement-leaderboard@358", "demo-placement-mobile@358"]);

  // Landscape: 812 px of room, and the 728 px leaderboard fits.
  await page.setViewportSize({ width: 844, height: 390 });
  await expect(top).toHaveAttribute("data-marquee-state", "filled");
  expect(await page.locator("#top a").boundingBox()).toMatchObject({ width: 728, height: 90 });
  // The banner, which fits either way, asked nothing more.
  expect(asked().slice(2)).toEqual(["demo-placement-leaderboard@812"]);
  expect(await sidewaysScroll(page)).toBe(0);

  // Portrait again: the leaderboard asks with the room it has, gets no fill and collapses.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(top).toHaveAttribute("data-marquee-state", "empty");
  await expect(top).toBeHidden();
  expect(asked().slice(3)).toEqual(["demo-placement-leaderboard@358"]);
  expect(await sidewaysScroll(page)).toBe(0);
  await expect(page.locator("#banner")).toHaveAttribute("data-marquee-state", "filled");
});

test("a column narrower than the placement gets no ad; a slot that takes no width of its own (a flex item) is measured by its container", async ({ page }) => {
  const traffic = watchTraffic(page);
  await page.goto(
    publish(
      '<div style="width:600px;padding:0 20px"><div id="column" data-marquee-placement="demo-placement-leaderboard"></div></div>' +
        '<div style="display:flex;justify-content:center"><div id="centred" data-marquee-placement="demo-placement-leaderboard"></div></div>',
    ),
  );
  await expect(page.locator("#column")).toHaveAttribute("data-marquee-state", "empty");
  await expect(page.locator("#centred")).toHaveAttribute("data-marquee-state", "filled");
  expect(await page.locator("#centred a").boundingBox()).toMatchObject({ width: 728, height: 90 });
  const widths = traffic.serveRequests.map((request) => Number(new URL(request.url()).searchParams.get("width"))).sort((a, b) => a - b);
  expect(widths[0]).toBe(600);
  expect(widths[1]).toBe(await page.evaluate(() => document.documentElement.clientWidth));
});

test("a slot the page hides asks for nothing until the page shows it (one placement for phones, one for wider screens)", async ({ page }) => {
  const traffic = watchTraffic(page);
  await page.goto(
    publish(
      "<style>@media (min-width: 768px) { #phone { display: none } } @media (max-width: 767px) { #wide { display: none } }</style>" +
        '<div id="wide" data-marquee-placement="demo-placement-leaderboard"></div><div id="phone" data-marquee-placement="demo-placement-mobile"></div>',
    ),
  );
  await expect(page.locator("#wide")).toHaveAttribute("data-marquee-state", "filled");
  await expect(page.locator("#phone")).toHaveAttribute("data-marquee-state", "hidden");
  expect(traffic.serveRequests.map((request) => new URL(request.url()).searchParams.get("placement"))).toEqual(["demo-placement-leaderboard"]);

  // Narrowed to a phone's width, the page shows the phone's slot: it fills then.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.locator("#phone")).toHaveAttribute("data-marquee-state", "filled");
  expect(await page.locator("#phone a").boundingBox()).toMatchObject({ width: 320, height: 50 });
  expect(traffic.serveRequests.map((request) => new URL(request.url()).searchParams.get("placement"))).toEqual(["demo-placement-leaderboard", "demo-placement-mobile"]);
  expect(await sidewaysScroll(page)).toBe(0);
});

test("an unknown placement or a network failure leaves the page as it was", async ({ page }) => {
  const fallback = "Support Trailhead Daily";
  await page.route(
    (url) => isServe(url) && url.searchParams.get("placement") === "demo-placement-offline",
    (route) => route.abort("internetdisconnected"),
  );
  await page.goto(
    publish(
      `<div id="unknown" data-marquee-placement="no-such-placement">${fallback}</div>` +
        `<div id="offline" data-marquee-placement="demo-placement-offline">${fallback}</div>`,
    ),
  );
  for (const id of ["#unknown", "#offline"]) {
    await expect(page.locator(id)).toHaveAttribute("data-marquee-state", "error");
    await expect(page.locator(id)).toHaveText(fallback);
  }
});

test("sets no cookies and uses no storage on either origin", async ({ page, context }) => {
  await stubLandingPages(context);
  const counted = page.waitForResponse((response) => isImpression(response.url()));
  await page.goto(publish(placement("demo-placement-sidebar") + '<div data-marquee-placement="demo-placement-halfpage"></div>'));
  const response = await counted;
  expect(await response.headerValue("set-cookie")).toBeNull();

  const landing = context.waitForEvent("request", (request) => LANDING.test(request.url()));
  await page.locator("#ad a").first().click();
  await landing;

  expect(await context.cookies()).toEqual([]);
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
  const state = await context.storageState();
  expect(state.origins.filter((origin) => origin.localStorage.length > 0)).toEqual([]);
});

