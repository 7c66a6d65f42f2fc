// The core promise of tracking, end to end: two production instances of the app behind no
// load balancer, one PostgreSQL, one Redis (one instance speaks TCP, the other the Upstash
// REST protocol through the bridge; tests/e2e/support/instances.ts). Each beacon sent 10 times
// concurrently, alternating instances: exactly one impression per offer — 10,000 offers with
// Redis, 1,000 with Redis killed. Clicks: replays count once; a click whose beacon never came
// brings its impression; bots' events are recorded as invalid and bill nothing.
import { expect, test } from "@playwright/test";
import { Redis as IORedis } from "ioredis";
import { signOffer, type Offer } from "@/lib/offers/offer-token";
import {
  attachInstanceOutput,
  browserFetch,
  COST_MICROS,
  expectCache,
  expectTotals,
  LANDING_URL,
  mintOffers,
  pool,
  scalar,
  serve,
  SIDEBAR,
  sleep,
  startStack,
  waitFor,
  type Stack,
} from "./support/instances";

const CAMPAIGN = "storm-campaign";
/** A campaign whose budget the spec cuts to five impressions, then spends over both instances. */
const SPENT_CAMPAIGN = "storm-spent-campaign";
const DUPLICATES = 10;
const OFFERS_WITH_REDIS = 10_000;
const OFFERS_WITHOUT_REDIS = 1_000;
const IN_FLIGHT = 32;

let stack: Stack | undefined;

/** Each instance's /api/health `cache`. */
async function cacheStates(stack: Stack): Promise<(string | undefined)[]> {
  return Promise.all(stack.instances.map(async (instance) => ((await (await fetch(`${instance.url}/api/health`)).json()) as { cache?: string }).cache));
}
let specStartedAt = 0;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  specStartedAt = performance.now();
  stack = await startStack({ database: "marquee_storm", campaigns: [CAMPAIGN, SPENT_CAMPAIGN] });
  console.log(`[storm] services and two instances ready in ${((performance.now() - specStartedAt) / 1000).toFixed(1)} s`);
});

test.afterEach(async ({}, testInfo) => {
  await attachInstanceOutput(stack, testInfo, "storm");
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  await stack?.stop();
  console.log(`[storm] spec took ${((performance.now() - specStartedAt) / 1000).toFixed(1)} s`);
});

test("10 duplicate beacons per offer over two instances count exactly 10,000 impressions with Redis", async () => {
  // 100,000 beacons: ~600/s on a two-core machine that other jobs share (~165 s); ~180/s on a
  // busy one (load ~10: 9.5 minutes).
  test.setTimeout(1_200_000);
  await expectCache(stack!, "ok");
  const offers = mintOffers(OFFERS_WITH_REDIS, CAMPAIGN, stack!.secret);
  const storm = await beaconStorm(offers);
  console.log(`[storm] Redis up: ${storm.requests} beacons (${OFFERS_WITH_REDIS} offers × ${DUPLICATES}) in ${storm.seconds.toFixed(1)} s (${Math.round(storm.requests / storm.seconds)}/s), statuses ${JSON.stringify(storm.statuses)}, counted ${storm.events.counted}, duplicate ${storm.events.duplicate}`);

  expect(storm.statuses).toEqual({ 204: OFFERS_WITH_REDIS * DUPLICATES });
  expect(storm.events).toEqual({ counted: OFFERS_WITH_REDIS, duplicate: OFFERS_WITH_REDIS * (DUPLICATES - 1) });
  await expectTotals(stack!, CAMPAIGN, { impressions: OFFERS_WITH_REDIS });

  await clickStorm(offers.slice(0, 100), 5);
  await waitForClicks(100);
});

test("a budget spent by beacons on both instances is mailed to the advertiser once", async () => {
  test.setTimeout(120_000);
  // Five impressions' worth (the stack's campaigns cost COST_MICROS an impression), and forty
  // offers: five are charged, the rest are late events of a spent campaign, each on either
  // instance reporting it exhausted.
  await stack!.database.query(`UPDATE "campaign" SET "totalBudgetMicros" = $2 WHERE "id" = $1`, [SPENT_CAMPAIGN, 5 * COST_MICROS]);
  const storm = await beaconStorm(mintOffers(40, SPENT_CAMPAIGN, stack!.secret), 2);
  expect(storm.statuses).toEqual({ 204: 80 });
  expect(storm.events).toEqual({ counted: 40, duplicate: 40 });
  expect(await scalar(stack!, `SELECT "spentMicros" FROM "campaign" WHERE "id" = $1`, [SPENT_CAMPAIGN])).toBe(5 * COST_MICROS);

  // This suite's instances have no SMTP_URL: the mail is kept in the outbox. The demo
  // advertiser's only member who may edit campaigns is its owner.
  const mailed = `SELECT count(*) FROM "outbox_mail" WHERE "subject" = $1 AND "to" = 'advertiser@marquee.local'`;
  await waitFor(async () => ((await scalar(stack!, mailed, [`Budget spent: ${SPENT_CAMPAIGN}`])) >= 1 ? true : undefined), {
    timeout: 30_000,
    interval: 200,
    description: "the budget-spent mail in the outbox",
  });
  // More late events, on both instances: still the one mail.
  expect((await beaconStorm(mintOffers(20, SPENT_CAMPAIGN, stack!.secret), 1)).statuses).toEqual({ 204: 20 });
  expect(await scalar(stack!, `SELECT count(*) FROM "outbox_mail" WHERE "subject" = $1`, [`Budget spent: ${SPENT_CAMPAIGN}`])).toBe(1);
  expect(await scalar(stack!, `SELECT count(*) FROM "campaign" WHERE "id" = $1 AND "budgetSpentMailedAt" IS NOT NULL`, [SPENT_CAMPAIGN])).toBe(1);
});

