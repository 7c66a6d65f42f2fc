// The API key domain functions on PGlite: what is stored, who creates, sees and revokes
// which keys, expiry, and what authenticates (a live key of a creator who is still a member).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiKeyActor } from "@/lib/api-keys/api-key-actor";
import { hashApiKey } from "@/lib/api-keys/api-key-secret";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import type { CreateApiKeyInput } from "@/lib/zod/schemas/api-keys";
import { seedDemoData } from "@/prisma/seed";
import { freshPglite, type FreshDatabase } from "@/tests/support/databases";

const ADVERTISER = { id: "demo-org-advertiser", kind: "ADVERTISER" } as const;
const PUBLISHER = { id: "demo-org-publisher", kind: "PUBLISHER" } as const;
const NOW = new Date("2026-12-01T12:00:00Z");

let database: FreshDatabase;
let prisma: PrismaClient;
let owner: ApiKeyActor;
let publisherOwner: ApiKeyActor;
beforeAll(async () => {
  database = await freshPglite();
  prisma = database.prisma;
  await seedDemoData(prisma);
  owner = { organization: ADVERTISER, userId: "demo-user-advertiser", role: "OWNER" };
  publisherOwner = { organization: PUBLISHER, userId: "demo-user-publisher", role: "OWNER" };
});
afterAll(async () => {
  await database?.close();
});

let people = 0;
/** A new user, member of the advertiser with `role`. */
async function member(role: MemberRole, organization: ApiKeyActor["organization"] = ADVERTISER): Promise<ApiKeyActor & { membershipId: string }> {
  const userId = `api-keys-user-${++people}`;
  await prisma.user.create({ data: { id: userId, name: `Person ${people}`, email: `person-${people}@example.test`, emailVerified: true } });
  const membership = await prisma.membership.create({ data: { organizationId: organization.id, userId, role } });
  return { organization, userId, role, membershipId: membership.id };
}

const input = (name: string, overrides: Partial<CreateApiKeyInput> = {}): CreateApiKeyInput => ({ name, access: "READ_WRITE", expiry: { kind: "never" }, ...overrides });

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("createApiKey", () => {
  it("returns the whole key once and stores only its SHA-256 and first 12 characters, with its creator and access", async () => {
    const { apiKey, key } = await createApiKey(owner, input("Nightly export", { access: "READ" }), { prisma }, NOW);
    expect(apiKey).toEqual({
      id: expect.any(String),
      name: "Nightly export",
      prefix: key.slice(0, 12),
      access: "READ",
      createdBy: { id: "demo-user-advertiser", name: "Ada Advertiser", email: "advertiser@marquee.local" },
      createdAt: expect.any(Date),
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
    });
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row).toMatchObject({ organizationId: ADVERTISER.id, createdById: "demo-user-advertiser", access: "READ", hashedKey: hashApiKey(key), prefix: key.slice(0, 12) });
    expect(JSON.stringify(row)).not.toContain(key);
    expect(apiKey).not.toHaveProperty("hashedKey");
  });

  it.each([30, 90, 365] as const)("expires %i days after it is created", async (days) => {
    const { apiKey } = await createApiKey(owner, input(`${days} days`, { expiry: { kind: "days", days } }), { prisma }, NOW);
    expect(apiKey.expiresAt).toEqual(new Date(NOW.getTime() + days * 86_400_000));
  });

  it("expires at the start (UTC) of a chosen date", async () => {
    const { apiKey } = await createApiKey(owner, input("dated", { expiry: { kind: "date", date: "2027-03-15" } }), { prisma }, NOW);
    expect(apiKey.expiresAt).toEqual(new Date("2027-03-15T00:00:00Z"));
  });

  it.each(["2026-12-01", "2026-11-30"])("refuses an expiry date of %s (not after today), next to the date field, and stores nothing", async (date) => {
    const before = await prisma.apiKey.count();
    const error = await caught(createApiKey(owner, input("too late", { expiry: { kind: "date", date } }), { prisma }, NOW));
    expect(error).toMatchObject({ code: "unprocessable_entity", message: "The expiry date must be after today (UTC).", details: { field: "expiresOn" } });
    expect(await prisma.apiKey.count()).toBe(before);
  });

  it("a MEMBER may create read-only and read-write keys", async () => {
    const creator = await member("MEMBER");
    expect((await createApiKey(creator, input("mine", { access: "READ" }), { prisma })).apiKey.access).toBe("READ");
    expect((await createApiKey(creator, input("mine too"), { prisma })).apiKey.createdBy?.id).toBe(creator.userId);
  });

  it("refuses a VIEWER (the table gives them no api_keys:create), whatever the access", async () => {
    const viewer = await member("VIEWER");
    for (const access of ["READ", "READ_WRITE"] as const) {
      const error = await caught(createApiKey(viewer, input("viewer's", { access }), { prisma }));
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "forbidden", message: "Your role (Read-only) does not allow creating API keys. Ask an owner or an admin of the organisation." });
    }
    expect(await prisma.apiKey.count({ where: { createdById: viewer.userId } })).toBe(0);
  });
});

