import { frequencyCapKey } from "@/lib/offers/frequency-cap";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { KeyValueStore, StoreCommand } from "@/lib/redis/store";
import type { EventValidity } from "@/lib/model/enums";
import type { InvalidTrafficPolicy, Judgement } from "./invalid-traffic";
import type { Defer } from "@/lib/http/after-response";
import { log } from "@/lib/log/logger";
import { describeError } from "@/lib/log/throttled-log";
import { impressionCostMicros } from "@/lib/model/pricing";
import { IMPRESSION_MAX_AGE_SECONDS, type Offer } from "@/lib/offers/offer-token";

export interface TrackingDeps {
  prisma: PrismaClient;
  store: KeyValueStore;
  /** The per-client rates past which events are RATE_LIMIT (decided by the database). */
  policy: Pick<InvalidTrafficPolicy, "enabled" | "views" | "clicks">;
  /** Called after the response (after commit) when a campaign can no longer pay for its events: stop delivering it. */
  onBudgetExhausted?: (campaignId: string) => unknown;
  /** Work after the response: Next's after() in the routes (lib/http/after-response.ts). */
  defer: Defer;
}

export type ImpressionOutcome = "counted" | "duplicate";

/** What was recorded: counted (with its validity, the database's final word) or a duplicate. */
export type Recorded<Outcome extends string> = { outcome: Outcome; validity: EventValidity };

/** Redis key that claims an offer's impression; it outlives every beacon that can still be valid. */
export function impressionKey(offerId: string): string {
  return `imp:${offerId}`;
}

const IMPRESSION_KEY_TTL_SECONDS = 2 * IMPRESSION_MAX_AGE_SECONDS;
/** A claim's value while its event is being written, and once the database holds it. */
export const PENDING = "pending";
export const STORED = "1";

/**
 * Records the impression of a verified offer exactly once, across any number of instances,
 * with or without Redis.
 *
 * Fast path — one Redis round trip: `SET imp:<offer> pending NX EX` and a GET of the key,
 * pipelined with the viewer's frequency-cap INCR (when the campaign has a cap). A key that
 * says "1" belongs to an impression the database holds: a duplicate, answered without the
 * database. A key that says "pending" belongs to a copy still being written (or whose write
 * is failing): this copy asks the database too, so a duplicate is never acknowledged before
 * the event is stored. After the commit the key becomes "1". The INCR rides along
 * optimistically so that the common case (a first beacon) costs one round trip; when this
 * copy turns out not to count, a second trip takes it back (serving may briefly see a cap
 * one too strict, never one too loose).
 *
 * Truth — one database statement (a function, so one round trip and atomic): the insert on
 * the offer id's primary key decides (concurrent duplicates wait on the first one's row lock,
 * then insert nothing); the charge is guarded by the budgets; the hourly rollup moves with
 * the event.
 *
 * Validity: the request-level verdict (judgeEvent) is stored with the event; the database
 * adds RATE_LIMIT. Invalid events are recorded exactly once like valid ones, but charge
 * nothing and do not count towards frequency caps.
 *
 * Throws when the database cannot record: the caller must not acknowledge the event. The
 * Redis claim is then released so that a retry is counted.
 */
