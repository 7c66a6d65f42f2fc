// Load and faults, end to end: two production instances (A: TCP Redis, B: Upstash REST through
// the bridge) behind one PostgreSQL and one redis-server (tests/e2e/support/instances.ts), driven
// by a bounded pool of plain fetches from this process, while the test
//   - pauses a campaign through the dashboard: both instances stop serving it within the
//     in-process cache's TTL;
//   - kills, freezes and restarts Redis: /api/serve never answers 5xx, nothing is counted twice;
//   - kills PostgreSQL: /api/serve keeps answering from the cached active set, beacons are
//     acknowledged and parked in Redis (or refused with 503 and retried — never acknowledged and
//     lost), clicks still redirect and are parked too; after the restart every offer's
//     impression and click counts exactly once.
// Each scenario prints one summary line ([faults] …) with its counts, rates and latencies.
import { expect, test, type Page } from "@playwright/test";
import { Redis as IORedis } from "ioredis";
import { DEFAULT_LOCAL_TTL_MS } from "@/lib/cache/active-campaigns-cache";
import { stampOf } from "@/lib/cache/active-campaigns-envelope";
import { signOffer, type Offer } from "@/lib/offers/offer-token";
import {
  attachInstanceOutput,
  beacon,
  describeLoad,
  expectCache,
  expectTotals,
  LANDING_URL,
  browserFetch,
  mintOffers,
  pool,
  scalar,
  serve,
  SIDEBAR,
  sleep,
  startLoad,
  startStack,
  summarize,
  waitFor,
  type Sample,
  type Stack,
} from "./support/instances";
import { demoAccounts, demoSession } from "./support/sign-in";

/** The seed's campaign with the only 728×90 creative: the leaderboard's only eligible ad. */
const SPRING_ID = "demo-campaign-spring";
const SPRING = "Spring trail shoes";
const LEADERBOARD = "demo-placement-leaderboard";
const REDIS_CAMPAIGN = "fault-redis-campaign";
const POSTGRES_CAMPAIGN = "fault-postgres-campaign";
/** A pause must be visible to every request that starts this long after the pause action returned. */
const VISIBILITY_MARGIN_MS = 250;
const PAUSE_DEADLINE_MS = DEFAULT_LOCAL_TTL_MS + VISIBILITY_MARGIN_MS;
const SERVE_WORKERS = 8;
/** Each beacon worker sends one offer to both instances at once: twice as many requests in flight. */
const BEACON_WORKERS = 8;

let stack: Stack | undefined;
let specStartedAt = 0;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  specStartedAt = performance.now();
  stack = await startStack({
    database: "marquee_faults",
    campaigns: [REDIS_CAMPAIGN, POSTGRES_CAMPAIGN],
    // PostgreSQL is killed with SIGKILL below: a commit it acknowledged must survive that (the
    // throwaway default, synchronous_commit=off, may lose the last fraction of a second of WAL).
    postgresSettings: { synchronous_commit: "on" },
  });
  console.log(`[faults] services and two instances ready in ${((performance.now() - specStartedAt) / 1000).toFixed(1)} s`);
});

test.afterEach(async ({}, testInfo) => {
  await attachInstanceOutput(stack, testInfo, "faults");
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  await stack?.stop();
  console.log(`[faults] spec took ${((performance.now() - specStartedAt) / 1000).toFixed(1)} s`);
});