describe("listApiKeys", () => {
  it("lists the organisation's keys only, live ones first, newest first", async () => {
    const created = [];
    for (const name of ["first", "second", "third"]) created.push(await createApiKey(publisherOwner, input(name), { prisma }));
    for (const [index, { apiKey }] of created.entries()) {
      await prisma.apiKey.update({ where: { id: apiKey.id }, data: { createdAt: new Date(Date.UTC(2026, 10, 1 + index)) } });
    }
    await revokeApiKey(publisherOwner, created[1]!.apiKey.id, { prisma });
    const names = (await listApiKeys(publisherOwner, { prisma })).map((key) => key.name);
    expect(names).toEqual(["third", "first", "second"]);
    expect((await listApiKeys(owner, { prisma })).map((key) => key.id)).not.toContain(created[0]!.apiKey.id);
  });

  it("a MEMBER sees their own keys only; an ADMIN and an OWNER see every key of the organisation", async () => {
    const alice = await member("MEMBER");
    const bob = await member("MEMBER");
    const admin = await member("ADMIN");
    const alices = await createApiKey(alice, input("alice's"), { prisma });
    const bobs = await createApiKey(bob, input("bob's"), { prisma });
    expect((await listApiKeys(alice, { prisma })).map((key) => key.name)).toEqual(["alice's"]);
    expect((await listApiKeys(bob, { prisma })).map((key) => key.name)).toEqual(["bob's"]);
    for (const manager of [admin, owner]) {
      const ids = (await listApiKeys(manager, { prisma })).map((key) => key.id);
      expect(ids).toEqual(expect.arrayContaining([alices.apiKey.id, bobs.apiKey.id]));
    }
  });
});