export async function recordImpression(deps: TrackingDeps, offer: Offer, verdict: Judgement, now: Date = new Date()): Promise<Recorded<ImpressionOutcome>> {
  const key = impressionKey(offer.offerId);
  const capKey =
    offer.capPeriodSeconds > 0 && verdict.validity === "VALID"
      ? frequencyCapKey(offer.viewer, offer.campaignId, offer.capPeriodSeconds, offer.issuedAt)
      : undefined;

  const commands: StoreCommand[] = [
    { op: "setIfAbsent", key, value: PENDING, ttlSeconds: IMPRESSION_KEY_TTL_SECONDS },
    { op: "get", key },
  ];
  if (capKey) commands.push({ op: "incrBy", key: capKey, by: 1, ttlSeconds: offer.capPeriodSeconds });
  // "claimed": this copy holds the claim. "stored": the database holds the impression.
  // "unknown": another copy is being written, or Redis did not answer (down, breaker open,
  // deadline) — the database decides.
  let claim: "claimed" | "stored" | "unknown";
  let capCounted = false;
  try {
    const [claimed, value] = await deps.store.exec(commands);
    claim = claimed === true ? "claimed" : value === STORED ? "stored" : "unknown";
    capCounted = capKey !== undefined;
  } catch {
    claim = "unknown";
  }

  const undoCap = async () => {
    if (capKey && capCounted) await bestEffort(deps.store, [{ op: "incrBy", key: capKey, by: -1, ttlSeconds: offer.capPeriodSeconds }]);
  };

  if (claim === "stored") {
    await undoCap();
    return { outcome: "duplicate", validity: verdict.validity };
  }

  let written: Written;
  try {
    written = await writeImpression(deps, offer, verdict, now);
  } catch (error) {
    // Deleting the claim is always safe (the database stays the judge of duplicates), and
    // needed even when Redis's answer was lost: the SET may have landed.
    await bestEffort(deps.store, [{ op: "del", keys: [key] }]);
    await undoCap();
    throw error;
  }

  if (!written.counted || written.validity !== "VALID") {
    // Another copy was stored first (or Redis forgot the claim), or the database found the
    // client past its rate: the cap INCR was one too many.
    await undoCap();
  }
  if (!written.counted) return { outcome: "duplicate", validity: verdict.validity };
  // Stored: later copies are answered from Redis alone. After the response — until it lands
  // they ask the database, which answers the same.
  deps.defer(() => bestEffort(deps.store, [{ op: "set", key, value: STORED, ttlSeconds: IMPRESSION_KEY_TTL_SECONDS }]));
  if (written.exhausted) notifyBudgetExhausted(deps, offer.campaignId);
  return { outcome: "counted", validity: written.validity };
}

type Written = { counted: boolean; exhausted: boolean; validity: EventValidity };

async function writeImpression(deps: TrackingDeps, offer: Offer, verdict: Judgement, now: Date): Promise<Written> {
  const views = deps.policy.enabled ? deps.policy.views : { limit: 0, windowSeconds: 0 };
  // One statement, one round trip: see marquee_record_impression in prisma/migrations.
  const [row] = await deps.prisma.$queryRaw<Written[]>`
    SELECT "counted", "exhausted", "event_validity"::text AS "validity" FROM marquee_record_impression(
      ${offer.offerId}, ${offer.campaignId}, ${offer.creativeId}, ${offer.placementId},
      ${utcTimestamp(now)}::timestamptz AT TIME ZONE 'UTC', ${offer.country}, ${offer.device}::"DeviceType",
      ${BigInt(impressionCostMicros(offer))}::bigint,
      ${verdict.client}, ${verdict.validity}::"EventValidity", ${verdict.pageHost ?? null}::text,
      ${views.limit}::int, ${views.windowSeconds}::int)`;
  if (!row) throw new Error("marquee_record_impression returned no row");
  return row;
}

/** An instant as the database function's timestamp argument: ISO 8601 in UTC, whatever the session's time zone. */
export function utcTimestamp(at: Date): string {
  return at.toISOString();
}

/**
 * Stops delivering a spent campaign, after the response. The event is committed: a failing
 * reaction must not turn it into an error for the client.
 */
export function notifyBudgetExhausted(deps: TrackingDeps, campaignId: string): void {
  const react = deps.onBudgetExhausted;
  if (!react) return;
  deps.defer(async () => {
    try {
      await react(campaignId);
    } catch (error) {
      log().error({ outcome: "budget_reaction_failed", campaignId, error: describeError(error) }, "A spent campaign could not be stopped at once: it may serve, uncharged, until the cached set expires");
    }
  });
}

/** Housekeeping on Redis that must never fail the event: its loss costs at most a database round trip. */
export async function bestEffort(store: KeyValueStore, commands: StoreCommand[]): Promise<void> {
  try {
    await store.exec(commands);
  } catch {
    // Redis unavailable: the database's unique keys still refuse duplicates.
  }
}