test("a campaign paused in the dashboard under load stops serving on both instances within the in-process TTL", async ({ browser }) => {
  test.setTimeout(120_000);
  const { instances } = stack!;
  for (const index of instances.keys()) {
    await waitFor(async () => ((await serve(stack!, index, LEADERBOARD)).campaignId === SPRING_ID ? true : undefined), {
      timeout: 30_000,
      description: `${instances[index]!.name} to serve ${SPRING} on the leaderboard`,
    });
  }
  const { email, password } = demoAccounts.advertiser;
  const context = await browser.newContext({ baseURL: instances[0]!.url, storageState: await demoSession(browser, instances[0]!.url, email, password) });
  const page = await context.newPage();
  await page.goto(`/advertiser/campaigns/${SPRING_ID}`);

  const samples: Sample[] = [];
  const load = startLoad(2 * SERVE_WORKERS, async (worker) => {
    samples.push(await serve(stack!, worker % 2, LEADERBOARD));
  });
  let clickedAt = 0;
  let returnedAt = 0;
  let observedAt = 0;
  try {
    await sleep(2_000);
    // The server action's POST (Next sends it with a Next-Action header); its answer comes once
    // the action has returned, i.e. after the campaign is paused and the cache invalidated.
    const actionResponse = page.waitForResponse((response) => response.request().method() === "POST" && response.request().headers()["next-action"] !== undefined);
    clickedAt = performance.now();
    await page.getByRole("button", { name: `Pause ${SPRING}` }).click();
    const response = await actionResponse;
    observedAt = performance.now();
    // The browser saw the answer's headers a little before this process heard of it: take the
    // earlier of the two (the stricter deadline).
    const timing = response.request().timing();
    const answeredInBrowser = timing.responseStart >= 0 ? timing.startTime + timing.responseStart - performance.timeOrigin : Number.POSITIVE_INFINITY;
    returnedAt = Math.max(clickedAt, Math.min(observedAt, answeredInBrowser));
    await expect(page.getByRole("status").filter({ hasText: "Campaign paused." })).toBeVisible();
    await sleep(returnedAt + PAUSE_DEADLINE_MS + 3_000 - performance.now());
  } finally {
    await load.stop();
    await resumeSpring(page).finally(() => context.close());
  }

  const deadline = returnedAt + PAUSE_DEADLINE_MS;
  const perInstance = instances.map((instance, index) => {
    const mine = samples.filter((sample) => sample.instance === index);
    const spring = mine.filter((sample) => sample.campaignId === SPRING_ID);
    const lastSpringStart = Math.max(...spring.map((sample) => sample.startedAt));
    return {
      name: instance.name,
      servedBeforePause: spring.filter((sample) => sample.startedAt < clickedAt).length,
      afterDeadline: mine.filter((sample) => sample.startedAt > deadline),
      /** How long after the pause returned a request still started that was served the paused campaign. */
      latency: lastSpringStart - returnedAt,
      /** The same, from the click (the action's own time included). */
      latencyFromClick: lastSpringStart - clickedAt,
    };
  });
  const worst = Math.max(...perInstance.map((instance) => instance.latency));
  console.log(
    `[faults] pause under load: ${describeLoad(samples)}; pause action answered ${Math.round(returnedAt - clickedAt)} ms after the click (seen here after ${Math.round(observedAt - clickedAt)} ms); ` +
      `last request served the paused campaign, started after the pause returned: ${perInstance.map((instance) => `${instance.name} ${Math.round(instance.latency)} ms (${Math.round(instance.latencyFromClick)} ms after the click)`).join(", ")} ` +
      `(worst ${Math.round(worst)} ms; bound ${PAUSE_DEADLINE_MS} ms); requests started after the bound: ${perInstance.map((instance) => instance.afterDeadline.length).join(" + ")}`,
  );

  const summary = summarize(samples);
  expect(summary.serverErrors).toBe(0);
  expect(summary.transportErrors).toBe(0);
  // Nothing else may fill the leaderboard: every ad answered was the Spring campaign's.
  expect(samples.filter((sample) => sample.status === 200 && sample.campaignId !== SPRING_ID)).toEqual([]);
  for (const instance of perInstance) {
    expect(instance.servedBeforePause, `${instance.name} served ${SPRING} before the pause`).toBeGreaterThan(0);
    expect(instance.afterDeadline.length, `${instance.name} was under load after the deadline`).toBeGreaterThan(50);
    const stale = instance.afterDeadline.filter((sample) => sample.status !== 204);
    expect(stale.map((sample) => ({ status: sample.status, campaignId: sample.campaignId, startedAfterPauseMs: Math.round(sample.startedAt - returnedAt) })), instance.name).toEqual([]);
  }
  expect(worst).toBeLessThanOrEqual(PAUSE_DEADLINE_MS);
});

