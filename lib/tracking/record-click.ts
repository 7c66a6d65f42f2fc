import type { PrismaClient } from "@/lib/generated/prisma/client";
import { chargeCampaign, TRACKING_TRANSACTION_OPTIONS } from "./charge-campaign";
import { CLICK_MAX_AGE_SECONDS, clickCostMicros, type Offer } from "./offer-token";
import { bestEffort, notifyBudgetExhausted, type TrackingDeps } from "./record-impression";

export type ClickOutcome = "counted" | "duplicate" | "no_impression";

/** Redis key that claims an offer's click; it outlives every click token that can still count. */
export function clickKey(offerId: string): string {
  return `clk:${offerId}`;
}

const CLICK_KEY_TTL_SECONDS = 2 * CLICK_MAX_AGE_SECONDS;

/**
 * Records the click of a verified offer exactly once, and only when the offer's impression
 * was counted — so clicks ≤ impressions holds for every campaign, creative, placement and
 * hour, and CTR cannot pass 100 %.
 *
 * Fast path: `SET clk:<offer> 1 NX EX` (one round trip); a refused NX is a duplicate.
 * Truth: one transaction that inserts the click from the impression row (no impression
 * row, no click; the primary key refuses a second one), charges CPC campaigns with the
 * budget guard, and adds the click to the rollup row of the impression (its hour, country
 * and device), not of the click's own time.
 *
 * Throws when the database cannot record (the claim is released so a retry can count).
 */
export async function recordClick(deps: TrackingDeps, offer: Offer, now: Date = new Date()): Promise<ClickOutcome> {
  const key = clickKey(offer.offerId);
  let claim: "claimed" | "duplicate" | "unknown";
  try {
    claim = (await deps.store.setIfAbsent(key, "1", CLICK_KEY_TTL_SECONDS)) ? "claimed" : "duplicate";
  } catch {
    claim = "unknown"; // Redis unavailable: the database decides alone.
  }
  if (claim === "duplicate") return "duplicate";

  let written: { outcome: ClickOutcome; exhausted: boolean };
  try {
    written = await writeClick(deps.prisma, offer, now);
  } catch (error) {
    await bestEffort(deps.store, [{ op: "del", keys: [key] }]);
    throw error;
  }
  // The impression may still be on its way (or its beacon lost): let a later click try again.
  if (written.outcome === "no_impression") await bestEffort(deps.store, [{ op: "del", keys: [key] }]);
  if (written.exhausted) notifyBudgetExhausted(deps, offer.campaignId);
  return written.outcome;
}

interface ImpressionOfClick {
  campaignId: string;
  inserted: boolean;
}

async function writeClick(prisma: PrismaClient, offer: Offer, now: Date): Promise<{ outcome: ClickOutcome; exhausted: boolean }> {
  const cost = clickCostMicros(offer);
  return prisma.$transaction(async (tx) => {
    // The click copies what it describes from its impression row: the row's existence is
    // the proof that the impression counted.
    const rows = await tx.$queryRaw<ImpressionOfClick[]>`
      WITH source AS (
        SELECT "offerId", "campaignId", "creativeId", "placementId", "country", "device"
        FROM "impression"
        WHERE "offerId" = ${offer.offerId}
      ), inserted AS (
        INSERT INTO "click" ("offerId", "campaignId", "creativeId", "placementId", "occurredAt", "country", "device", "costMicros", "billable")
        SELECT "offerId", "campaignId", "creativeId", "placementId", ${now}, "country", "device", ${BigInt(cost)}::bigint, true
        FROM source
        ON CONFLICT ("offerId") DO NOTHING
        RETURNING "offerId"
      )
      SELECT source."campaignId", EXISTS (SELECT 1 FROM inserted) AS "inserted"
      FROM source`;
    const impression = rows[0];
    if (!impression) return { outcome: "no_impression", exhausted: false };
    if (!impression.inserted) return { outcome: "duplicate", exhausted: false };

    let spend = 0n;
    let exhausted = false;
    if (cost > 0) {
      const charge = await chargeCampaign(tx, impression.campaignId, cost, now);
      exhausted = charge.exhausted;
      if (charge.charged) {
        spend = BigInt(cost);
      } else {
        await tx.$executeRaw`UPDATE "click" SET "billable" = false, "costMicros" = 0 WHERE "offerId" = ${offer.offerId}`;
      }
    }

    // The impression's rollup row exists (its transaction created it); the upsert keeps
    // this correct even if the row was removed, e.g. by a retention job.
    await tx.$executeRaw`
      INSERT INTO "hourly_stat" ("hour", "campaignId", "creativeId", "placementId", "country", "device", "impressions", "clicks", "spendMicros")
      SELECT date_trunc('hour', "occurredAt"), "campaignId", "creativeId", "placementId", "country", "device", 0, 1, ${spend}::bigint
      FROM "impression"
      WHERE "offerId" = ${offer.offerId}
      ON CONFLICT ("hour", "campaignId", "creativeId", "placementId", "country", "device")
      DO UPDATE SET "clicks" = "hourly_stat"."clicks" + 1,
                    "spendMicros" = "hourly_stat"."spendMicros" + EXCLUDED."spendMicros"`;
    return { outcome: "counted", exhausted };
  }, TRACKING_TRANSACTION_OPTIONS);
}
