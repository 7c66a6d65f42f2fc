// withApiKey on the real routes: who gets in, the exact refusals, the permission of every
// operation (what a key may do over its life: key-lifecycle.test.ts), the rate limit per
// key, lastUsedAt, and errors turned into the one JSON body.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generateApiKey } from "@/lib/api-keys/api-key-secret";
import { AppError } from "@/lib/errors";
import { apiOperations } from "@/lib/api/v1/operations";
import { apiAuthMessages, withApiKey } from "@/lib/api/with-api-key";
import { API_KEY_ACCESS_PERMISSIONS } from "@/lib/model/permissions";
import { prisma } from "@/lib/db";
import { log } from "@/lib/log/logger";
import { checkRateLimit } from "@/lib/rate-limit/check-rate-limit";
import { rateLimitPolicies } from "@/lib/rate-limit/policies";
import { rateCounter } from "@/lib/rate-limit";
import { ADVERTISER_ORG, api, createApiWorld, errorBody, PUBLISHER_ORG, type ApiWorld } from "./api-world";

let world: ApiWorld;
beforeAll(async () => {
  world = await createApiWorld();
});
afterAll(async () => {
  await world?.close();
});

const authenticated = apiOperations.filter((operation) => operation.kinds !== null);
const concrete = (path: string) => path.replace("{id}", "some-id");

describe("a request without a usable key", () => {
  const cases: Array<[string, () => string | undefined, string]> = [
    ["no Authorization header", () => undefined, apiAuthMessages.missing],
    ["an empty Authorization header", () => "", apiAuthMessages.missing],
    ["another scheme", () => `Basic ${world.keys.advertiser}`, apiAuthMessages.malformed],
    ["Bearer without a key", () => "Bearer", apiAuthMessages.malformed],
    ["the key without Bearer", () => world.keys.advertiser, apiAuthMessages.malformed],
    ["something that is not a Marquee key", () => "Bearer sk_live_0123456789", apiAuthMessages.malformed],
    ["a truncated key", () => `Bearer ${world.keys.advertiser.slice(0, -1)}`, apiAuthMessages.malformed],
    ["a key followed by more", () => `Bearer ${world.keys.advertiser} extra`, apiAuthMessages.malformed],
    ["a well-formed key that does not exist", () => `Bearer ${generateApiKey().key}`, apiAuthMessages.invalid],
    ["a revoked key", () => `Bearer ${world.keys.revoked}`, apiAuthMessages.invalid],
  ];

  it.each(cases)("%s: 401 with the exact error, WWW-Authenticate and no-store", async (_name, header, message) => {
    const answer = await api("GET", "/api/v1/campaigns", header() === undefined ? {} : { authorization: header() });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual(errorBody("unauthorized", message));
    expect(answer.headers.get("www-authenticate")).toBe('Bearer realm="marquee"');
    expect(answer.headers.get("cache-control")).toBe("no-store");
  });

  it("a revoked key and a key that never existed get the same answer", async () => {
    const revoked = await api("GET", "/api/v1/campaigns", { key: world.keys.revoked });
    const unknown = await api("GET", "/api/v1/campaigns", { key: generateApiKey().key });
    expect(revoked).toMatchObject({ status: unknown.status, body: unknown.body });
  });

  it.each(authenticated.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))("%s: 401 without a key, nothing done", async (_name, operation) => {
    const answer = await api(operation.method, concrete(operation.path), { body: operation.body ? { name: "x" } : undefined });
    expect(answer).toMatchObject({ status: 401, body: errorBody("unauthorized", apiAuthMessages.missing) });
  });

  it("accepts the scheme in any case (RFC 7235)", async () => {
    const answer = await api("GET", "/api/v1/campaigns", { authorization: `bearer ${world.keys.advertiser}` });
    expect(answer.status).toBe(200);
  });
});

