import { frequencyCapKey } from "@/lib/offers/frequency-cap";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { KeyValueStore, StoreCommand } from "@/lib/redis/store";
import type { EventValidity } from "@/lib/model/enums";
import type { InvalidTrafficPolicy, Judgement } from "./invalid-traffic";
import type { Defer } from "@/lib/http/after-response";
import { log } from "@/lib/log/logger";
import { describeError } from "@/lib/log/throttled-log";
import type { Offer } from "@/lib/offers/offer-token";
import { writeImpressionGrouped } from "./write-impressions";

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

/**
 * Records the impression of a verified offer exactly once, across any number of instances,
 * with or without Redis.
 *
 * The database alone decides — one statement (a function, so one round trip and atomic): the
 * insert on the offer id's primary key decides (concurrent duplicates wait on the first one's
 * row lock, then insert nothing); the charge is guarded by the budgets; the hourly rollup
 * moves with the event. There is no Redis claim in front of it: a claim (SET NX) cannot
 * answer "duplicate" before the event is stored, so it never saved the statement, and a
 * "stored" mark saved one only for duplicates, which are rare — while costing 3 Upstash
 * commands on every counted impression (issue 16). So a counted impression without a
 * frequency cap costs no Redis command; a duplicate costs none, and one statement at most —
 * none when it reaches the instance that stored its first copy lately, or is storing it
 * (lib/tracking/recent-events.ts).
 *
 * Frequency caps: once the database says counted and VALID, the viewer's counter for the
 * offer's window moves (INCRBY + EXPIRE, one round trip), before the beacon is answered — so
 * nothing has to be taken back, and serving sees the impression as soon as the page does.
 * Caps count impressions, not offers: an ad served while earlier ads' beacons are still in
 * flight (their view timer running, or their request on its way) can pass the cap by those;
 * the commit's time before the INCR adds to that window, as the claim's round trip did
 * before it. Redis down: the count is lost, the event is not.
 *
 * Validity: the request-level verdict (judgeEvent) is stored with the event; the database
 * adds RATE_LIMIT. Invalid events are recorded exactly once like valid ones, but charge
 * nothing and do not count towards frequency caps.
 *
 * Throws when the database cannot record: the caller must not acknowledge the event.
 */
export async function recordImpression(deps: TrackingDeps, offer: Offer, verdict: Judgement, now: Date = new Date()): Promise<Recorded<ImpressionOutcome>> {
  const written = await writeImpression(deps, offer, verdict, now);
  if (!written.counted) return { outcome: "duplicate", validity: verdict.validity };
  if (offer.capPeriodSeconds > 0 && written.validity === "VALID") {
    const capKey = frequencyCapKey(offer.viewer, offer.campaignId, offer.capPeriodSeconds, offer.issuedAt);
    await bestEffort(deps.store, [{ op: "incrBy", key: capKey, by: 1, ttlSeconds: offer.capPeriodSeconds }]);
  }
  if (written.exhausted) notifyBudgetExhausted(deps, offer.campaignId);
  return { outcome: "counted", validity: written.validity };
}

type Written = { counted: boolean; exhausted: boolean; validity: EventValidity };

async function writeImpression(deps: TrackingDeps, offer: Offer, verdict: Judgement, now: Date): Promise<Written> {
  const views = deps.policy.enabled ? deps.policy.views : { limit: 0, windowSeconds: 0 };
  // Group commit (issue 16): written at once when no write is in flight, else in ONE statement
  // with the impressions that queued behind it (marquee_record_impressions in prisma/migrations);
  // resolves after its batch's commit. One hot campaign's events then share a commit on its rows.
  return writeImpressionGrouped(deps.prisma, { offer, verdict, at: now, views });
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

/** Redis work that must never fail the event (the database already holds it): the frequency-cap count. */
export async function bestEffort(store: KeyValueStore, commands: StoreCommand[]): Promise<void> {
  try {
    await store.exec(commands);
  } catch {
    // Redis unavailable: the database's unique keys still refuse duplicates.
  }
}
