// The fuzz's own rows beside the demo data: other organisations, a second member, a creative to
// review, invitations and API keys. Every id of the other organisations is tried in every id
// field, and none of their rows may change (otherOrganisationsSnapshot, before and after).
import { createHash, randomBytes } from "node:crypto";
import type pg from "pg";
import { checkQuery } from "../database";
import { NASTY_IDS } from "./inputs";

export const OTHER_ADVERTISER = "fuzz-other-advertiser";
export const OTHER_PUBLISHER = "fuzz-other-publisher";
export const OTHER_CAMPAIGN = "fuzz-other-campaign";
export const OTHER_CREATIVE = "fuzz-other-creative";
export const OTHER_SITE = "fuzz-other-site";
export const OTHER_PLACEMENT = "fuzz-other-placement";
export const OTHER_MEMBERSHIP = "fuzz-other-membership";
export const OTHER_INVITATION = "fuzz-other-invitation";
export const PENDING_CREATIVE = "fuzz-pending-creative";
/** Invitations to the advertiser's organisation: one for the pages, one for the signed-in accounts' join forms. */
export const INVITE_TOKEN = randomBytes(32).toString("base64url");
export const JOIN_TOKEN = randomBytes(32).toString("base64url");

export const DEMO_IDS = [
  "demo-org-advertiser",
  "demo-org-publisher",
  "demo-campaign-spring",
  "demo-campaign-tents",
  "demo-campaign-house",
  "demo-creative-spring-mpu",
  "demo-creative-tents-text",
  "demo-site-trailhead",
  "demo-placement-sidebar",
  "demo-placement-mobile",
  "demo-user-advertiser",
  "fuzz-member",
  PENDING_CREATIVE,
];
export const OTHER_IDS = [OTHER_ADVERTISER, OTHER_PUBLISHER, OTHER_CAMPAIGN, OTHER_CREATIVE, OTHER_SITE, OTHER_PLACEMENT, OTHER_MEMBERSHIP, OTHER_INVITATION];
export const ID_POOL = [...DEMO_IDS, ...OTHER_IDS, ...NASTY_IDS];

export interface ApiKeys {
  advertiser: string[];
  publisher: string[];
  otherAdvertiser: string;
  otherPublisher: string;
  revoked: string;
}

