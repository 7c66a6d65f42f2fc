// The management API as a server instance runs it, in this test process: the real route
// modules of app/api/v1, called with Request objects, on a fresh PGlite with the demo data,
// a second organisation of each kind and an API key per organisation.
//
// How the handlers reach the test database: route modules use the process's Prisma client
// from lib/db, which is created on first use and kept on globalThis (`marqueeDb`). The world
// puts a freshPglite() handle there before any handler runs, so the handlers and the test
// share one client on one PGlite folder (a PGlite folder can be opened by one instance only),
// with no environment juggling and no copy. Redis variables are blanked, so lib/redis's
// store() is the in-process store, and the active set is checked against the database.
// Every key is created by a member (the organisation's first owner unless a test names
// another): a key whose creator is not a member does not authenticate.
import { vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { activeCampaigns } from "@/lib/cache";
import type { DatabaseHandle } from "@/lib/db/create-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ApiKeyAccess, MemberRole } from "@/lib/generated/prisma/enums";
import type { ApiKeyExpiry } from "@/lib/zod/schemas/api-keys";
import { seedDemoData } from "@/prisma/seed";
import { freshPglite, type FreshDatabase } from "@/tests/support/databases";
import { createSecondPublisher, OTHER_ORG as OTHER_PUBLISHER_ORG } from "../publisher/second-publisher";

export const ADVERTISER_ORG = "demo-org-advertiser";
export const PUBLISHER_ORG = "demo-org-publisher";
export const OTHER_ADVERTISER_ORG = "api-other-advertiser";
export const OTHER_CAMPAIGN = "api-other-campaign";
export const OTHER_CREATIVE = "api-other-creative";
export const OTHER_ADVERTISER_OWNER = "api-other-advertiser-owner";
export { OTHER_PLACEMENT, OTHER_SITE } from "../publisher/second-publisher";
export { OTHER_PUBLISHER_ORG };

export const DEMO_CAMPAIGNS = ["demo-campaign-spring", "demo-campaign-tents", "demo-campaign-house"];

export interface ApiKeys {
  advertiser: string;
  publisher: string;
  otherAdvertiser: string;
  otherPublisher: string;
  /** A demo advertiser key that was revoked. */
  revoked: string;
}

export interface NewKeyOptions {
  name?: string;
  /** The creator: a member of the organisation (default: its first owner). */
  userId?: string;
  access?: ApiKeyAccess;
  expiry?: ApiKeyExpiry;
}

export interface ApiWorld {
  prisma: PrismaClient;
  keys: ApiKeys;
  /** A new key of the organisation (e.g. one a test may exhaust or revoke), read-write by default. */
  newKey(organizationId: string, name?: string | NewKeyOptions): Promise<{ id: string; key: string }>;
  /** A new user who is a member of the organisation with `role`; their membership id. */
  newMember(organizationId: string, role: MemberRole, email?: string): Promise<{ userId: string; membershipId: string }>;
  close(): Promise<void>;
}

const globalForDb = globalThis as unknown as { marqueeDb?: DatabaseHandle };

const REDIS_VARIABLES = ["REDIS_URL", "REDIS_HOST", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_URL", "KV_REST_API_TOKEN"];

/** The world on a fresh database: PGlite unless `open` says otherwise (BOTH_DATABASES). */
export async function createApiWorld(open: () => Promise<FreshDatabase> = freshPglite): Promise<ApiWorld> {
  for (const name of REDIS_VARIABLES) vi.stubEnv(name, "");
  const database = await open();
  if (globalForDb.marqueeDb) throw new Error("lib/db already opened a database in this process");
  globalForDb.marqueeDb = database;
  const { prisma } = database;

  await seedDemoData(prisma);
  await createSecondPublisher(prisma);
  await prisma.organization.create({
    data: {
      id: OTHER_ADVERTISER_ORG,
      name: "Other Outfitters",
      kind: "ADVERTISER",
      memberships: { create: { role: "OWNER", user: { create: { id: OTHER_ADVERTISER_OWNER, name: "Oscar Other", email: "owner@other-outfitters.example", emailVerified: true } } } },
      campaigns: {
        create: {
          id: OTHER_CAMPAIGN,
          name: "Other's campaign",
          status: "ACTIVE",
          startsAt: new Date("2026-01-01T00:00:00Z"),
          priceMicros: 1_000_000n,
          totalBudgetMicros: 100_000_000n,
          creatives: {
            create: { id: OTHER_CREATIVE, name: "Other's text", kind: "TEXT", width: 300, height: 250, headline: "Other", landingUrl: "https://other.example/", reviewStatus: "APPROVED" },
          },
        },
      },
    },
  });

  const deps = { prisma };
  const newKey = async (organizationId: string, options: string | NewKeyOptions = {}) => {
    const { name = "test key", userId, access = "READ_WRITE", expiry = { kind: "never" } } = typeof options === "string" ? { name: options } : options;
    const membership = await prisma.membership.findFirstOrThrow({
      where: { organizationId, ...(userId ? { userId } : { role: "OWNER" }) },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { userId: true, role: true, organization: { select: { id: true, kind: true } } },
    });
    const actor = { organization: membership.organization, userId: membership.userId, role: membership.role };
    const { apiKey, key } = await createApiKey(actor, { name, access, expiry }, deps);
    return { id: apiKey.id, key };
  };
  let members = 0;
  const newMember = async (organizationId: string, role: MemberRole, email?: string) => {
    const number = ++members;
    const user = await prisma.user.create({
      data: { id: `api-world-member-${number}`, name: `Member ${number}`, email: email ?? `member-${number}@api-world.example`, emailVerified: true },
    });
    const membership = await prisma.membership.create({ data: { organizationId, userId: user.id, role } });
    return { userId: user.id, membershipId: membership.id };
  };
  const revoked = await newKey(ADVERTISER_ORG, "revoked key");
  await prisma.apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
  const keys: ApiKeys = {
    advertiser: (await newKey(ADVERTISER_ORG, "advertiser key")).key,
    publisher: (await newKey(PUBLISHER_ORG, "publisher key")).key,
    otherAdvertiser: (await newKey(OTHER_ADVERTISER_ORG, "other advertiser key")).key,
    otherPublisher: (await newKey(OTHER_PUBLISHER_ORG, "other publisher key")).key,
    revoked: revoked.key,
  };

  return {
    prisma,
    keys,
    newKey,
    newMember,
    async close() {
      globalForDb.marqueeDb = undefined;
      vi.unstubAllEnvs();
      await database.close();
    },
  };
}

// ─── Calling the routes ──────────────────────────────────────────────────────

type RouteModule = Record<string, unknown>;
type RouteHandler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Every route module of /api/v1, by its OpenAPI path. */
const routeModules: Record<string, () => Promise<RouteModule>> = {
  "/api/v1/openapi.json": () => import("@/app/api/v1/openapi.json/route"),
  "/api/v1/campaigns": () => import("@/app/api/v1/campaigns/route"),
  "/api/v1/campaigns/{id}": () => import("@/app/api/v1/campaigns/[id]/route"),
  "/api/v1/campaigns/{id}/pause": () => import("@/app/api/v1/campaigns/[id]/pause/route"),
  "/api/v1/campaigns/{id}/resume": () => import("@/app/api/v1/campaigns/[id]/resume/route"),
  "/api/v1/campaigns/{id}/restore": () => import("@/app/api/v1/campaigns/[id]/restore/route"),
  "/api/v1/campaigns/{id}/creatives": () => import("@/app/api/v1/campaigns/[id]/creatives/route"),
  "/api/v1/creatives/{id}": () => import("@/app/api/v1/creatives/[id]/route"),
  "/api/v1/reports/advertiser": () => import("@/app/api/v1/reports/advertiser/route"),
  "/api/v1/sites": () => import("@/app/api/v1/sites/route"),
  "/api/v1/sites/{id}": () => import("@/app/api/v1/sites/[id]/route"),
  "/api/v1/sites/{id}/placements": () => import("@/app/api/v1/sites/[id]/placements/route"),
  "/api/v1/placements/{id}": () => import("@/app/api/v1/placements/[id]/route"),
  "/api/v1/reports/publisher": () => import("@/app/api/v1/reports/publisher/route"),
  "/api/v1/audit-log": () => import("@/app/api/v1/audit-log/route"),
};

function matchRoute(pathname: string): { load: () => Promise<RouteModule>; params: Record<string, string> } {
  for (const [pattern, load] of Object.entries(routeModules)) {
    const source = pattern.replace(/\./g, "\\.").replace(/\{(\w+)\}/g, "(?<$1>[^/]+)");
    const match = new RegExp(`^${source}$`).exec(pathname);
    if (match) return { load, params: Object.fromEntries(Object.entries(match.groups ?? {}).map(([name, value]) => [name, decodeURIComponent(value)])) };
  }
  throw new Error(`No route module for ${pathname}`);
}

export interface ApiCall {
  /** The key, sent as `Authorization: Bearer <key>`. */
  key?: string;
  /** The whole Authorization header (overrides `key`). */
  authorization?: string;
  /** An object is sent as JSON; a string as it is. */
  body?: unknown;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  // Response bodies are asserted field by field, or parsed with the documented schema.
  body: any;
}

/** Calls the route handler for `method url` the way Next.js would, and reads its JSON. */
export async function api(method: "GET" | "POST" | "PATCH" | "DELETE", url: string, call: ApiCall = {}): Promise<ApiAnswer> {
  const request = new Request(new URL(url, "http://localhost"), {
    method,
    headers: {
      ...(call.authorization !== undefined ? { authorization: call.authorization } : call.key !== undefined ? { authorization: `Bearer ${call.key}` } : {}),
      ...(call.body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: call.body === undefined ? undefined : typeof call.body === "string" ? call.body : JSON.stringify(call.body),
  });
  const { load, params } = matchRoute(new URL(request.url).pathname);
  const handler = (await load())[method] as RouteHandler | undefined;
  if (!handler) throw new Error(`${method} is not exported by the route of ${url}`);
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === "" ? null : JSON.parse(text) };
}

/** How many times this process invalidated the active set so far. */
export async function invalidations(): Promise<number> {
  return activeCampaigns().stats().invalidations;
}

export const errorBody = (code: string, message: string) => ({ error: { code, message } });
