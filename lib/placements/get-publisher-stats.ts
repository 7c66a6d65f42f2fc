import type { PublisherReadDeps } from "@/lib/sites/site-deps";

export interface Totals {
  impressions: number;
  clicks: number;
  /** What advertisers were charged on these placements, micro-units. */
  earningsMicros: bigint;
}

export interface PlacementTotals {
  id: string;
  name: string;
  siteName: string;
  width: number;
  height: number;
  archived: boolean;
  today: Totals;
  month: Totals;
}

export interface PublisherStats {
  /** Start of the current UTC day and month. */
  todayStart: Date;
  monthStart: Date;
  today: Totals;
  month: Totals;
  placements: PlacementTotals[];
}

const zero = (): Totals => ({ impressions: 0, clicks: 0, earningsMicros: 0n });

function add(into: Totals, row: { impressions: number; clicks: number; earningsMicros: bigint }): void {
  into.impressions += row.impressions;
  into.clicks += row.clicks;
  into.earningsMicros += row.earningsMicros;
}

/**
 * Impressions, clicks and earnings of the organisation's placements (archived ones too:
 * they earned) today and this month, UTC, from the hourly rollups. Earnings are what the
 * advertisers spent on them.
 */
export async function getPublisherStats(organizationId: string, deps: PublisherReadDeps, now: Date = new Date()): Promise<PublisherStats> {
  const todayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const placements = await deps.prisma.placement.findMany({
    where: { site: { organizationId } },
    select: { id: true, name: true, width: true, height: true, archivedAt: true, site: { select: { name: true } } },
    orderBy: [{ site: { createdAt: "asc" } }, { createdAt: "asc" }, { id: "asc" }],
  });
  const stats: PublisherStats = { todayStart, monthStart, today: zero(), month: zero(), placements: [] };
  if (placements.length === 0) return stats;

  const placementIds = placements.map((placement) => placement.id);
  const sums = { _sum: { impressions: true, clicks: true, spendMicros: true } } as const;
  const [monthRows, todayRows] = await Promise.all(
    [monthStart, todayStart].map((since) =>
      deps.prisma.hourlyStat.groupBy({ by: ["placementId"], where: { placementId: { in: placementIds }, hour: { gte: since } }, ...sums }),
    ),
  );
  const byPlacement = (rows: NonNullable<typeof monthRows>) =>
    new Map(
      rows.map((row) => [
        row.placementId,
        { impressions: row._sum.impressions ?? 0, clicks: row._sum.clicks ?? 0, earningsMicros: row._sum.spendMicros ?? 0n },
      ]),
    );
  const month = byPlacement(monthRows ?? []);
  const today = byPlacement(todayRows ?? []);

  for (const placement of placements) {
    const totals: PlacementTotals = {
      id: placement.id,
      name: placement.name,
      siteName: placement.site.name,
      width: placement.width,
      height: placement.height,
      archived: placement.archivedAt !== null,
      today: { ...zero(), ...today.get(placement.id) },
      month: { ...zero(), ...month.get(placement.id) },
    };
    add(stats.today, totals.today);
    add(stats.month, totals.month);
    stats.placements.push(totals);
  }
  return stats;
}

/** Clicks per impression, 0–1, or null without impressions. */
export function clickThroughRate(totals: Pick<Totals, "impressions" | "clicks">): number | null {
  return totals.impressions === 0 ? null : totals.clicks / totals.impressions;
}
