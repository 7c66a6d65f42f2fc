import { timestampParameter } from "@/lib/db/timestamp-parameter";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { CREATIVE_CONTENT_FIELDS } from "@/lib/model/creative";
import { VERIFIED_ORGANIZATION } from "@/lib/model/organization";
import { activeCampaign, activePlacement, SERVING_CAMPAIGN_COLUMNS, type ActiveCampaign, type ActiveSet, type ServingCreativeRecord, type ServingCampaignRecord } from "./active-set";

/**
 * How far ahead a set includes campaigns whose flight has not started: longer than any copy
 * of the set lives (Redis keeps it 5 minutes), so a flight starts on time on every instance —
 * each decision checks the flight against its own clock — without an invalidation at its start.
 */
export const FLIGHT_LOOKAHEAD_MS = 10 * 60_000;

/**
 * Reads the active set from the database: campaigns that are ACTIVE, in flight or starting
 * within FLIGHT_LOOKAHEAD_MS, with at least one approved creative, and every live placement
 * with its site's domains — of organisations that may spend or earn (VERIFIED_ORGANIZATION:
 * an owner confirmed their e-mail address). Campaigns that spent their budget are still loaded; the decision
 * engine skips them with the spend state carried here.
 *
 * Campaigns and their creatives are read as plain rows of the columns an entry is made of
 * (two statements, one after the other) and put together here. Through Prisma's models, with
 * creatives included, the set of 10,000 campaigns and 20,000 creatives cost ~780 ms and ~1 s of
 * CPU with ~135 MiB more heap at its peak, on the instance that reloads it after every campaign
 * edit and every expiry of the shared copy; as rows, ~310 ms and ~0.43 s with ~60 MiB, and about
 * as much of the database's time (docs/capacity.md, "The rebuild from Postgres").
 */
export async function loadActiveSet(prisma: PrismaClient, now: number = Date.now()): Promise<ActiveSet> {
  const [campaigns, placements] = await Promise.all([
    prisma.$queryRaw<CampaignRow[]>`
      SELECT ${CAMPAIGN_COLUMNS_SQL}, o."timeZone"
      FROM "campaign" c JOIN "organization" o ON o."id" = c."organizationId"
      WHERE ${liveCampaignsSql(new Date(now + FLIGHT_LOOKAHEAD_MS), new Date(now))}
      ORDER BY c."id"`,
    prisma.placement.findMany({
      where: { archivedAt: null, site: { organization: VERIFIED_ORGANIZATION } },
      include: { site: { select: { domain: true, extraDomains: true, blockedDomains: true, adLabel: true } } },
      orderBy: { id: "asc" },
    }),
  ]);
  // By the campaigns' ids, not by joining their conditions again: with no statistics yet after
  // a bulk import, PostgreSQL planned that join as a scan of every approved creative per
  // campaign (2.4 s at 10,000 campaigns); a lookup of the ids does not depend on them.
  const creatives =
    campaigns.length === 0
      ? []
      : await prisma.$queryRaw<CreativeRow[]>`
          SELECT cr."campaignId", ${CREATIVE_COLUMNS_SQL}
          FROM "creative" cr
          WHERE cr."campaignId" = ANY(${campaigns.map((campaign) => campaign.id)}::text[])
            AND cr."reviewStatus" = 'APPROVED' AND cr."archivedAt" IS NULL
          ORDER BY cr."campaignId", cr."id"`;
  const creativesOf = new Map<string, ServingCreativeRecord[]>();
  for (const { campaignId, ...creative } of creatives) {
    const list = creativesOf.get(campaignId);
    if (list) list.push(creative);
    else creativesOf.set(campaignId, [creative]);
  }
  const entries: ActiveCampaign[] = [];
  for (const { timeZone, ...campaign } of campaigns) {
    // Only campaigns with an approved creative serve.
    const approved = creativesOf.get(campaign.id);
    if (approved) entries.push(activeCampaign({ ...campaign, creatives: approved, organization: { timeZone } }));
  }
  return { builtAt: now, campaigns: entries, placements: placements.map(activePlacement) };
}

type CampaignRow = ServingCampaignRecord & { timeZone: string };
type CreativeRow = ServingCreativeRecord & { campaignId: string };

/** Enum columns are read as text (their values), arrays of them as text[]. */
const COLUMN_CASTS: Partial<Record<string, string>> = { tier: "text", pricingModel: "text", pacing: "text", devices: "text[]", kind: "text" };
const columnList = (alias: string, columns: readonly string[]) =>
  Prisma.raw(columns.map((column) => `${alias}."${column}"${COLUMN_CASTS[column] ? `::${COLUMN_CASTS[column]} AS "${column}"` : ""}`).join(", "));
const CAMPAIGN_COLUMNS_SQL = columnList("c", SERVING_CAMPAIGN_COLUMNS);
const CREATIVE_COLUMNS_SQL = columnList("cr", ["id", ...CREATIVE_CONTENT_FIELDS]);

/**
 * The campaigns (`c`) that may serve now or within the look-ahead, of organisations that may
 * spend: VERIFIED_ORGANIZATION (lib/model/organization.ts), which the placements' query uses as
 * it is, in SQL. tests/integration/ads/load-active-set.test.ts compares this loader with one
 * that reads every part through Prisma's where-fragments.
 */
function liveCampaignsSql(startsBy: Date, endsAfter: Date): Prisma.Sql {
  return Prisma.sql`c."status" = 'ACTIVE'
    AND c."startsAt" <= ${timestampParameter(startsBy)}::timestamp
    AND (c."endsAt" IS NULL OR c."endsAt" > ${timestampParameter(endsAfter)}::timestamp)
    AND c."organizationId" IN (
      SELECT m."organizationId" FROM "membership" m JOIN "user" u ON u."id" = m."userId"
      WHERE m."role" = 'OWNER' AND u."emailVerified")`;
}

/**
 * A fingerprint of what loadActiveSet reads that people change: the latest edit and the row
 * count of campaigns, creatives, placements and sites (a site's domains and disclosure label
 * are on its placements' entries; every edit goes through Prisma, which sets
 * updatedAt; counts catch deletions), of users (a confirmed address lets an organisation
 * serve; better-auth sets updatedAt) and of organisations (their time zone is their
 * campaigns'). One small query, read before every load of the set (the shared copy's build
 * carries its hash) and used while Redis is unavailable to tell whether the in-process copy is
 * still current without loading it again (lib/cache/active-campaigns-cache.ts). Spend, which
 * tracking updates with raw SQL, is not in it: the cache reloads in full on a timer for that.
 */
export async function activeSetVersion(prisma: PrismaClient): Promise<string> {
  const [row] = await prisma.$queryRaw<{ version: string }[]>`
    SELECT concat_ws('|',
      (SELECT concat(max("updatedAt"), '/', count(*)) FROM "campaign"),
      (SELECT concat(max("updatedAt"), '/', count(*)) FROM "creative"),
      (SELECT concat(max("updatedAt"), '/', count(*)) FROM "placement"),
      (SELECT concat(max("updatedAt"), '/', count(*)) FROM "site"),
      (SELECT concat(max("updatedAt"), '/', count(*)) FROM "user"),
      (SELECT concat(max("updatedAt"), '/', count(*)) FROM "organization")) AS "version"`;
  return row?.version ?? "";
}
