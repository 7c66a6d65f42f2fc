import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { EventValidity } from "@/lib/model/enums";
import { impressionCostMicros } from "@/lib/model/pricing";
import type { Offer } from "@/lib/offers/offer-token";
import { GroupCommit } from "./group-commit";
import type { Judgement } from "./invalid-traffic";
import { RecentEvents } from "./recent-events";

/** An impression for the database to record, with the rate past which it is RATE_LIMIT (limit 0: no check). */
export interface ImpressionToWrite {
  offer: Offer;
  verdict: Judgement;
  at: Date;
  views: { limit: number; windowSeconds: number };
}

/** The database's word on one impression: stored now (counted) or a duplicate, whether its campaign is spent, its validity. */
export interface WrittenImpression {
  counted: boolean;
  exhausted: boolean;
  validity: EventValidity;
}

/**
 * The most impressions one statement records. Big enough that a busy instance's queue rarely
 * waits for a second write, small enough that one statement's arrays and locks stay short.
 */
export const MAX_IMPRESSION_BATCH = 200;
/**
 * Writes in flight per instance: one (strict group commit). Each call of the function has a
 * fixed cost in the database (the statement, its plan, its ten statements whatever the batch's
 * size), so what queues during a write is best written by the next one, together. With two in
 * flight (each taking half the queue) the bench's beacons cost Postgres 0.41 ms of CPU each (3.6
 * per call) against 0.26–0.30 ms with one (6.9 per call), and a hot campaign kept the
 * throughput of spread ones (1.02× on two instances, 1.07× on four). A batch's campaign locks are held for milliseconds, so the next batch waiting
 * behind them costs a beacon's latency that much at most.
 */
const IMPRESSION_WRITES_IN_FLIGHT = 1;

/**
 * Records impressions in ONE statement (marquee_record_impressions in prisma/migrations): each
 * with the outcome it would have had if recorded alone, in this order — exactly once by the
 * offer id's key (within the batch too), each campaign charged once with the sum of what fits
 * its budgets, each rollup row moved once. All or nothing: when it throws, none is recorded.
 */
export async function writeImpressions(prisma: PrismaClient, events: readonly ImpressionToWrite[]): Promise<WrittenImpression[]> {
  if (events.length === 0) return [];
  const column = <T>(pick: (event: ImpressionToWrite) => T): T[] => events.map(pick);
  const rows = await prisma.$queryRaw<(WrittenImpression & { position: number })[]>`
    SELECT "position", "counted", "exhausted", "event_validity"::text AS "validity" FROM marquee_record_impressions(
      ${column((event) => event.offer.offerId)}::text[], ${column((event) => event.offer.campaignId)}::text[],
      ${column((event) => event.offer.creativeId)}::text[], ${column((event) => event.offer.placementId)}::text[],
      ${column((event) => event.at.toISOString())}::timestamptz[], ${column((event) => event.offer.country)}::text[],
      ${column((event) => event.offer.device)}::text[]::"DeviceType"[],
      ${column((event) => String(impressionCostMicros(event.offer)))}::text[]::bigint[],
      ${column((event) => event.verdict.client)}::text[], ${column((event) => event.verdict.validity)}::text[]::"EventValidity"[],
      ${column((event) => event.verdict.pageHost ?? null)}::text[],
      ${column((event) => event.views.limit)}::int[], ${column((event) => event.views.windowSeconds)}::int[])
    ORDER BY "position"`;
  if (rows.length !== events.length) throw new Error(`marquee_record_impressions returned ${rows.length} rows for ${events.length} impressions`);
  return rows.map(({ counted, exhausted, validity }) => ({ counted, exhausted, validity }));
}

/**
 * Offers whose impression this instance stored lately: the last minute's, and at most 10,000
 * (at 500 beacons a second, the last 20 s). A duplicate beacon is nearly always that recent (a
 * double-fired beacon, a reload); ~1 MB at most stays well inside a function's memory, and at
 * a steady rate the set stops growing after a minute.
 */
export const RECENT_IMPRESSIONS = { capacity: 10_000, maxAgeMs: 60_000 } as const;

const writers = new WeakMap<PrismaClient, { group: GroupCommit<ImpressionToWrite, WrittenImpression>; recent: RecentEvents }>();

/**
 * Records one impression through its database client's group commit: it is written at once
 * when no write is in flight, else together with the others that queued meanwhile. Resolves
 * after the commit of its batch; rejects when that batch failed (nothing of it is recorded).
 * A duplicate of an offer this instance stored lately, or is storing, is answered without a
 * statement (RecentEvents): in a storm of 10 copies per offer over two instances, ~2 writes
 * per offer instead of 10.
 */
export async function writeImpressionGrouped(prisma: PrismaClient, event: ImpressionToWrite): Promise<WrittenImpression> {
  let writer = writers.get(prisma);
  if (!writer) {
    const group = new GroupCommit((events: ImpressionToWrite[]) => writeImpressions(prisma, events), { maxBatch: MAX_IMPRESSION_BATCH, maxInFlight: IMPRESSION_WRITES_IN_FLIGHT });
    writer = { group, recent: new RecentEvents(RECENT_IMPRESSIONS.capacity, RECENT_IMPRESSIONS.maxAgeMs) };
    writers.set(prisma, writer);
  }
  const { group } = writer;
  const written = await writer.recent.once(event.offer.offerId, () => group.submit(event));
  return written === "duplicate" ? { counted: false, exhausted: false, validity: event.verdict.validity } : written;
}
