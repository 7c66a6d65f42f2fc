// Writes the benchmark's active set into the database with plain node-postgres, a handful
// of statements in all (json_populate_recordset turns one JSON array into rows, arrays and
// enums included): seconds, not minutes, for thousands of rows.
import type pg from "pg";
import type { ActiveSet } from "@/lib/ads/active-set";
import { BENCH_FREQUENCY_CAP, BENCH_ORGANIZATION_ADVERTISER, BENCH_ORGANIZATION_PUBLISHER, BENCH_SITE_DOMAIN, BENCH_SITE_ID } from "./bench-data-set";

/**
 * Inserts the set's placements (on a bench site of the demo publisher), campaigns and
 * approved creatives (of the demo advertiser). The demo seed's campaigns are paused and its
 * placements archived, so the active set is exactly the bench set.
 */
export async function insertBenchData(db: pg.Pool | pg.Client, set: ActiveSet): Promise<void> {
  const now = new Date(set.builtAt).toISOString();
  await db.query("BEGIN");
  try {
    await db.query(`UPDATE "campaign" SET "status" = 'PAUSED', "updatedAt" = now() WHERE "id" NOT LIKE 'bench-%' AND "status" = 'ACTIVE'`);
    await db.query(`UPDATE "placement" SET "archivedAt" = now(), "updatedAt" = now() WHERE "id" NOT LIKE 'bench-%' AND "archivedAt" IS NULL`);
    await db.query(
      `INSERT INTO "site" ("id", "organizationId", "name", "domain", "updatedAt") VALUES ($1, $2, 'Bench site', $3, now())`,
      [BENCH_SITE_ID, BENCH_ORGANIZATION_PUBLISHER, BENCH_SITE_DOMAIN],
    );
    await insertRows(
      db,
      "placement",
      set.placements.map((placement) => ({
        id: placement.id,
        siteId: BENCH_SITE_ID,
        name: `Bench ${placement.id}`,
        width: placement.width,
        height: placement.height,
        keywords: placement.keywords,
        floorPriceMicros: placement.floorPriceMicros,
        updatedAt: now,
      })),
    );
    await insertRows(
      db,
      "campaign",
      set.campaigns.map((campaign) => ({
        id: campaign.id,
        organizationId: BENCH_ORGANIZATION_ADVERTISER,
        name: `Bench ${campaign.id}`,
        status: "ACTIVE",
        startsAt: new Date(campaign.startsAt).toISOString(),
        endsAt: campaign.endsAt === null ? null : new Date(campaign.endsAt).toISOString(),
        pricingModel: campaign.pricingModel,
        priceMicros: campaign.priceMicros,
        totalBudgetMicros: campaign.totalBudgetMicros,
        dailyBudgetMicros: campaign.dailyBudgetMicros,
        pacing: campaign.pacing,
        tier: campaign.tier,
        weight: campaign.weight,
        frequencyCapCount: campaign.frequencyCap?.count ?? null,
        frequencyCapPeriodSeconds: campaign.frequencyCap?.periodSeconds ?? null,
        targetPlacementIds: campaign.targeting.placementIds,
        targetSizes: campaign.targeting.sizes,
        countriesInclude: campaign.targeting.countriesInclude,
        countriesExclude: campaign.targeting.countriesExclude,
        devices: campaign.targeting.devices,
        keywords: campaign.targeting.keywords,
        weekdays: campaign.targeting.weekdays,
        hours: campaign.targeting.hours,
        updatedAt: now,
      })),
    );
    await insertRows(
      db,
      "creative",
      set.campaigns.flatMap((campaign) =>
        campaign.creatives.map((creative) => ({
          ...creative,
          campaignId: campaign.id,
          name: `Bench ${creative.id}`,
          reviewStatus: "APPROVED",
          reviewedAt: now,
          reviewedById: "demo-user-admin",
          updatedAt: now,
        })),
      ),
    );
    await db.query("COMMIT");
  } catch (error) {
    await db.query("ROLLBACK");
    throw error;
  }
}

/** Turns the frequency cap of every bench campaign on (the capped scenario) or off. */
export async function setBenchFrequencyCaps(db: pg.Pool | pg.Client, on: boolean): Promise<void> {
  await db.query(
    `UPDATE "campaign" SET "frequencyCapCount" = $1, "frequencyCapPeriodSeconds" = $2, "updatedAt" = now() WHERE "id" LIKE 'bench-c-%'`,
    on ? [BENCH_FREQUENCY_CAP.count, BENCH_FREQUENCY_CAP.periodSeconds] : [null, null],
  );
}

async function insertRows(db: pg.Pool | pg.Client, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!)
    .map((column) => `"${column}"`)
    .join(", ");
  await db.query(`INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(null::"${table}", $1::json)`, [JSON.stringify(rows)]);
}
