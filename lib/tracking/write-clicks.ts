import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { EventValidity } from "@/lib/model/enums";
import { clickCostMicros, impressionCostMicros } from "@/lib/model/pricing";
import type { Offer } from "@/lib/offers/offer-token";
import { GroupCommit } from "./group-commit";
import type { Judgement } from "./invalid-traffic";

/** A click for the database to record, with the rates past which it is RATE_LIMIT (none: no check). */
export interface ClickToWrite {
  offer: Offer;
  verdict: Judgement;
  at: Date;
  clicks: readonly { limit: number; windowSeconds: number }[];
}

/** The database's word on one click: stored now (counted) or a duplicate, whether its campaign is spent, its validity. */
export interface WrittenClick {
  outcome: "counted" | "duplicate";
  exhausted: boolean;
  validity: EventValidity;
}

/** The most clicks one statement records (as for impressions: write-impressions.ts). */
export const MAX_CLICK_BATCH = 200;
/** Writes in flight per instance, as for impressions: one may run its inserts while the other commits. */
const CLICK_WRITES_IN_FLIGHT = 2;

/**
 * Records clicks in ONE statement (marquee_record_clicks in prisma/migrations): each with the
 * outcome marquee_record_click would give it if recorded alone, in this order — the impression
 * a click came before recorded with it (once, also against a concurrent beacon), exactly once
 * by the offer id's key (within the batch too), each campaign charged once with the sum of
 * what fits its budgets, each rollup row moved once. All or nothing: when it throws, none is
 * recorded.
 */
export async function writeClicks(prisma: PrismaClient, events: readonly ClickToWrite[]): Promise<WrittenClick[]> {
  if (events.length === 0) return [];
  const column = <T>(pick: (event: ClickToWrite) => T): T[] => events.map(pick);
  // The rate windows travel flattened: window w belongs to the click at windowPositions[w] (1-based).
  const windows = events.flatMap((event, index) => event.clicks.map((window) => ({ position: index + 1, ...window })));
  const rows = await prisma.$queryRaw<(WrittenClick & { position: number })[]>`
    SELECT "position", "outcome", "exhausted", "event_validity"::text AS "validity" FROM marquee_record_clicks(
      ${column((event) => event.offer.offerId)}::text[], ${column((event) => event.at.toISOString())}::timestamptz[],
      ${column((event) => String(clickCostMicros(event.offer)))}::text[]::bigint[],
      ${column((event) => event.verdict.client)}::text[], ${column((event) => event.verdict.validity)}::text[]::"EventValidity"[],
      ${column((event) => event.verdict.pageHost ?? null)}::text[],
      ${column((event) => event.offer.campaignId)}::text[], ${column((event) => event.offer.creativeId)}::text[],
      ${column((event) => event.offer.placementId)}::text[], ${column((event) => event.offer.country)}::text[],
      ${column((event) => event.offer.device)}::text[]::"DeviceType"[],
      ${column((event) => String(impressionCostMicros(event.offer)))}::text[]::bigint[],
      ${windows.map((window) => window.position)}::int[], ${windows.map((window) => window.limit)}::int[],
      ${windows.map((window) => window.windowSeconds)}::int[])
    ORDER BY "position"`;
  if (rows.length !== events.length) throw new Error(`marquee_record_clicks returned ${rows.length} rows for ${events.length} clicks`);
  return rows.map(({ outcome, exhausted, validity }) => ({ outcome, exhausted, validity }));
}

const writers = new WeakMap<PrismaClient, GroupCommit<ClickToWrite, WrittenClick>>();

/**
 * Records one click through its database client's group commit: it is written at once when
 * no write is in flight, else together with the others that queued meanwhile. Resolves after
 * the commit of its batch; rejects when that batch failed (nothing of it is recorded).
 */
export function writeClickGrouped(prisma: PrismaClient, event: ClickToWrite): Promise<WrittenClick> {
  let writer = writers.get(prisma);
  if (!writer) {
    writer = new GroupCommit((events) => writeClicks(prisma, events), { maxBatch: MAX_CLICK_BATCH, maxInFlight: CLICK_WRITES_IN_FLIGHT });
    writers.set(prisma, writer);
  }
  return writer.submit(event);
}