test("with Redis killed, the database alone still counts exactly 1,000 impressions", async () => {
  test.setTimeout(300_000);
  await stack!.redis.kill();
  const offers = mintOffers(OFFERS_WITHOUT_REDIS, CAMPAIGN, stack!.secret);
  const storm = await beaconStorm(offers);
  console.log(`[storm] Redis killed: ${storm.requests} beacons (${OFFERS_WITHOUT_REDIS} offers × ${DUPLICATES}) in ${storm.seconds.toFixed(1)} s (${Math.round(storm.requests / storm.seconds)}/s), statuses ${JSON.stringify(storm.statuses)}, counted ${storm.events.counted}, duplicate ${storm.events.duplicate}`);
  // Beacons without a frequency cap send Redis nothing (only a check of parked clicks every 10 s,
  // which this storm can outrun): an ad request, whose active-set check asks Redis, is what
  // makes each instance find it gone.
  await waitFor(
    async () => {
      await Promise.all(stack!.instances.map((_, index) => serve(stack!, index, SIDEBAR)));
      return (await cacheStates(stack!)).every((state) => state === "down") ? true : undefined;
    },
    { timeout: 30_000, interval: 500, description: "both instances to report the cache down once they asked Redis" },
  );

  expect(storm.statuses).toEqual({ 204: OFFERS_WITHOUT_REDIS * DUPLICATES });
  expect(storm.events).toEqual({ counted: OFFERS_WITHOUT_REDIS, duplicate: OFFERS_WITHOUT_REDIS * (DUPLICATES - 1) });
  await expectTotals(stack!, CAMPAIGN, { impressions: OFFERS_WITH_REDIS + OFFERS_WITHOUT_REDIS });

  await clickStorm(offers.slice(0, 100), 5);
  await waitForClicks(200);
});

test("a click whose beacon never came brings its impression; bots' clicks bill nothing; bad tokens are refused", async () => {
  test.setTimeout(60_000);
  const [instance] = stack!.instances;
  const neverShown = mintOffers(50, CAMPAIGN, stack!.secret);
  const botOffer = mintOffers(1, CAMPAIGN, stack!.secret)[0]!;
  await beaconStorm([botOffer], 1);
  await clickStorm(neverShown, 2);
  // A crawler following the click link: redirected, recorded as invalid; the answer does not say which.
  const bot = await fetch(`${instance!.url}/c/${signOffer(botOffer, stack!.secret)}`, { redirect: "manual", headers: { "user-agent": "Googlebot/2.1" } });
  expect(bot.status).toBe(302);
  expect(bot.headers.get("marquee-event")).toBe("accepted");
  const forged = await fetch(`${instance!.url}/c/${signOffer(botOffer, "another-deployment-secret-0123456789")}`, { redirect: "manual" });
  expect(forged.status).toBe(400);
  expect(await forged.json()).toEqual({ error: { code: "bad_request", message: "This ad link is not valid." } });

  await waitForClicks(200 + 50 + 1);
  const ids = (offers: Offer[]) => [offers.map((offer) => offer.offerId)];
  // Each never-shown offer: one impression (billed) and one click, however often it was clicked.
  expect(await scalar(stack!, `SELECT count(*) FROM "impression" WHERE "offerId" = ANY($1) AND "validity" = 'VALID' AND "billable"`, ids(neverShown))).toBe(50);
  expect(await scalar(stack!, `SELECT count(*) FROM "click" WHERE "offerId" = ANY($1) AND "validity" = 'VALID'`, ids(neverShown))).toBe(50);
  expect(await scalar(stack!, `SELECT count(*) FROM "click" WHERE "offerId" = $1 AND "validity" = 'BOT' AND NOT "billable"`, [botOffer.offerId])).toBe(1);
});