test("Redis killed, frozen and restarted under load: /api/serve never answers 5xx and nothing is counted twice", async () => {
  test.setTimeout(120_000);
  const { redis } = stack!;
  await expectCache(stack!, "ok");
  const { offers, serveSamples, beaconSamples, phases } = await underLoad(REDIS_CAMPAIGN, [SIDEBAR, LEADERBOARD], async (mark) => {
    try {
      await sleep(3_000);
      mark("killed");
      await redis.kill();
      await sleep(4_000);
      mark("started");
      await redis.start();
      await sleep(3_000);
      mark("frozen");
      redis.pause();
      await sleep(4_000);
      mark("thawed");
      redis.resume();
      await sleep(3_000);
      mark("restarted");
      await redis.restart();
      await sleep(3_000);
    } finally {
      redis.resume();
      if (!redis.running) await redis.start();
    }
  });

  const counted = countBy(beaconSamples.filter((sample) => sample.event === "counted").map((sample) => sample.offerId!));
  const beacons = summarize(beaconSamples);
  console.log(
    `[faults] Redis killed/frozen/restarted: serve ${describeLoad(serveSamples)}; beacons ${describeLoad(beaconSamples)}, ` +
      `${offers.length} distinct offers, counted ${sumValues(counted)}; per phase serve p99: ${phaseLatencies(serveSamples, phases)}`,
  );

  expect(summarize(serveSamples).serverErrors, "5xx on /api/serve").toBe(0);
  expect(summarize(serveSamples).transportErrors, "transport errors on /api/serve").toBe(0);
  // Redis is only a fast path: the database records every beacon whatever Redis does.
  expect(beacons.statuses).toEqual({ 204: beaconSamples.length });
  expect([...counted.values()].filter((times) => times > 1).length, "offers counted more than once").toBe(0);
  expect(counted.size).toBe(offers.length);
  await expectTotals(stack!, REDIS_CAMPAIGN, { impressions: offers.length });
});