describe("revokeApiKey", () => {
  it("revokes: the key no longer authenticates", async () => {
    const { apiKey, key } = await createApiKey(owner, input("to revoke"), { prisma });
    expect(await authenticateApiKey(key, { prisma })).toMatchObject({ apiKey: { id: apiKey.id }, organization: { id: ADVERTISER.id, kind: "ADVERTISER" } });
    const revoked = await revokeApiKey(owner, apiKey.id, { prisma });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await authenticateApiKey(key, { prisma })).toBeNull();
  });

  it("revoking twice keeps the first date", async () => {
    const { apiKey } = await createApiKey(owner, input("twice"), { prisma });
    const first = await revokeApiKey(owner, apiKey.id, { prisma }, new Date("2026-11-01T00:00:00Z"));
    const second = await revokeApiKey(owner, apiKey.id, { prisma }, new Date("2026-11-02T00:00:00Z"));
    expect(second.revokedAt).toEqual(first.revokedAt);
  });

  it("another organisation's key is not found and keeps working", async () => {
    const { apiKey, key } = await createApiKey(owner, input("not yours"), { prisma });
    const error = await caught(revokeApiKey(publisherOwner, apiKey.id, { prisma }));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "not_found", message: "API key not found." });
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).revokedAt).toBeNull();
    expect(await authenticateApiKey(key, { prisma })).not.toBeNull();
  });

  it("a MEMBER revokes their own key", async () => {
    const creator = await member("MEMBER");
    const { apiKey } = await createApiKey(creator, input("own"), { prisma });
    expect((await revokeApiKey(creator, apiKey.id, { prisma })).revokedAt).toBeInstanceOf(Date);
  });

  it("a MEMBER may not revoke another member's key (nor the owner's): refused, and the key keeps working", async () => {
    const creator = await member("MEMBER");
    const other = await member("MEMBER");
    for (const { apiKey, key } of [await createApiKey(creator, input("someone else's"), { prisma }), await createApiKey(owner, input("the owner's"), { prisma })]) {
      const error = await caught(revokeApiKey(other, apiKey.id, { prisma }));
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "forbidden", message: "You may revoke only the API keys you created. An owner or an admin can revoke anyone's." });
      expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).revokedAt).toBeNull();
      expect(await authenticateApiKey(key, { prisma })).not.toBeNull();
    }
  });

  it("an ADMIN revokes a member's key", async () => {
    const creator = await member("MEMBER");
    const admin = await member("ADMIN");
    const { apiKey, key } = await createApiKey(creator, input("a member's"), { prisma });
    expect((await revokeApiKey(admin, apiKey.id, { prisma })).revokedAt).toBeInstanceOf(Date);
    expect(await authenticateApiKey(key, { prisma })).toBeNull();
  });
});

describe("authenticateApiKey", () => {
  it("answers the key, its organisation, its creator and the creator's role today", async () => {
    const creator = await member("MEMBER");
    const { apiKey, key } = await createApiKey(creator, input("who", { access: "READ" }), { prisma });
    expect(await authenticateApiKey(key, { prisma })).toEqual({
      apiKey: { id: apiKey.id, name: "who", access: "READ" },
      organization: { id: ADVERTISER.id, name: expect.any(String), kind: "ADVERTISER" },
      actor: { userId: creator.userId, email: `person-${people}@example.test` },
      role: "MEMBER",
    });
    await prisma.membership.update({ where: { id: creator.membershipId }, data: { role: "VIEWER" } });
    expect(await authenticateApiKey(key, { prisma })).toMatchObject({ role: "VIEWER" });
  });

  it("refuses a key past its expiry, and takes one before it", async () => {
    const { key } = await createApiKey(owner, input("expiring", { expiry: { kind: "days", days: 30 } }), { prisma }, NOW);
    const expiry = new Date(NOW.getTime() + 30 * 86_400_000);
    expect(await authenticateApiKey(key, { prisma }, new Date(expiry.getTime() - 1))).not.toBeNull();
    expect(await authenticateApiKey(key, { prisma }, expiry)).toBeNull();
  });

  it("refuses the key of a creator who is no longer a member, even if nobody revoked it", async () => {
    const creator = await member("MEMBER");
    const { key } = await createApiKey(creator, input("left"), { prisma });
    await prisma.membership.delete({ where: { id: creator.membershipId } });
    expect(await authenticateApiKey(key, { prisma })).toBeNull();
  });

  it("refuses the key of a creator who is a member of another organisation only", async () => {
    const creator = await member("OWNER", PUBLISHER);
    const { key } = await createApiKey(creator, input("elsewhere"), { prisma });
    await prisma.apiKey.updateMany({ where: { hashedKey: hashApiKey(key) }, data: { organizationId: ADVERTISER.id } });
    expect(await authenticateApiKey(key, { prisma })).toBeNull();
  });

  it("refuses a key without a creator (their account was deleted, or a key from before creators)", async () => {
    const creator = await member("MEMBER");
    const { key } = await createApiKey(creator, input("orphan"), { prisma });
    await prisma.user.delete({ where: { id: creator.userId } });
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { hashedKey: hashApiKey(key) } })).createdById).toBeNull();
    expect(await authenticateApiKey(key, { prisma })).toBeNull();
  });
});