test("the beacon and the redirect answer each refusal with its own status", async () => {
  test.setTimeout(60_000);
  const { url } = stack!.instances[0]!;
  const secret = stack!.secret;
  const now = Math.floor(Date.now() / 1000);
  const [valid, expired, future, unknownCreative, bot, prefetch, head, expiredClick] = mintOffers(8, CAMPAIGN, stack!.secret);
  const beacon = (token: string, init: RequestInit = {}) => browserFetch(`${url}/api/i/${token}`, init);
  const errorBody = (code: string, message: string) => ({ error: { code, message } });

  const refusals = [
    { name: "malformed", token: "not-a-token", status: 400, body: errorBody("bad_request", "The impression token is malformed.") },
    { name: "forged", token: signOffer(valid!, "another-deployment-secret-0123456789"), status: 403, body: errorBody("forbidden", "The impression token's signature is not valid.") },
    {
      name: "expired",
      token: signOffer({ ...expired!, issuedAt: now - 2 * 3600 }, secret),
      status: 410,
      body: errorBody("gone", "The impression token has expired: impressions count within 60 minutes of the ad being served."),
    },
    { name: "future", token: signOffer({ ...future!, issuedAt: now + 3600 }, secret), status: 410, body: errorBody("gone", "The impression token is dated in the future.") },
  ];
  for (const refusal of refusals) {
    const response = await beacon(refusal.token);
    expect(response.status, refusal.name).toBe(refusal.status);
    expect(response.headers.get("access-control-allow-origin"), refusal.name).toBe("*");
    expect(response.headers.get("cache-control"), refusal.name).toBe("no-store");
    expect(await response.json(), refusal.name).toEqual(refusal.body);
  }

  const ignored = [
    await beacon(signOffer(prefetch!, secret), { headers: { "sec-purpose": "prefetch" } }),
    await beacon(signOffer(head!, secret), { method: "HEAD" }),
  ];
  for (const response of ignored) {
    expect(response.status).toBe(204);
    expect(response.headers.get("marquee-event")).toBe("ignored");
  }
  expect(await scalar(stack!, `SELECT count(*) FROM "impression" WHERE "offerId" = ANY($1)`, [[prefetch!, head!].map((offer) => offer.offerId)])).toBe(0);
  // A bot's beacon is answered like any other (a script learns nothing), recorded as invalid.
  const botBeacon = await beacon(signOffer(bot!, secret), { headers: { "user-agent": "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)" } });
  expect(botBeacon.headers.get("marquee-event")).toBe("counted");
  expect(await scalar(stack!, `SELECT count(*) FROM "impression" WHERE "offerId" = $1 AND "validity" = 'BOT' AND "costMicros" = 0`, [bot!.offerId])).toBe(1);

  const preflight = await fetch(`${url}/api/i/${signOffer(valid!, secret)}`, { method: "OPTIONS" });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
  expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");

  const counted = await beacon(signOffer(valid!, secret), { method: "POST" });
  expect(counted.status).toBe(204);
  expect(counted.headers.get("marquee-event")).toBe("counted");
  expect(counted.headers.get("access-control-expose-headers")).toBe("Marquee-Event");

  // An old but genuine click link still takes the visitor to the landing page, uncounted.
  const late = await browserFetch(`${url}/c/${signOffer({ ...expiredClick!, issuedAt: now - 2 * 86_400 }, secret)}`, { redirect: "manual" });
  expect(late.status).toBe(302);
  expect(late.headers.get("location")).toBe(LANDING_URL);
  expect(late.headers.get("marquee-event")).toBe("ignored");
  const unknown = await browserFetch(`${url}/c/${signOffer({ ...unknownCreative!, creativeId: "no-such-creative" }, secret)}`, { redirect: "manual" });
  expect(unknown.status).toBe(404);
  expect(await unknown.json()).toEqual(errorBody("not_found", "This ad no longer exists."));
});