test("PostgreSQL killed under load: /api/serve answers from the cache, beacons and clicks are parked in Redis and count exactly once after the restart", async () => {
  test.setTimeout(150_000);
  const { postgres, database } = stack!;
  await expectCache(stack!, "ok");
  await expectActiveSetInRedis();
  // Impressions counted before the outage, clicked during it (each click twice, on both instances).
  const clickOffers = mintOffers(40, POSTGRES_CAMPAIGN, stack!.secret);
  for (const offer of clickOffers) expect((await beacon(stack!, 0, offer)).event).toBe("counted");
  const clickStatuses: Record<string, number> = {};
  const { offers, serveSamples, beaconSamples, phases } = await underLoad(POSTGRES_CAMPAIGN, [SIDEBAR], async (mark) => {
    try {
      await sleep(3_000);
      mark("killed");
      await postgres.kill();
      await sleep(1_000);
      await pool(
        clickOffers.flatMap((offer) =>
          [0, 1].map((instance) => async () => {
            const response = await browserFetch(`${stack!.instances[instance]!.url}/c/${signOffer(offer, stack!.secret)}`, { redirect: "manual" });
            await response.arrayBuffer();
            const key = `${response.status} ${response.headers.get("location") === LANDING_URL ? "landing" : response.headers.get("location")}`;
            clickStatuses[key] = (clickStatuses[key] ?? 0) + 1;
          }),
        ),
        8,
      );
      await sleep(5_000);
      mark("started");
      await postgres.start();
      await sleep(4_000);
    } finally {
      // The same data folder: what was committed before the crash is still there.
      if (!postgres.running) await postgres.start();
    }
  });
  await waitFor(() => database.query("SELECT 1").then(() => true), { timeout: 30_000, description: "PostgreSQL to answer again" });

  // The load client's part of the contract: every offer refused (503) or lost on the way is sent again.
  const refused = new Set(beaconSamples.filter((sample) => sample.status === 503 || sample.status === 0).map((sample) => sample.offerId!));
  const retrySamples = await retryUntilAcknowledged(offers.filter((offer) => refused.has(offer.offerId)));
  const clicked = new Set(clickOffers.map((offer) => offer.offerId));
  const clickIds = [...clicked];
  const clicks = () => scalar(stack!, `SELECT count(*) FROM "click" WHERE "offerId" = ANY($1)`, [clickIds]);
  // The parked events are replayed by an instance after the next event it records: keep a
  // trickle of beacons going (of offers of their own, outside the samples) until none waits.
  const trickleOffers: Offer[] = [];
  await waitFor(
    async () => {
      const pair = mintOffers(2, POSTGRES_CAMPAIGN, stack!.secret);
      trickleOffers.push(...pair);
      await Promise.all(pair.map((offer, instance) => beacon(stack!, instance, offer)));
      return (await parked("pending_impressions")) + (await parked("pending_clicks")) === 0 ? true : undefined;
    },
    { timeout: 60_000, interval: 500, description: "the parked impressions and clicks to be replayed" },
  ).catch(async (error: unknown) => {
    throw new Error(`${String(error)}; ${await parked("pending_impressions")} impressions and ${await parked("pending_clicks")} clicks still parked in Redis`);
  });
  const trickle = new Set(trickleOffers.map((offer) => offer.offerId));
  // The clicked offers' impressions were counted before the load, outside these samples; so were the trickle's.
  const stored = new Set([...(await impressionOfferIds(POSTGRES_CAMPAIGN))].filter((offerId) => !clicked.has(offerId) && !trickle.has(offerId)));

  const all = [...beaconSamples, ...retrySamples];
  const acknowledged = new Set(all.filter((sample) => sample.status === 204).map((sample) => sample.offerId!));
  const counted = countBy(all.filter((sample) => sample.event === "counted").map((sample) => sample.offerId!));
  const accepted = new Set(all.filter((sample) => sample.event === "accepted").map((sample) => sample.offerId!));
  const transportErrors = all.filter((sample) => sample.status === 0);
  const killedAt = phases.find((phase) => phase.name === "killed")!.at;
  const startedAt = phases.find((phase) => phase.name === "started")!.at;
  const servedDuringOutage = serveSamples.filter((sample) => sample.startedAt > killedAt && sample.endedAt < startedAt);
  const beaconsDuringOutage = beaconSamples.filter((sample) => sample.startedAt > killedAt && sample.endedAt < startedAt);
  const committedWithoutCountedAnswer = [...stored].filter((offerId) => !counted.has(offerId) && !accepted.has(offerId)).length;
  console.log(
    `[faults] PostgreSQL killed: serve ${describeLoad(serveSamples)} (during the outage: ${describeLoad(servedDuringOutage)}); ` +
      `beacons ${describeLoad(beaconSamples)} (during the outage: ${describeLoad(beaconsDuringOutage)}); ` +
      `${offers.length} distinct offers, ${refused.size} refused and retried (${retrySamples.length} retries: ${JSON.stringify(summarize(retrySamples).statuses)}), ` +
      `${accepted.size} parked (accepted), ${stored.size} stored, counted ${sumValues(counted)}, stored without a "counted" or "accepted" answer ${committedWithoutCountedAnswer}`,
  );

  // Serving: the cached active set, not the database — ads, not only no-fills.
  expect(summarize(serveSamples).serverErrors, "5xx on /api/serve").toBe(0);
  expect(summarize(serveSamples).transportErrors, "transport errors on /api/serve").toBe(0);
  for (const index of stack!.instances.keys()) {
    const mine = servedDuringOutage.filter((sample) => sample.instance === index);
    expect(mine.length, `${stack!.instances[index]!.name} served during the outage`).toBeGreaterThan(20);
    expect(summarize(mine).statuses, `${stack!.instances[index]!.name} during the outage`).toEqual({ 200: mine.length });
  }

  // Beacons: acknowledged (204) or refused with 503 + Retry-After (Redis missed a deadline), nothing else.
  expect(transportErrors.map((sample) => sample.error), "beacons failed at the transport level").toEqual([]);
  expect(all.filter((sample) => sample.status !== 204 && sample.status !== 503).map((sample) => sample.status)).toEqual([]);
  expect(all.filter((sample) => sample.status === 503 && sample.retryAfter !== "5").length, "503 without Retry-After").toBe(0);
  // Both instances (TCP Redis and Upstash REST) parked what the database could not take.
  for (const index of stack!.instances.keys()) {
    expect(beaconsDuringOutage.filter((sample) => sample.instance === index && sample.event === "accepted").length, `beacons parked by ${stack!.instances[index]!.name}`).toBeGreaterThan(0);
  }

  // After the retries: every offer acknowledged, each counted at most once, and the database
  // holds exactly the acknowledged offers — none lost, none that no answer vouched for.
  expect(offers.filter((offer) => !acknowledged.has(offer.offerId)).length, "offers never acknowledged").toBe(0);
  expect([...counted.values()].filter((times) => times > 1).length, "offers counted more than once").toBe(0);
  expect([...counted.keys()].filter((offerId) => !stored.has(offerId)), "counted but not stored").toEqual([]);
  expect([...stored].filter((offerId) => !acknowledged.has(offerId)), "stored but never acknowledged").toEqual([]);
  expect(stored.size).toBe(offers.length);
  expect(await scalar(stack!, `SELECT count(*) FROM "impression" WHERE "offerId" = ANY($1)`, [[...trickle]]), "the trickle's impressions").toBe(trickle.size);
  await expectTotals(stack!, POSTGRES_CAMPAIGN, { impressions: offers.length + clickOffers.length + trickle.size });

  // Clicks during the outage: every one redirected to the landing page, and each offer's click
  // (parked in Redis, replayed once the database is back) counted exactly once.
  expect(clickStatuses).toEqual({ "302 landing": 2 * clickOffers.length });
  expect(await clicks()).toBe(clickOffers.length);
  expect(await scalar(stack!, `SELECT coalesce(sum("clicks"), 0) FROM "hourly_stat" WHERE "campaignId" = $1`, [POSTGRES_CAMPAIGN])).toBe(clickOffers.length);
  console.log(`[faults] clicks during the PostgreSQL outage: ${JSON.stringify(clickStatuses)}, ${await clicks()} counted after the restart`);
});

