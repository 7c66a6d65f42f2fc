import { log } from "@/lib/log/logger";
import type { KeyValueStore } from "@/lib/redis/store";
import type { Judgement } from "./invalid-traffic";
import type { Offer } from "@/lib/offers/offer-token";
import { recordClickInDatabase } from "./record-click";
import type { TrackingDeps } from "./record-impression";

// A click is acknowledged the moment the visitor is redirected: it cannot be refused with a
// 503 like a beacon. When the database cannot record it, it is parked in Redis (a hash keyed
// by offer id, so a parked click is parked once) and replayed when the database is back —
// as durable as the Redis deployment (Upstash persists; a self-hosted redis-server needs AOF
// or RDB). Replays ask the database, whose unique key counts each click at most once.

export const PENDING_CLICKS_KEY = "pending_clicks";
/** Only one instance replays at a time (a crashed one releases it by expiry). */
export const PENDING_CLICKS_LOCK_KEY = "pending_clicks:lock";
const LOCK_TTL_SECONDS = 30;
/** Clicks replayed per drain: bounds the work one request's after() takes on. */
const DRAIN_BATCH = 500;
/** How often an instance looks for parked clicks when it has parked none itself. */
const CHECK_INTERVAL_MS = 10_000;

interface ParkedClick {
  offer: Offer;
  /** The request-level verdict on the click, made when it arrived. */
  verdict: Judgement;
  /** When the visitor clicked, epoch ms. */
  at: number;
}

export type DrainResult = { replayed: number; counted: number; dropped: number };

/** Parks a click the database could not record. Rejects when Redis cannot take it either. */
export async function parkClick(store: KeyValueStore, offer: Offer, verdict: Judgement, at: Date): Promise<void> {
  const parked: ParkedClick = { offer, verdict, at: at.getTime() };
  await store.hset(PENDING_CLICKS_KEY, offer.offerId, JSON.stringify(parked));
  nextCheckAt = 0; // this instance knows there is work: look at the next opportunity
}

/** How many clicks wait to be replayed (HLEN: the health check, without reading them). */
export function countParkedClicks(store: KeyValueStore): Promise<number> {
  return store.hlen(PENDING_CLICKS_KEY);
}

/**
 * Replays parked clicks into the database. Each one leaves the buffer once the database has
 * decided it (counted — with its impression, when that was never stored — or duplicate).
 * Stops at the first database failure, keeping the rest for later.
 */
export async function drainPendingClicks(deps: TrackingDeps): Promise<DrainResult> {
  const result: DrainResult = { replayed: 0, counted: 0, dropped: 0 };
  const { store } = deps;
  // Almost always nothing is parked: one HLEN then, rather than taking and releasing the lock
  // (each instance looks every CHECK_INTERVAL_MS, and on Upstash every command is billed).
  if ((await store.hlen(PENDING_CLICKS_KEY)) === 0) return result;
  if (!(await store.setIfAbsent(PENDING_CLICKS_LOCK_KEY, "1", LOCK_TTL_SECONDS))) return result;
  try {
    const parked = Object.entries(await store.hgetAll(PENDING_CLICKS_KEY)).slice(0, DRAIN_BATCH);
    const done: string[] = [];
    for (const [offerId, raw] of parked) {
      const click = parse(raw);
      if (!click) {
        done.push(offerId);
        result.dropped += 1;
        continue;
      }
      try {
        const recorded = await recordClickInDatabase(deps, click.offer, click.verdict, new Date(click.at));
        if (recorded.outcome === "counted") result.counted += 1;
      } catch {
        break; // the database is still (or again) unavailable
      }
      result.replayed += 1;
      done.push(offerId);
    }
    if (done.length > 0) await store.hdel(PENDING_CLICKS_KEY, ...done);
  } finally {
    await store.del(PENDING_CLICKS_LOCK_KEY).catch(() => {});
  }
  return result;
}

let nextCheckAt = 0;
let draining: Promise<void> | undefined;

/** Whether this instance should look for parked clicks now: at once after parking some, else every 10 s. */
export function clickDrainDue(now: number = Date.now()): boolean {
  return !draining && now >= nextCheckAt;
}

/**
 * Drains parked clicks, once per instance at a time. Called by the tracking routes (in
 * `after()`, when clickDrainDue()) after they recorded an event: the database is up. Never throws.
 */
export function drainParkedClicks(deps: TrackingDeps, report: (result: DrainResult) => void = reportDrain): Promise<void> {
  if (draining) return draining;
  nextCheckAt = Date.now() + CHECK_INTERVAL_MS;
  draining = drainPendingClicks(deps)
    .then((result) => {
      if (result.replayed > 0 || result.dropped > 0) report(result);
      // A full batch: there may be more, keep going on the next event.
      if (result.replayed + result.dropped >= DRAIN_BATCH) nextCheckAt = 0;
    })
    .catch(() => {
      // Redis unavailable: nothing can be parked there either; look again later.
    })
    .finally(() => {
      draining = undefined;
    });
  return draining;
}

/** One line per drain that did something: info when every parked click was read, warn when some were not. */
function reportDrain(result: DrainResult): void {
  const fields = { outcome: "replayed", ...result };
  if (result.dropped > 0) log().warn(fields, "Parked clicks replayed into the database; unreadable ones were dropped");
  else log().info(fields, "Parked clicks replayed into the database");
}

function parse(raw: string): ParkedClick | undefined {
  try {
    const value = JSON.parse(raw) as Partial<ParkedClick>;
    const valid = value && typeof value.at === "number" && value.offer && typeof value.offer.offerId === "string" && value.verdict && typeof value.verdict.client === "string";
    return valid ? (value as ParkedClick) : undefined;
  } catch {
    return undefined;
  }
}
