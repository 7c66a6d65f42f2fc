import type { Prisma } from "@/lib/generated/prisma/client";

export interface ChargeOutcome {
  /** The campaign paid `costMicros`; false when a budget (total or today's) would be passed. */
  charged: boolean;
  /**
   * Delivery should stop: the charge was refused, or what is left (in total or today) no
   * longer pays for one more event of this cost.
   */
  exhausted: boolean;
}

/**
 * Charges one event to the campaign's spend ledger inside the caller's transaction.
 *
 * One UPDATE whose WHERE clause is the budget guard: the row lock serialises concurrent
 * charges, and Postgres re-checks the WHERE against the latest committed row before
 * updating (READ COMMITTED), so spend can never pass the total or the daily budget, however
 * many instances charge at once. The daily ledger rolls over on the first charge of a new
 * UTC day (`spendDay`). `costMicros` must be > 0 (free events need no charge).
 */
export async function chargeCampaign(
  tx: Prisma.TransactionClient,
  campaignId: string,
  costMicros: number,
  now: Date,
): Promise<ChargeOutcome> {
  const cost = BigInt(costMicros);
  const today = now.toISOString().slice(0, 10);
  const rows = await tx.$queryRaw<{ totalLeft: bigint | number; dayLeft: bigint | number | null }[]>`
    UPDATE "campaign"
    SET "spentMicros" = "spentMicros" + ${cost}::bigint,
        "daySpentMicros" = CASE WHEN "spendDay" = ${today}::date THEN "daySpentMicros" + ${cost}::bigint ELSE ${cost}::bigint END,
        "spendDay" = ${today}::date
    WHERE "id" = ${campaignId}
      AND "spentMicros" + ${cost}::bigint <= "totalBudgetMicros"
      AND ("dailyBudgetMicros" IS NULL
           OR (CASE WHEN "spendDay" = ${today}::date THEN "daySpentMicros" ELSE 0 END) + ${cost}::bigint <= "dailyBudgetMicros")
    RETURNING "totalBudgetMicros" - "spentMicros" AS "totalLeft",
              "dailyBudgetMicros" - "daySpentMicros" AS "dayLeft"`;
  const row = rows[0];
  if (!row) return { charged: false, exhausted: true };
  const exhausted = BigInt(row.totalLeft) < cost || (row.dayLeft !== null && BigInt(row.dayLeft) < cost);
  return { charged: true, exhausted };
}

/**
 * Wraps the "budget exhausted" reaction (invalidating the active set) so that it runs at
 * most once per campaign per interval in this process. Late events of a spent campaign
 * are all refused, and each would otherwise drop the in-process active set and send the
 * next decisions to the database; one invalidation already makes every instance reload
 * the spend state that stops delivery.
 */
export function budgetExhaustedNotifier(
  handler: (campaignId: string) => unknown,
  options: { intervalMs?: number; now?: () => number; log?: (line: string) => void } = {},
): (campaignId: string) => void {
  const intervalMs = options.intervalMs ?? 1_000;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.error(line));
  const lastRun = new Map<string, number>();
  return (campaignId) => {
    const at = now();
    const previous = lastRun.get(campaignId);
    if (previous !== undefined && at - previous < intervalMs) return;
    lastRun.set(campaignId, at);
    // Bounded: entries older than the interval are useless, drop them when the map grows.
    if (lastRun.size > 10_000) for (const [id, time] of lastRun) if (at - time >= intervalMs) lastRun.delete(id);
    Promise.resolve()
      .then(() => handler(campaignId))
      .catch((error: unknown) => log(`Budget exhausted for campaign ${campaignId}, but stopping its delivery failed: ${describe(error)}`));
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Options of every tracking transaction. Prisma's defaults (2 s to start, 5 s to run) are
 * tight for a burst on PGlite (one connection: transactions queue) or a small pool; past
 * these the event is refused with 503 and retried by the client, never half-written.
 */
export const TRACKING_TRANSACTION_OPTIONS = { maxWait: 5_000, timeout: 10_000 } as const;