// ─── helpers ────────────────────────────────────────────────────────────────

interface Phase {
  name: string;
  at: number;
}

/**
 * Serve requests (SERVE_WORKERS per instance, over `placements`) and beacons (BEACON_WORKERS,
 * each sending one offer to both instances at once: concurrent duplicates) while `script` runs
 * its faults. Half the beacons are of a new offer, half of one already sent (picked at random):
 * new offers meet every phase of the script, and every offer's beacon comes again and again
 * throughout the run. `offers`: every offer sent, each at least once.
 */
async function underLoad(campaignId: string, placements: string[], script: (mark: (name: string) => void) => Promise<void>) {
  const serveSamples: Sample[] = [];
  const beaconSamples: Sample[] = [];
  const phases: Phase[] = [{ name: "steady", at: performance.now() }];
  const offers: Offer[] = [];
  const nextOffer = () => {
    if (offers.length > 0 && Math.random() < 0.5) return offers[Math.floor(Math.random() * offers.length)]!;
    const [offer] = mintOffers(1, campaignId, stack!.secret);
    offers.push(offer!);
    return offer!;
  };
  const serveLoad = startLoad(2 * SERVE_WORKERS, async (worker) => {
    serveSamples.push(await serve(stack!, worker % 2, placements[Math.floor(worker / 2) % placements.length]!));
  });
  const beaconLoad = startLoad(BEACON_WORKERS, async () => {
    const offer = nextOffer();
    beaconSamples.push(...(await Promise.all([beacon(stack!, 0, offer, "POST"), beacon(stack!, 1, offer, "GET")])));
  });
  try {
    await script((name) => phases.push({ name, at: performance.now() }));
  } finally {
    await Promise.all([serveLoad.stop(), beaconLoad.stop()]);
  }
  phases.push({ name: "end", at: performance.now() });
  return { offers, serveSamples, beaconSamples, phases };
}

