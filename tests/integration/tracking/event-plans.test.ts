// The event path's plans (issue 16, prisma/migrations/20261205150000_event_plans_by_key): the
// batch functions reach every table by an index, whatever the statistics were when their
// connection first ran them. The trap this guards: a plan cached while the tables were nearly
// empty (a new deployment) scanned the whole impression and click tables on every call later,
// a cost that grew with every event until the next ANALYZE.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { writeClicks, type ClickToWrite } from "@/lib/tracking/write-clicks";
import { writeImpressions, type ImpressionToWrite } from "@/lib/tracking/write-impressions";
import { freshPglite, freshPostgres, type FreshDatabase } from "@/tests/support/databases";
import { testOffer } from "@/tests/support/tracking";

const ORGANIZATION = "org-event-plans";
const CAMPAIGN = "campaign-event-plans";
const PRICE = 1_000_000;
/** Rows put in each event table after the plans were cached: far more than a scan by key reads. */
const ROWS_LATER = 20_000;
const CLICK_RATES: ClickToWrite["clicks"] = [
  { limit: 1, windowSeconds: 60 },
  { limit: 25, windowSeconds: 86_400 },
];
const TABLES = ["impression", "click", "campaign", "organization", "hourly_stat", "off_domain_stat"];

const variants = [
  { name: "PostgreSQL", open: () => freshPostgres({ poolSize: 1 }) },
  { name: "PGlite", open: () => freshPglite() },
];

describe.each(variants)("the event functions' plans on $name", ({ open }) => {
  let database: FreshDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await open();
    prisma = database.prisma;
    await prisma.organization.create({ data: { id: ORGANIZATION, name: "Event plans advertiser", kind: "ADVERTISER" } });
    await prisma.campaign.create({
      data: {
        id: CAMPAIGN,
        organizationId: ORGANIZATION,
        name: CAMPAIGN,
        status: "ACTIVE",
        startsAt: new Date("2026-01-01T00:00:00Z"),
        pricingModel: "CPC",
        priceMicros: BigInt(PRICE),
        totalBudgetMicros: BigInt(1_000_000_000_000),
        creatives: {
          create: [{ id: `${CAMPAIGN}-a`, name: "A", kind: "TEXT", width: 300, height: 250, headline: "A", landingUrl: "https://example.com/a", reviewStatus: "APPROVED" }],
        },
      },
    });
  });

  afterAll(async () => {
    await database?.close();
  });

  const offer = () => testOffer({ campaignId: CAMPAIGN, creativeId: `${CAMPAIGN}-a`, pricingModel: "CPC", priceMicros: PRICE });
  // A new client per event: every rate check runs and finds nothing (the check is what is planned).
  const view = (): ImpressionToWrite => ({
    offer: offer(),
    verdict: { validity: "VALID", client: `client-${randomBytes(6).toString("hex")}` },
    at: new Date(),
    views: { limit: 5, windowSeconds: 300 },
  });
  const click = (): ClickToWrite => ({
    offer: offer(),
    verdict: { validity: "VALID", client: `client-${randomBytes(6).toString("hex")}` },
    at: new Date(),
    clicks: CLICK_RATES,
  });

  it("reaches no table by a scan of the whole table, after the tables grew under cached plans", async () => {
    // Plans cached while the tables hold next to nothing: more calls than PL/pgSQL's five custom
    // plans before it settles on a generic one, all on the client's one connection.
    for (let call = 0; call < 8; call += 1) {
      await writeImpressions(prisma, [view(), view()]);
      await writeClicks(prisma, [click(), click()]);
    }
    // The tables grow, with no ANALYZE: the statistics still say "nearly empty".
    for (const table of ["impression", "click"]) {
      await prisma.$executeRawUnsafe(
        `INSERT INTO "${table}" ("offerId", "campaignId", "creativeId", "placementId", "occurredAt", "client")
         SELECT 'later-' || n, $1, $2, 'placement-sidebar', now() - interval '1 minute', 'later-client-' || n FROM generate_series(1, ${ROWS_LATER}) AS n`,
        CAMPAIGN,
        `${CAMPAIGN}-a`,
      );
    }

    const scans = await prisma.$transaction(async (transaction) => {
      const client = transaction as unknown as PrismaClient;
      const views = await writeImpressions(client, [view(), view(), view()]);
      const clicks = await writeClicks(client, [click(), click(), click()]);
      expect(views.map((written) => written.counted)).toEqual([true, true, true]);
      expect(clicks.map((written) => written.outcome)).toEqual(["counted", "counted", "counted"]);
      return transaction.$queryRawUnsafe<{ relname: string; seq_scan: bigint | number }[]>(
        `SELECT relname, seq_scan FROM pg_stat_xact_user_tables WHERE relname = ANY($1::text[]) ORDER BY relname`,
        TABLES,
      );
    });
    expect(Object.fromEntries(scans.map((row) => [row.relname, Number(row.seq_scan)]))).toEqual(Object.fromEntries([...TABLES].sort().map((table) => [table, 0])));
  });

  it("plans with JIT compilation off, whatever the server's setting: a batch's generic plan looks costly enough to compile", async () => {
    // prisma/migrations/20261206060000_events_by_campaign: a generic plan assumes a thousand rows
    // of generate_series, and compiling the click rate query took ~25 ms a call to run it in less than one.
    const settings = await prisma.$queryRaw<{ proname: string; proconfig: string[] | null }[]>`
      SELECT proname, proconfig FROM pg_proc WHERE proname IN ('marquee_record_impressions', 'marquee_record_clicks') ORDER BY proname`;
    expect(settings.map((row) => row.proname)).toEqual(["marquee_record_clicks", "marquee_record_impressions"]);
    for (const row of settings) expect(row.proconfig).toEqual(expect.arrayContaining(["jit=off", "plan_cache_mode=force_generic_plan", "enable_seqscan=off"]));
  });
});