describe("a key of the wrong organisation kind", () => {
  const ofOneKind = authenticated.filter((operation) => operation.kinds!.length === 1);
  it.each(ofOneKind.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))("%s: 403 for the other kind", async (_name, operation) => {
    const advertiserEndpoint = operation.kinds!.includes("ADVERTISER");
    const key = advertiserEndpoint ? world.keys.publisher : world.keys.advertiser;
    const answer = await api(operation.method, concrete(operation.path), { key, body: operation.body ? {} : undefined });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual(
      errorBody(
        "forbidden",
        advertiserEndpoint
          ? "This endpoint is for advertiser organisations; this API key belongs to a publisher organisation."
          : "This endpoint is for publisher organisations; this API key belongs to an advertiser organisation.",
      ),
    );
  });

  it("changes nothing: a publisher key cannot pause a campaign", async () => {
    const answer = await api("POST", "/api/v1/campaigns/demo-campaign-spring/pause", { key: world.keys.publisher });
    expect(answer.status).toBe(403);
    expect((await world.prisma.campaign.findUniqueOrThrow({ where: { id: "demo-campaign-spring" } })).status).toBe("ACTIVE");
  });
});

describe("what a key may do: its access, within its creator's role today", () => {
  const operationName = (operation: (typeof authenticated)[number]) => `${operation.method} ${operation.path}`;
  const keyOf = (operation: (typeof authenticated)[number]) => (operation.kinds!.includes("ADVERTISER") ? ADVERTISER_ORG : PUBLISHER_ORG);
  const writes = authenticated.filter((operation) => !API_KEY_ACCESS_PERMISSIONS.READ.includes(operation.permission!));
  const reads = authenticated.filter((operation) => API_KEY_ACCESS_PERMISSIONS.READ.includes(operation.permission!));

  it("every authenticated operation names a permission; writes are every POST, PATCH and DELETE", () => {
    expect(authenticated.filter((operation) => operation.permission === null)).toEqual([]);
    expect(writes.map(operationName).sort()).toEqual(authenticated.filter((operation) => operation.method !== "GET").map(operationName).sort());
  });

  it.each(writes.map((operation) => [operationName(operation), operation] as const))("%s: 403 for a read-only key, naming what it may not do", async (_name, operation) => {
    const { key } = await world.newKey(keyOf(operation), { name: "read only", access: "READ" });
    const answer = await api(operation.method, concrete(operation.path), { key, body: operation.body ? {} : undefined });
    expect(answer).toMatchObject({ status: 403, body: errorBody("forbidden", apiAuthMessages.readOnly(operation.permission!)) });
  });

  it.each(reads.map((operation) => [operationName(operation), operation] as const))("%s: a read-only key gets past the permission check", async (_name, operation) => {
    const { key } = await world.newKey(keyOf(operation), { name: "read only", access: "READ" });
    const answer = await api(operation.method, concrete(operation.path), { key });
    expect(answer.status).not.toBe(403);
    expect(answer.status).not.toBe(401);
  });

});