/** How many impressions or clicks wait in Redis for the database (lib/tracking/event-buffer.ts). */
async function parked(key: "pending_impressions" | "pending_clicks"): Promise<number> {
  const redis = new IORedis(stack!.redis.url, { maxRetriesPerRequest: 1 });
  try {
    return await redis.hlen(key);
  } finally {
    redis.disconnect();
  }
}

/** Sends each offer's beacon again (alternating instances, 0.5 s apart) until it is acknowledged; 20 tries at most. */
async function retryUntilAcknowledged(offers: Offer[]): Promise<Sample[]> {
  const samples: Sample[] = [];
  await pool(
    offers.map((offer) => async () => {
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const sample = await beacon(stack!, attempt % 2, offer, "POST");
        samples.push(sample);
        if (sample.status === 204) return;
        await sleep(500);
      }
    }),
    16,
  );
  return samples;
}

async function impressionOfferIds(campaignId: string): Promise<Set<string>> {
  const { rows } = await stack!.database.query<{ offerId: string }>(`SELECT "offerId" FROM "impression" WHERE "campaignId" = $1`, [campaignId]);
  return new Set(rows.map((row) => row.offerId));
}

/**
 * Serving through a database outage needs the active set in Redis, under the current generation
 * (instances write it back after loading it), and both instances reading Redis again.
 */
async function expectActiveSetInRedis(): Promise<void> {
  const probe = new IORedis(stack!.redis.url, { maxRetriesPerRequest: 1 });
  try {
    await waitFor(
      async () => {
        for (const index of stack!.instances.keys()) if ((await serve(stack!, index, SIDEBAR)).status !== 200) return undefined;
        const [raw, generation] = await probe.mget("active_campaigns", "active_campaigns:generation");
        if (!raw) return undefined;
        return stampOf(raw)?.startsWith(`${generation ?? "0"}/`) ? true : undefined;
      },
      { timeout: 30_000, interval: 250, description: "active_campaigns of the current generation in Redis" },
    );
  } finally {
    probe.disconnect();
  }
}

/** Resumes the demo campaign through the dashboard (also after a failed assertion). */
async function resumeSpring(page: Page): Promise<void> {
  await page.goto(`/advertiser/campaigns/${SPRING_ID}`);
  const resume = page.getByRole("button", { name: `Resume ${SPRING}` });
  if (!(await resume.isVisible())) return;
  await resume.click();
  await expect(page.getByRole("status").filter({ hasText: "Campaign resumed." })).toBeVisible();
  // Back on both instances before the next scenario measures anything.
  for (const index of stack!.instances.keys()) {
    await waitFor(async () => ((await serve(stack!, index, LEADERBOARD)).campaignId === SPRING_ID ? true : undefined), {
      timeout: 30_000,
      description: `${stack!.instances[index]!.name} to serve ${SPRING} again`,
    });
  }
}

/** "steady 45 ms, killed 80 ms, …": p99 of the requests that started in each phase. */
function phaseLatencies(samples: Sample[], phases: Phase[]): string {
  return phases
    .slice(0, -1)
    .map((phase, index) => {
      const end = phases[index + 1]!.at;
      const inPhase = samples.filter((sample) => sample.startedAt >= phase.at && sample.startedAt < end);
      const { p99, requests, statuses } = summarize(inPhase);
      return `${phase.name} ${Math.round(p99)} ms (${requests} req, ${Object.entries(statuses).map(([status, count]) => `${status}: ${count}`).join(", ")})`;
    })
    .join(", ");
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function sumValues(counts: Map<string, number>): number {
  let sum = 0;
  for (const count of counts.values()) sum += count;
  return sum;
}
