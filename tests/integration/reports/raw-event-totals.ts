// Report numbers recomputed from the raw Impression and Click rows, independently of
// lib/reports: local dates with Intl, clicks (and their cost) on their impression's time,
// as tracking attributes them.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface RawTotals {
  impressions: number;
  clicks: number;
  spendMicros: bigint;
}

export interface RawEvent {
  /** The impression's time (a click's own time does not matter to the rollups). */
  at: Date;
  campaignId: string;
  creativeId: string;
  placementId: string;
  country: string;
  device: string;
  impressions: number;
  clicks: number;
  spendMicros: bigint;
}

/** One entry per impression and one per click, each carrying its impression's dimensions. */
export async function readRawEvents(prisma: PrismaClient): Promise<RawEvent[]> {
  const impressions = await prisma.impression.findMany();
  const clicks = await prisma.click.findMany();
  const byOffer = new Map(impressions.map((impression) => [impression.offerId, impression]));
  const events: RawEvent[] = impressions.map((impression) => ({
    at: impression.occurredAt,
    campaignId: impression.campaignId,
    creativeId: impression.creativeId,
    placementId: impression.placementId,
    country: impression.country,
    device: impression.device,
    impressions: 1,
    clicks: 0,
    spendMicros: impression.costMicros,
  }));
  for (const click of clicks) {
    const impression = byOffer.get(click.offerId);
    if (!impression) throw new Error(`click ${click.offerId} has no impression`);
    events.push({
      at: impression.occurredAt,
      campaignId: impression.campaignId,
      creativeId: impression.creativeId,
      placementId: impression.placementId,
      country: impression.country,
      device: impression.device,
      impressions: 0,
      clicks: 1,
      spendMicros: click.costMicros,
    });
  }
  return events;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026-03-29": en-CA writes dates as YYYY-MM-DD. */
export function rawLocalDay(at: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
}

export function rawUtcHour(at: Date): string {
  return `${at.toISOString().slice(0, 13)}:00:00Z`;
}

/** Sums of `events` grouped by `key` (events whose key is null are left out). */
export function sumBy(events: RawEvent[], key: (event: RawEvent) => string | null): Map<string, RawTotals> {
  const sums = new Map<string, RawTotals>();
  for (const event of events) {
    const name = key(event);
    if (name === null) continue;
    const sum = sums.get(name) ?? { impressions: 0, clicks: 0, spendMicros: 0n };
    sums.set(name, { impressions: sum.impressions + event.impressions, clicks: sum.clicks + event.clicks, spendMicros: sum.spendMicros + event.spendMicros });
  }
  return sums;
}

export function total(events: RawEvent[]): RawTotals {
  return sumBy(events, () => "all").get("all") ?? { impressions: 0, clicks: 0, spendMicros: 0n };
}
