// The API key domain functions on PGlite: what is stored, scoping by organisation, revoking.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashApiKey } from "@/lib/api-keys/api-key-secret";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { seedDemoData } from "@/prisma/seed";
import { freshPglite, type FreshDatabase } from "@/tests/support/databases";

const ADVERTISER = "demo-org-advertiser";
const PUBLISHER = "demo-org-publisher";

let database: FreshDatabase;
let prisma: PrismaClient;
beforeAll(async () => {
  database = await freshPglite();
  prisma = database.prisma;
  await seedDemoData(prisma);
});
afterAll(async () => {
  await database?.close();
});

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("createApiKey", () => {
  it("returns the whole key once and stores only its SHA-256 and first 12 characters", async () => {
    const { apiKey, key } = await createApiKey(ADVERTISER, "Nightly export", { prisma });
    expect(apiKey).toEqual({ id: expect.any(String), name: "Nightly export", prefix: key.slice(0, 12), createdAt: expect.any(Date), lastUsedAt: null, revokedAt: null });
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row).toMatchObject({ organizationId: ADVERTISER, hashedKey: hashApiKey(key), prefix: key.slice(0, 12) });
    expect(JSON.stringify(row)).not.toContain(key);
    expect(apiKey).not.toHaveProperty("hashedKey");
  });
});

describe("listApiKeys", () => {
  it("lists the organisation's keys only, live ones first, newest first", async () => {
    const first = await createApiKey(PUBLISHER, "first", { prisma });
    const second = await createApiKey(PUBLISHER, "second", { prisma });
    const third = await createApiKey(PUBLISHER, "third", { prisma });
    for (const [index, { apiKey }] of [first, second, third].entries()) {
      await prisma.apiKey.update({ where: { id: apiKey.id }, data: { createdAt: new Date(Date.UTC(2026, 10, 1 + index)) } });
    }
    await revokeApiKey(PUBLISHER, second.apiKey.id, { prisma });
    const names = (await listApiKeys(PUBLISHER, { prisma })).map((key) => key.name);
    expect(names).toEqual(["third", "first", "second"]);
    expect((await listApiKeys(ADVERTISER, { prisma })).map((key) => key.id)).not.toContain(first.apiKey.id);
  });
});

describe("revokeApiKey", () => {
  it("revokes: the key no longer authenticates", async () => {
    const { apiKey, key } = await createApiKey(ADVERTISER, "to revoke", { prisma });
    expect(await authenticateApiKey(key, { prisma })).toMatchObject({ apiKey: { id: apiKey.id }, organization: { id: ADVERTISER, kind: "ADVERTISER" } });
    const revoked = await revokeApiKey(ADVERTISER, apiKey.id, { prisma });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await authenticateApiKey(key, { prisma })).toBeNull();
  });

  it("revoking twice keeps the first date", async () => {
    const { apiKey } = await createApiKey(ADVERTISER, "twice", { prisma });
    const first = await revokeApiKey(ADVERTISER, apiKey.id, { prisma }, new Date("2026-11-01T00:00:00Z"));
    const second = await revokeApiKey(ADVERTISER, apiKey.id, { prisma }, new Date("2026-11-02T00:00:00Z"));
    expect(second.revokedAt).toEqual(first.revokedAt);
  });

  it("another organisation's key is not found and keeps working", async () => {
    const { apiKey, key } = await createApiKey(ADVERTISER, "not yours", { prisma });
    const error = await caught(revokeApiKey(PUBLISHER, apiKey.id, { prisma }));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "not_found", message: "API key not found." });
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).revokedAt).toBeNull();
    expect(await authenticateApiKey(key, { prisma })).not.toBeNull();
  });
});
