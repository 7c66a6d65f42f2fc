import { log } from "@/lib/log/logger";
import type { KeyValueStore } from "@/lib/redis/store";
import type { Judgement } from "./invalid-traffic";
import type { Offer } from "@/lib/offers/offer-token";
import { recordClickInDatabase } from "./record-click";
import { recordImpression, type TrackingDeps } from "./record-impression";

// Events the database cannot record while it is down, kept in Redis until it is back.
//
// A click is acknowledged the moment the visitor is redirected: it cannot be refused with a
// 503 like a beacon, so it is always parked. An impression could be refused — the snippet
// sends its beacon again for ~35 s — but a page closed during the outage takes its retries
// with it, so it is parked too, when Redis is shared (Upstash or redis-server, which outlive the
// instance: Upstash persists, a self-hosted redis-server needs AOF or RDB). Without Redis it is
// refused with 503 as before: this process's memory is no place to acknowledge an event.
//
// Each kind has its hash, keyed by offer id: an offer's event is parked once, and its first copy
// stays (HSETNX) — a replayed beacon with other headers cannot replace the verdict on the first.
// Replays ask the database, whose unique key counts each event at most once.

export type ParkedKind = "impression" | "click";

export const PENDING_KEYS: Record<ParkedKind, string> = { impression: "pending_impressions", click: "pending_clicks" };
/** Only one instance replays at a time (a crashed one releases it by expiry). */
export const PENDING_EVENTS_LOCK_KEY = "pending_events:lock";
const LOCK_TTL_SECONDS = 30;
/** Events of each kind replayed per drain: bounds the work one request's after() takes on. */
const DRAIN_BATCH = 500;
/** How often an instance looks for parked events when it has parked none itself. */
const CHECK_INTERVAL_MS = 10_000;

interface ParkedEvent {
  offer: Offer;
  /** The request-level verdict on the event, made when it arrived. */
  verdict: Judgement;
  /** When the event happened (the view was reported, the visitor clicked), epoch ms. */
  at: number;
}

/** What a drain did with each kind: replayed (the database decided), of which counted, and dropped (unreadable). */
export type KindResult = { replayed: number; counted: number; dropped: number };
export type DrainResult = Record<ParkedKind, KindResult>;

/**
 * Parks an event the database could not record: true when parked now, false when a copy of
 * it was parked already (that one stays). Rejects when Redis cannot take it either.
 */
export async function parkEvent(store: KeyValueStore, kind: ParkedKind, offer: Offer, verdict: Judgement, at: Date): Promise<boolean> {
  const parked: ParkedEvent = { offer, verdict, at: at.getTime() };
  const added = await store.hsetIfAbsent(PENDING_KEYS[kind], offer.offerId, JSON.stringify(parked));
  nextCheckAt = 0; // this instance knows there is work: look at the next opportunity
  return added === 1;
}

/** How many events of each kind wait to be replayed (HLEN: the health check, without reading them). */
export async function countParkedEvents(store: KeyValueStore): Promise<Record<ParkedKind, number>> {
  const [impression, click] = await store.exec([
    { op: "hlen", key: PENDING_KEYS.impression },
    { op: "hlen", key: PENDING_KEYS.click },
  ]);
  return { impression, click };
}

const noneDone = (): DrainResult => ({ impression: { replayed: 0, counted: 0, dropped: 0 }, click: { replayed: 0, counted: 0, dropped: 0 } });

/**
 * Replays parked events into the database: impressions first, so that a parked click finds its
 * impression as it was seen. Each event leaves the buffer once the database has decided it
 * (counted or duplicate); what it could not decide (it is down again) stays for the next drain.
 */