describe("the context a handler gets", () => {
  it("names the key and its creator (for the audit log: through the API, which key)", async () => {
    const { userId } = await world.newMember(ADVERTISER_ORG, "MEMBER", "context@api-world.example");
    const { id, key } = await world.newKey(ADVERTISER_ORG, { name: "context key", userId });
    const route = withApiKey(async ({ apiKey, actor, organization }) => Response.json({ apiKey, actor, organization }), { permission: "campaigns:read" });
    const response = await route(new Request("http://localhost/api/v1/test", { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({}) });
    expect(await response.json()).toEqual({
      apiKey: { id, name: "context key" },
      actor: { userId, email: "context@api-world.example" },
      organization: { id: ADVERTISER_ORG, name: expect.any(String), kind: "ADVERTISER" },
    });
  });
});

describe("the rate limit per key", () => {
  const { limit, windowSeconds } = rateLimitPolicies.apiKey;

  /**
   * Waits for a fresh window when less than 15 s are left in this one: the test's requests must
   * all fall into one window (in the next, the previous one's count fades and the refusal with
   * it), and on a busy CI machine they can take several seconds.
   */
  async function awayFromWindowEdge() {
    const left = windowSeconds - (Math.floor(Date.now() / 1000) % windowSeconds);
    if (left < 15) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 100));
  }

  it(`answers 429 with Retry-After after ${limit} requests a minute, for that key only`, async () => {
    await awayFromWindowEdge();
    const busy = await world.newKey(ADVERTISER_ORG, "busy script");
    const first = await api("GET", "/api/v1/campaigns", { key: busy.key });
    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-limit")).toBe(String(limit));
    expect(first.headers.get("x-ratelimit-remaining")).toBe(String(limit - 1));
    // The rest of the window's allowance, spent through the same helper the wrapper uses.
    for (let used = 1; used < limit; used++) await checkRateLimit(rateCounter(), "apiKey", busy.id);

    const refused = await api("GET", "/api/v1/campaigns", { key: busy.key });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
    expect(refused.body).toEqual(
      errorBody("rate_limited", `Rate limit exceeded: at most ${limit} requests per ${windowSeconds} seconds per API key. Retry in ${retryAfter} seconds.`),
    );
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");

    const otherKey = await api("GET", "/api/v1/campaigns", { key: world.keys.advertiser });
    expect(otherKey.status).toBe(200);
  });
});

describe("lastUsedAt", () => {
  it("is set on first use, then written at most once a minute", async () => {
    const { id, key } = await world.newKey(PUBLISHER_ORG, "usage");
    const lastUsed = async () => (await world.prisma.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    expect(await lastUsed()).toBeNull();

    await api("GET", "/api/v1/sites", { key });
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await api("GET", "/api/v1/sites", { key });
    expect(await lastUsed()).toEqual(first);

    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await world.prisma.apiKey.update({ where: { id }, data: { lastUsedAt: twoMinutesAgo } });
    await api("GET", "/api/v1/sites", { key });
    expect((await lastUsed())!.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);
  });
});

describe("errors in a handler", () => {
  const route = (handler: () => Promise<Response>) => withApiKey(handler, { permission: "campaigns:read" });
  const call = (handler: () => Promise<Response>) =>
    route(handler)(new Request("http://localhost/api/v1/test", { headers: { authorization: `Bearer ${world.keys.advertiser}` } }), { params: Promise.resolve({}) });

  it("an unexpected error is a 500 with a generic message: no stack, no SQL (logged for the operator)", async () => {
    const logged = vi.spyOn(log(), "error").mockImplementation(() => {});
    const response = await call(async () => {
      throw new Error('relation "api_key" does not exist at SELECT "hashedKey" FROM api_key');
    });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual(errorBody("internal_error", "Something went wrong on our side. Please try again."));
    expect(text).not.toMatch(/SELECT|api_key|at /);
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ outcome: "internal_error", status: 500, error: expect.stringContaining("api_key"), stack: expect.stringContaining("at ") }),
      "Unhandled error in an API handler (answered 500)",
    );
    logged.mockRestore();
  });

  it("a record Prisma did not find (P2025) is a 404", async () => {
    const response = await call(async () => {
      await prisma.campaign.update({ where: { id: "no-such-campaign" }, data: { name: "x" } });
      return Response.json({});
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual(errorBody("not_found", "Not found."));
  });

  it("an AppError keeps its status, message and headers, plus the rate-limit headers", async () => {
    const response = await call(async () => {
      throw new AppError("conflict", "Already done.");
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual(errorBody("conflict", "Already done."));
    expect(response.headers.get("x-ratelimit-limit")).toBe(String(rateLimitPolicies.apiKey.limit));
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("needs no key and answers the OpenAPI 3.1 document", async () => {
    const answer = await api("GET", "/api/v1/openapi.json");
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ openapi: "3.1.0", info: { title: "Marquee management API" } });
    expect(Object.keys(answer.body.paths)).toContain("/api/v1/campaigns/{id}");
  });
});