test("with the database down, beacons are parked in Redis and clicks still redirect; with Redis down too, beacons get 503 + Retry-After", async () => {
  test.setTimeout(90_000);
  const { redis, postgres, instances, secret } = stack!;
  // Redis back, and each instance's active set cached in it, so clicks can find landing URLs.
  await redis.start();
  await expectCache(stack!, "ok");
  // Past the in-process TTL (1 s), the next read loads from the database and writes Redis.
  await sleep(1_100);
  for (const instance of instances) {
    const warm = await browserFetch(`${instance.url}/c/${signOffer(mintOffers(1, CAMPAIGN, stack!.secret)[0]!, secret)}`, { redirect: "manual" });
    expect(warm.status).toBe(302);
  }
  const probe = new IORedis(redis.url, { maxRetriesPerRequest: 1 });
  try {
    await waitFor(async () => ((await probe.exists("active_campaigns")) === 1 ? true : undefined), { timeout: 15_000, description: "active_campaigns in Redis" });
  } finally {
    probe.disconnect();
  }
  await postgres.kill();

  const parked: string[] = [];
  for (const instance of instances) {
    const [offer] = mintOffers(1, CAMPAIGN, stack!.secret);
    const response = await browserFetch(`${instance.url}/api/i/${signOffer(offer!, secret)}`, { method: "POST" });
    expect(response.status, instance.name).toBe(204);
    expect(response.headers.get("marquee-event"), instance.name).toBe("accepted");
    parked.push(offer!.offerId);

    const click = await browserFetch(`${instance.url}/c/${signOffer(offer!, secret)}`, { redirect: "manual" });
    expect(click.status, instance.name).toBe(302);
    expect(click.headers.get("location"), instance.name).toBe(LANDING_URL);
  }
  const waiting = new IORedis(redis.url, { maxRetriesPerRequest: 1 });
  try {
    expect((await waiting.hkeys("pending_impressions")).sort()).toEqual(parked.sort());
  } finally {
    waiting.disconnect();
  }

  // Nowhere to keep an impression: refused, and the snippet sends it again.
  await redis.kill();
  for (const instance of instances) {
    const [offer] = mintOffers(1, CAMPAIGN, stack!.secret);
    const response = await browserFetch(`${instance.url}/api/i/${signOffer(offer!, secret)}`, { method: "POST" });
    expect(response.status, instance.name).toBe(503);
    expect(response.headers.get("retry-after"), instance.name).toBe("5");
    expect(response.headers.get("marquee-event"), instance.name).toBeNull();
    expect(await response.json(), instance.name).toEqual({
      error: { code: "unavailable", message: "The impression could not be recorded right now. Please retry." },
    });
  }
});

// ─── helpers ────────────────────────────────────────────────────────────────

/** Every offer's beacon `copies` times, interleaved so that copies of one offer are in flight together, alternating instances. */
async function beaconStorm(offers: Offer[], copies = DUPLICATES) {
  const { instances, secret } = stack!;
  const statuses: Record<number, number> = {};
  const events: Record<string, number> = {};
  const tasks: (() => Promise<void>)[] = [];
  for (const offer of offers) {
    const token = signOffer(offer, secret);
    for (let copy = 0; copy < copies; copy += 1) {
      const instance = instances[tasks.length % instances.length]!;
      tasks.push(async () => {
        // Half as sendBeacon does (POST), half as an image/fetch beacon (GET).
        const response = await browserFetch(`${instance.url}/api/i/${token}`, { method: copy % 2 === 0 ? "POST" : "GET" });
        await response.arrayBuffer();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        const event = response.headers.get("marquee-event") ?? `status ${response.status}`;
        events[event] = (events[event] ?? 0) + 1;
      });
    }
  }
  const startedAt = performance.now();
  await pool(tasks, IN_FLIGHT);
  return { statuses, events: { counted: 0, duplicate: 0, ...events }, requests: tasks.length, seconds: (performance.now() - startedAt) / 1000 };
}

/** Each offer's click `copies` times, over both instances: every answer redirects to the creative's landing URL. */
async function clickStorm(offers: Offer[], copies: number) {
  const { instances, secret } = stack!;
  const tasks: (() => Promise<void>)[] = [];
  for (const offer of offers) {
    const token = signOffer(offer, secret);
    for (let copy = 0; copy < copies; copy += 1) {
      const instance = instances[tasks.length % instances.length]!;
      tasks.push(async () => {
        const response = await browserFetch(`${instance.url}/c/${token}`, { redirect: "manual" });
        await response.arrayBuffer();
        expect(response.status).toBe(302);
        expect(response.headers.get("location")).toBe(LANDING_URL);
      });
    }
  }
  await pool(tasks, IN_FLIGHT);
}

/** Clicks are recorded after the redirect (next/server `after`): wait until they are all in, then check nothing more arrives. */
async function waitForClicks(expected: number) {
  const values = [CAMPAIGN];
  const count = () => scalar(stack!, `SELECT count(*) FROM "click" WHERE "campaignId" = $1`, values);
  await waitFor(async () => ((await count()) >= expected ? true : undefined), { timeout: 30_000, interval: 200, description: `${expected} clicks recorded` });
  await sleep(500);
  expect(await count()).toBe(expected);
  expect(await scalar(stack!, `SELECT sum("clicks") FROM "hourly_stat" WHERE "campaignId" = $1`, values)).toBe(expected);
  // Valid clicks never outnumber valid impressions (an invalid click's row may have no impression).
  expect(await scalar(stack!, `SELECT count(*) FROM "hourly_stat" WHERE "campaignId" = $1 AND "validity" = 'VALID' AND "clicks" > "impressions"`, values)).toBe(0);
}