export async function drainPendingEvents(deps: TrackingDeps): Promise<DrainResult> {
  const result = noneDone();
  const { store } = deps;
  // Almost always nothing is parked: one EXISTS of both hashes then (an emptied hash does not
  // exist), rather than taking and releasing the lock — each instance looks every
  // CHECK_INTERVAL_MS, and on Upstash every command is billed.
  if ((await store.exists(PENDING_KEYS.impression, PENDING_KEYS.click)) === 0) return result;
  if (!(await store.setIfAbsent(PENDING_EVENTS_LOCK_KEY, "1", LOCK_TTL_SECONDS))) return result;
  try {
    for (const kind of ["impression", "click"] as const) await replay(deps, kind, result[kind]);
  } finally {
    await store.del(PENDING_EVENTS_LOCK_KEY).catch(() => {});
  }
  return result;
}

/** Replays up to DRAIN_BATCH parked events of one kind, all at once: the group commit writes them in a few statements. */
async function replay(deps: TrackingDeps, kind: ParkedKind, result: KindResult): Promise<void> {
  const key = PENDING_KEYS[kind];
  // A page, not the whole hash: a long outage on a busy site parks hundreds of thousands.
  const entries = Object.entries(await deps.store.hscanFirst(key, DRAIN_BATCH)).slice(0, DRAIN_BATCH);
  const done: string[] = [];
  const readable: [string, ParkedEvent][] = [];
  for (const [offerId, raw] of entries) {
    const event = parse(raw);
    if (event) readable.push([offerId, event]);
    else done.push(offerId);
  }
  result.dropped += done.length;
  const decided = await Promise.allSettled(
    readable.map(([, { offer, verdict, at }]) => (kind === "impression" ? recordImpression(deps, offer, verdict, new Date(at)) : recordClickInDatabase(deps, offer, verdict, new Date(at)))),
  );
  decided.forEach((outcome, index) => {
    if (outcome.status === "rejected") return;
    result.replayed += 1;
    if (outcome.value.outcome === "counted") result.counted += 1;
    done.push(readable[index]![0]);
  });
  if (done.length > 0) await deps.store.hdel(key, ...done);
}

let nextCheckAt = 0;
let draining: Promise<void> | undefined;

/** Whether this instance should look for parked events now: at once after parking some, else every 10 s. */
export function parkedDrainDue(now: number = Date.now()): boolean {
  return !draining && now >= nextCheckAt;
}

/**
 * Drains parked events, once per instance at a time. Called by the tracking routes (in
 * `after()`, when parkedDrainDue()) after they recorded an event: the database is up. Never throws.
 */
export function drainParkedEvents(deps: TrackingDeps, report: (result: DrainResult) => void = reportDrain): Promise<void> {
  if (draining) return draining;
  nextCheckAt = Date.now() + CHECK_INTERVAL_MS;
  draining = drainPendingEvents(deps)
    .then((result) => {
      const { impression, click } = result;
      if (impression.replayed + impression.dropped + click.replayed + click.dropped > 0) report(result);
      // A full batch: there may be more, keep going on the next event.
      if (impression.replayed + impression.dropped >= DRAIN_BATCH || click.replayed + click.dropped >= DRAIN_BATCH) nextCheckAt = 0;
    })
    .catch(() => {
      // Redis unavailable: nothing can be parked there either; look again later.
    })
    .finally(() => {
      draining = undefined;
    });
  return draining;
}

/** One line per drain that did something: info when every parked event was read, warn when some were not. */
function reportDrain({ impression, click }: DrainResult): void {
  const fields = {
    outcome: "replayed",
    impressions: impression,
    clicks: click,
  };
  if (impression.dropped + click.dropped > 0) log().warn(fields, "Parked events replayed into the database; unreadable ones were dropped");
  else log().info(fields, "Parked events replayed into the database");
}

function parse(raw: string): ParkedEvent | undefined {
  try {
    const value = JSON.parse(raw) as Partial<ParkedEvent>;
    const valid = value && typeof value.at === "number" && value.offer && typeof value.offer.offerId === "string" && value.verdict && typeof value.verdict.client === "string";
    return valid ? (value as ParkedEvent) : undefined;
  } catch {
    return undefined;
  }
}
