import type { ReadDeps } from "@/lib/db/deps";
import { startOfDayIn, startOfMonthIn } from "@/lib/format/date";
import { DEFAULT_TIME_ZONE } from "@/lib/format/time-zone";
import { invalidTraffic, type InvalidTraffic } from "@/lib/reports/invalid-reasons";
import type { InvalidCounts } from "@/lib/reports/metrics";

/** Billed traffic: VALID events only. */
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
  /** Recorded, not billed: beside the totals, never in them. */
  invalid: { today: InvalidCounts; month: InvalidCounts };
}

export interface PublisherStats {
  /** Start of the current day and month in the organisation's time zone. */
  todayStart: Date;
  monthStart: Date;
  today: Totals;
  month: Totals;
  /** Recorded, not billed, with the reasons. */
  invalid: { today: InvalidTraffic; month: InvalidTraffic };
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
 * they earned) today and this month, days and months in the organisation's `timeZone`, from
 * the hourly rollups: the VALID rows, and the invalid traffic beside them. Earnings are what
 * the advertisers spent on them.
 */
export async function getPublisherStats(organizationId: string, deps: ReadDeps, now: Date = new Date(), timeZone: string = DEFAULT_TIME_ZONE): Promise<PublisherStats> {
  const todayStart = startOfDayIn(now, timeZone);
  const monthStart = startOfMonthIn(now, timeZone);
  const placements = await deps.prisma.placement.findMany({
    where: { site: { organizationId } },
    select: { id: true, name: true, width: true, height: true, archivedAt: true, site: { select: { name: true } } },
    orderBy: [{ site: { createdAt: "asc" } }, { createdAt: "asc" }, { id: "asc" }],
  });
  const stats: PublisherStats = {
    todayStart,
    monthStart,
    today: zero(),
    month: zero(),
    invalid: { today: invalidTraffic([]), month: invalidTraffic([]) },
    placements: [],
  };
  if (placements.length === 0) return stats;

  const placementIds = placements.map((placement) => placement.id);
  const sums = { _sum: { impressions: true, clicks: true, spendMicros: true } } as const;
  // Per placement and validity: the VALID rows are the billed totals, the others the invalid traffic.
  const [monthRows, todayRows] = await Promise.all(
    [monthStart, todayStart].map((since) =>
      deps.prisma.hourlyStat.groupBy({ by: ["placementId", "validity"], where: { placementId: { in: placementIds }, hour: { gte: since } }, ...sums }),
    ),
  );
  const counts = (rows: NonNullable<typeof monthRows>) =>
    rows.map((row) => ({
      placementId: row.placementId,
      validity: row.validity,
      impressions: row._sum.impressions ?? 0,
      clicks: row._sum.clicks ?? 0,
      earningsMicros: row._sum.spendMicros ?? 0n,
    }));
  const month = counts(monthRows ?? []);
  const today = counts(todayRows ?? []);
  stats.invalid = { today: invalidTraffic(today), month: invalidTraffic(month) };

  const billedOf = (rows: typeof month, placementId: string): Totals => {
    const totals = zero();
    for (const row of rows) if (row.placementId === placementId && row.validity === "VALID") add(totals, row);
    return totals;
  };
  const invalidOf = (rows: typeof month, placementId: string): InvalidCounts => {
    const { invalidImpressions, invalidClicks } = invalidTraffic(rows.filter((row) => row.placementId === placementId));
    return { invalidImpressions, invalidClicks };
  };

  for (const placement of placements) {
    const totals: PlacementTotals = {
      id: placement.id,
      name: placement.name,
      siteName: placement.site.name,
      width: placement.width,
      height: placement.height,
      archived: placement.archivedAt !== null,
      today: billedOf(today, placement.id),
      month: billedOf(month, placement.id),
      invalid: { today: invalidOf(today, placement.id), month: invalidOf(month, placement.id) },
    };
    add(stats.today, totals.today);
    add(stats.month, totals.month);
    stats.placements.push(totals);
  }
  return stats;
}