export function sha256(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** Other organisations' data, a second member, a creative to review, invitations and API keys. */
export async function insertFixtures(db: pg.Pool): Promise<ApiKeys> {
  await db.query(`INSERT INTO "organization" ("id", "name", "kind", "updatedAt") VALUES ($1, 'Other Outfitters', 'ADVERTISER', now()), ($2, 'Other Gazette', 'PUBLISHER', now())`, [OTHER_ADVERTISER, OTHER_PUBLISHER]);
  await db.query(
    `INSERT INTO "campaign" ("id", "organizationId", "name", "status", "startsAt", "pricingModel", "priceMicros", "totalBudgetMicros", "updatedAt")
     VALUES ($1, $2, 'Other campaign', 'ACTIVE', '2026-01-01', 'CPM', 1000000, 100000000, now())`,
    [OTHER_CAMPAIGN, OTHER_ADVERTISER],
  );
  await db.query(
    `INSERT INTO "creative" ("id", "campaignId", "name", "kind", "width", "height", "headline", "landingUrl", "reviewStatus", "updatedAt")
     VALUES ($1, $2, 'Other text', 'TEXT', 300, 250, 'Other', 'https://other.example/', 'APPROVED', now()),
            ($3, 'demo-campaign-spring', 'Awaiting review', 'TEXT', 300, 250, 'Pending', 'https://pending.example/', 'PENDING', now())`,
    [OTHER_CREATIVE, OTHER_CAMPAIGN, PENDING_CREATIVE],
  );
  await db.query(`INSERT INTO "site" ("id", "organizationId", "name", "domain", "updatedAt") VALUES ($1, $2, 'Other site', 'other.example', now())`, [OTHER_SITE, OTHER_PUBLISHER]);
  await db.query(`INSERT INTO "placement" ("id", "siteId", "name", "width", "height", "updatedAt") VALUES ($1, $2, 'Other sidebar', 300, 250, now())`, [OTHER_PLACEMENT, OTHER_SITE]);
  await db.query(
    `INSERT INTO "user" ("id", "name", "email", "emailVerified", "updatedAt") VALUES ('fuzz-other-user', 'Other Owner', 'other@fuzz.example', true, now()), ('fuzz-member-user', 'Mia Member', 'member@fuzz.example', true, now())`,
  );
  await db.query(
    `INSERT INTO "membership" ("id", "organizationId", "userId", "role") VALUES ($1, $2, 'fuzz-other-user', 'OWNER'), ('fuzz-member', 'demo-org-advertiser', 'fuzz-member-user', 'MEMBER'), ('fuzz-other-publisher-owner', $3, 'fuzz-other-user', 'OWNER')`,
    [OTHER_MEMBERSHIP, OTHER_ADVERTISER, OTHER_PUBLISHER],
  );
  const inAWeek = new Date(Date.now() + 7 * 86_400_000);
  await db.query(
    `INSERT INTO "verification" ("id", "identifier", "value", "expiresAt", "updatedAt") VALUES ('fuzz-invitation', 'invite:demo-org-advertiser', $1, $2, now()), ('fuzz-join', 'invite:demo-org-advertiser', $6, $2, now()), ($3, $4, $5, $2, now())`,
    [`${sha256(INVITE_TOKEN)}:MEMBER`, inAWeek, OTHER_INVITATION, `invite:${OTHER_ADVERTISER}`, `${sha256(randomBytes(32).toString("base64url"))}:OWNER`, `${sha256(JOIN_TOKEN)}:MEMBER`],
  );

  // Each key is an owner's (a key whose creator is not a member of its organisation is refused).
  const owners: Record<string, string> = {
    "demo-org-advertiser": "demo-user-advertiser",
    "demo-org-publisher": "demo-user-publisher",
    [OTHER_ADVERTISER]: "fuzz-other-user",
    [OTHER_PUBLISHER]: "fuzz-other-user",
  };
  const newKey = async (organizationId: string, revoked = false) => {
    const key = `mq_live_${randomBytes(32).toString("base64url")}`;
    await db.query(`INSERT INTO "api_key" ("id", "organizationId", "createdById", "name", "prefix", "hashedKey", "revokedAt") VALUES ($1, $2, $6, 'fuzz key', $3, $4, $5)`, [
      `fuzz-key-${randomBytes(6).toString("hex")}`,
      organizationId,
      key.slice(0, 12),
      sha256(key),
      revoked ? new Date() : null,
      owners[organizationId],
    ]);
    return key;
  };
  // Several keys per organisation: the API allows 600 requests a minute per key.
  return {
    advertiser: await Promise.all([1, 2, 3, 4].map(() => newKey("demo-org-advertiser"))),
    publisher: await Promise.all([1, 2, 3, 4].map(() => newKey("demo-org-publisher"))),
    otherAdvertiser: await newKey(OTHER_ADVERTISER),
    otherPublisher: await newKey(OTHER_PUBLISHER),
    revoked: await newKey("demo-org-advertiser", true),
  };
}

/** Every row of the other organisations, as text: equal before and after, or a tenant was crossed. */
export async function otherOrganisationsSnapshot(db: pg.Pool): Promise<string> {
  const tables = [
    [`SELECT * FROM "organization" WHERE "id" = ANY($1) ORDER BY "id"`, [OTHER_ADVERTISER, OTHER_PUBLISHER]],
    [`SELECT * FROM "campaign" WHERE "organizationId" = ANY($1) ORDER BY "id"`, [OTHER_ADVERTISER]],
    [`SELECT c.* FROM "creative" c JOIN "campaign" k ON k."id" = c."campaignId" WHERE k."organizationId" = ANY($1) ORDER BY c."id"`, [OTHER_ADVERTISER]],
    [`SELECT * FROM "site" WHERE "organizationId" = ANY($1) ORDER BY "id"`, [OTHER_PUBLISHER]],
    [`SELECT p.* FROM "placement" p JOIN "site" s ON s."id" = p."siteId" WHERE s."organizationId" = ANY($1) ORDER BY p."id"`, [OTHER_PUBLISHER]],
    [`SELECT * FROM "membership" WHERE "organizationId" = ANY($1) ORDER BY "id"`, [OTHER_ADVERTISER, OTHER_PUBLISHER]],
    [`SELECT "id", "name", "revokedAt" FROM "api_key" WHERE "organizationId" = ANY($1) ORDER BY "id"`, [OTHER_ADVERTISER, OTHER_PUBLISHER]],
    [`SELECT * FROM "verification" WHERE "identifier" = ANY($1) ORDER BY "id"`, [[`invite:${OTHER_ADVERTISER}`, `invite:${OTHER_PUBLISHER}`]]],
  ] as const;
  const rows = [];
  for (const [sql, ids] of tables) rows.push((await checkQuery(db, sql, [ids])).rows);
  // The spend ledger is not the organisation's data: a genuine signed impression of theirs is charged.
  const ledger = new Set(["spentMicros", "daySpentMicros", "spendDay"]);
  return JSON.stringify(rows, (key, value: unknown) => (ledger.has(key) ? undefined : typeof value === "bigint" ? value.toString() : value), 1);
}
