// What an operator reads when tracking degrades (issue 14): one structured warn/error line per
// kind of trouble and interval, with the request's id, route and outcome — not one per request —
// and nothing secret in it (no offer token, no connection string).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActiveSet } from "@/lib/ads/active-set";
import { loadActiveSet } from "@/lib/ads/load-active-set";
import { ActiveCampaignsCache } from "@/lib/cache/active-campaigns-cache";
import { createDatabase, type DatabaseHandle } from "@/lib/db/create-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { requestLog } from "@/lib/log/request-log";
import { throttledLog, withFields, type ProblemLog } from "@/lib/log/throttled-log";
import { signOffer, type Offer } from "@/lib/offers/offer-token";
import { PublicRateLimiter } from "@/lib/rate-limit/public-limiter";
import { createStore, type StoreHandle } from "@/lib/redis/create-store";
import { PENDING_KEYS } from "@/lib/tracking/event-buffer";
import { trackClick, type ClickContext } from "@/lib/tracking/track-click";
import { trackImpression } from "@/lib/tracking/track-impression";
import { databaseSettings, freshPglite, type FreshDatabase } from "@/tests/support/databases";
import { deferredWork, runAtOnce } from "@/tests/support/deferred-work";
import { captureLog } from "@/tests/support/log-capture";
import { freePort } from "@/tests/support/services";
import { DEFAULT_POLICY } from "@/tests/support/tracking";

const SECRET = "degraded-log-test-secret-of-32-characters";
const CAMPAIGN = "campaign-degraded";
const CREATIVE = "creative-degraded";

let database: FreshDatabase;
let brokenDatabase: DatabaseHandle;
let brokenUrl: string;
let handle: StoreHandle;
let activeSet: ActiveCampaignsCache<ActiveSet>;

beforeAll(async () => {
  database = await freshPglite();
  // Nothing listens there: every query fails, as when the database is down.
  brokenUrl = `postgresql://marquee:database-password@127.0.0.1:${await freePort()}/nothing`;
  brokenDatabase = createDatabase(databaseSettings({ kind: "postgres", url: brokenUrl }, { timeoutMs: 5_000 }));
  handle = createStore({ kind: "none" });
  await database.prisma.organization.create({
    data: {
      id: "org-degraded",
      name: "Degraded",
      kind: "ADVERTISER",
      // Served only for an organisation with a confirmed owner.
      memberships: { create: { role: "OWNER", user: { create: { id: "owner-degraded", name: "Owner", email: "owner@degraded.example", emailVerified: true } } } },
    },
  });
  await database.prisma.campaign.create({
    data: {
      id: CAMPAIGN,
      organizationId: "org-degraded",
      name: "Degraded",
      status: "ACTIVE",
      startsAt: new Date("2026-01-01T00:00:00Z"),
      pricingModel: "CPC",
      priceMicros: 250_000n,
      totalBudgetMicros: 1_000_000_000n,
      creatives: { create: [{ id: CREATIVE, name: "A", kind: "TEXT", width: 300, height: 250, headline: "A", landingUrl: "https://example.com/a", reviewStatus: "APPROVED" }] },
    },
  });
  // The active set was cached before the database went down: landing pages are still known.
  activeSet = new ActiveCampaignsCache<ActiveSet>({ store: null, defer: runAtOnce, load: () => loadActiveSet(database.prisma), localTtlMs: 600_000 });
  expect((await activeSet.get()).campaigns.map((campaign) => campaign.id)).toEqual([CAMPAIGN]);
});

afterAll(async () => {
  await brokenDatabase?.close();
  await handle?.store.close();
  await database?.close();
});

function offer(): Offer {
  return {
    offerId: randomBytes(12).toString("base64url"),
    campaignId: CAMPAIGN,
    creativeId: CREATIVE,
    placementId: "placement-degraded",
    pricingModel: "CPC",
    priceMicros: 250_000,
    issuedAt: Math.floor(Date.now() / 1000),
    country: "DE",
    device: "DESKTOP",
    viewer: randomBytes(6).toString("base64url"),
    capPeriodSeconds: 0,
    page: "-",
  };
}

/** A process's worth of tracking with the database down: one throttled log, lines kept. */
function instance() {
  const { logger, lines, raw } = captureLog();
  const problems: ProblemLog = throttledLog({ logger: () => logger });
  const work = deferredWork();
  const context = (route: string): { context: ClickContext; requestId: string } => {
    const request = requestLog(new Headers(), route, { logger, onVercel: false });
    return {
      requestId: request.requestId,
      context: {
        prisma: brokenDatabase.prisma as PrismaClient,
        store: handle.store,
        policy: DEFAULT_POLICY,
        secret: SECRET,
        limiter: new PublicRateLimiter({ limits: null, store: null }),
        defer: work.defer,
        log: withFields(problems, request.fields),
        activeSet: () => activeSet.get(),
      },
    };
  };
  return { lines, raw, work, context };
}

const visitor = (token: string) => ({ token, method: "GET", headers: new Headers({ "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0" }), address: `203.0.113.${Math.floor(Math.random() * 200)}` });

describe("tracking with the database down", () => {
  it("parks clicks and says so in exactly one warn line, with a request's id, route and outcome", async () => {
    const { lines, raw, work, context } = instance();
    const tokens = [signOffer(offer(), SECRET), signOffer(offer(), SECRET), signOffer(offer(), SECRET)];
    const requestIds: string[] = [];
    const redirects = [];
    for (const token of tokens) {
      const request = context("/c/[token]");
      requestIds.push(request.requestId);
      redirects.push(await trackClick(visitor(token), request.context));
    }
    expect(redirects.map((redirect) => redirect.landingUrl)).toEqual(Array(3).fill("https://example.com/a"));
    expect(lines).toEqual([]); // recording happens after the response
    await work.settle();

    expect(Object.keys(await handle.store.hgetAll(PENDING_KEYS.click))).toHaveLength(3);
    expect(lines).toEqual([
      {
        level: "warn",
        time: expect.any(String),
        requestId: expect.toBeOneOf(requestIds),
        route: "/c/[token]",
        latencyMs: expect.any(Number),
        outcome: "parked",
        error: expect.any(String),
        message: "Clicks are parked in Redis: the database cannot record them (replayed when it is back)",
      },
    ]);
    expect(raw.join("\n")).not.toContain(tokens[0]);
    expect(raw.join("\n")).not.toContain("database-password");
  });

  it("without Redis, refuses impressions with 503 (nothing to park them in) and says so in exactly one error line", async () => {
    const { lines, context } = instance();
    for (let beacon = 0; beacon < 3; beacon += 1) {
      await expect(trackImpression(visitor(signOffer(offer(), SECRET)), context("/api/i/[token]").context)).rejects.toMatchObject({ status: 503 });
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "error", route: "/api/i/[token]", outcome: "unavailable", requestId: expect.any(String), latencyMs: expect.any(Number) });
    expect(JSON.stringify(lines[0])).not.toContain("database-password");
  });
});
