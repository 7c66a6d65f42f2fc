// Deleting one's own account (Settings → Security), on PGlite: the domain function under its
// locks, and the server action after the password (better-auth, the browser's cookies through
// a stubbed next/headers). An organisation of which the person is the only member goes with the
// account, everything in it; one with other members stays and the membership ends (their keys
// there revoked, the organisation's log told); the only owner of an organisation with others,
// and the last operator, are refused with what to do first, and nothing changes.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CookieBrowser as Browser } from "@/tests/support/cookie-browser";

vi.stubEnv("SMTP_URL", "");
for (const name of ["REDIS_URL", "REDIS_HOST", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_URL", "KV_REST_API_TOKEN"]) vi.stubEnv(name, "");

const stubs = vi.hoisted(() => ({ browser: null as { headers(): Headers; cookies: Map<string, string> } | null }));
vi.mock("next/headers", () => ({
  headers: async () => stubs.browser?.headers() ?? new Headers(),
  cookies: async () => ({
    get: () => undefined,
    getAll: () => [...(stubs.browser?.cookies.keys() ?? [])].map((name) => ({ name })),
    delete: (name: string) => stubs.browser?.cookies.delete(name),
    toString: () => stubs.browser?.headers().get("cookie") ?? "",
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { auth } = await import("@/lib/auth/auth");
const { CORRECT_FIELDS_MESSAGE, initialFormState } = await import("@/lib/forms/form-state");
const { listOutbox } = await import("@/lib/mail/list-outbox");
const { deleteAccountAction } = await import("@/lib/members/actions");
const { accountDeletionPlan, deleteAccount, deleteAccountMessages } = await import("@/lib/members/delete-account");
const { invitationIdentifier } = await import("@/lib/members/invitation-token");
const { accountMessages } = await import("@/lib/zod/schemas/auth");
const { formOf, redirectOf } = await import("@/tests/support/actions");
const { freshPglite } = await import("@/tests/support/databases");
type DatabaseHandle = import("@/lib/db/create-client").DatabaseHandle;

const PASSWORD = "violet-harbour-lantern-7";
const globalForDb = globalThis as unknown as { marqueeDb?: DatabaseHandle };

let database: Awaited<ReturnType<typeof freshPglite>>;
beforeAll(async () => {
  database = await freshPglite();
  globalForDb.marqueeDb = database;
});
afterAll(async () => {
  globalForDb.marqueeDb = undefined;
  await database?.close();
});

/** deleteAccount's deps, counting the drops of the cached active set. */
function deps() {
  const calls = { count: 0 };
  return { deps: { prisma: database.prisma, invalidate: async () => void (calls.count += 1) }, calls };
}

let people = 0;
/** A new account (better-auth's sign-up, as the form does) and a browser signed in to it. */
async function person(): Promise<{ id: string; email: string; browser: Browser }> {
  people += 1;
  const browser = new Browser(`203.0.113.${people}`);
  const email = `person-${people}-${Date.now().toString(36)}@delete-account.test`;
  const { user } = await auth().api.signUpEmail({ body: { name: `Person ${people}`, email, password: PASSWORD }, headers: browser.headers() });
  const { headers } = await auth().api.signInEmail({ body: { email, password: PASSWORD }, headers: browser.headers(), returnHeaders: true });
  browser.take(headers);
  return { id: user.id, email, browser };
}

/** An organisation with everything an advertiser and a publisher make, and these members. */
async function organization(name: string, members: { userId: string; role: "OWNER" | "ADMIN" | "MEMBER" | "VIEWER" }[]) {
  const { prisma } = database;
  const id = `org-${name.toLowerCase().replace(/\W+/g, "-")}-${people}`;
  await prisma.organization.create({ data: { id, name, kind: "ADVERTISER", memberships: { create: members } } });
  await prisma.campaign.create({
    data: {
      id: `${id}-campaign`,
      organizationId: id,
      name: "Spring",
      status: "ACTIVE",
      startsAt: new Date("2026-01-01T00:00:00Z"),
      priceMicros: 2_000_000n,
      totalBudgetMicros: 100_000_000n,
      creatives: { create: { name: "A", kind: "TEXT", width: 300, height: 250, headline: "A", landingUrl: "https://example.com/", reviewStatus: "APPROVED" } },
    },
  });
  await prisma.site.create({ data: { id: `${id}-site`, organizationId: id, name: "Site", domain: `${id}.example`, placements: { create: { name: "Top", width: 300, height: 250 } } } });
  for (const member of members) {
    await prisma.apiKey.create({ data: { organizationId: id, createdById: member.userId, name: "Key", prefix: "mq_", hashedKey: `${id}-${member.userId}` } });
  }
  await prisma.asset.create({ data: { id: `${id}-asset`.padEnd(64, "0"), organizationId: id, contentType: "image/png", width: 1, height: 1, byteSize: 1, data: Buffer.from([0]) } });
  await prisma.verification.create({ data: { id: `${id}-invitation`, identifier: invitationIdentifier(id), value: "hash:MEMBER", expiresAt: new Date(Date.now() + 86_400_000) } });
  return id;
}

async function rowsOf(organizationId: string) {
  const { prisma } = database;
  return {
    organization: await prisma.organization.count({ where: { id: organizationId } }),
    campaigns: await prisma.campaign.count({ where: { organizationId } }),
    creatives: await prisma.creative.count({ where: { campaign: { organizationId } } }),
    sites: await prisma.site.count({ where: { organizationId } }),
    placements: await prisma.placement.count({ where: { site: { organizationId } } }),
    apiKeys: await prisma.apiKey.count({ where: { organizationId } }),
    assets: await prisma.asset.count({ where: { organizationId } }),
    invitations: await prisma.verification.count({ where: { identifier: invitationIdentifier(organizationId) } }),
  };
}

const GONE = { organization: 0, campaigns: 0, creatives: 0, sites: 0, placements: 0, apiKeys: 0, assets: 0, invitations: 0 };

describe("deleteAccount", () => {
  it("deletes the account with the organisations of which the person is the only member, leaves the others, and says so in their logs", async () => {
    const { prisma } = database;
    const pat = await person();
    const colleague = await person();
    const alone = await organization("Pat Alone", [{ userId: pat.id, role: "OWNER" }]);
    const shared = await organization("Shared", [
      { userId: pat.id, role: "OWNER" },
      { userId: colleague.id, role: "OWNER" },
    ]);
    expect(await accountDeletionPlan(pat.id, { prisma })).toEqual({
      deleted: [{ id: alone, name: "Pat Alone" }],
      left: [{ id: shared, name: "Shared", role: "OWNER" }],
      blocking: [],
      lastOperator: false,
    });

    // An image Pat uploaded that a creative of the shared organisation shows too (same bytes, kept once).
    const sharedImage = "a".repeat(64);
    await prisma.asset.create({ data: { id: sharedImage, organizationId: alone, contentType: "image/png", width: 1, height: 1, byteSize: 1, data: Buffer.from([1]) } });
    await prisma.creative.create({
      data: { campaignId: `${shared}-campaign`, name: "Same image", kind: "IMAGE", width: 300, height: 250, imageUrl: `/assets/${sharedImage}.png`, landingUrl: "https://example.com/", reviewStatus: "APPROVED" },
    });

    const { deps: write, calls } = deps();
    await deleteAccount(pat.id, write);
    expect(await prisma.user.count({ where: { id: pat.id } })).toBe(0);
    expect(await prisma.asset.findUnique({ where: { id: sharedImage }, select: { organizationId: true } }), "the shared image passed to the organisation that shows it").toEqual({ organizationId: shared });
    expect(await prisma.session.count({ where: { userId: pat.id } })).toBe(0);
    expect(await prisma.account.count({ where: { userId: pat.id } })).toBe(0);
    expect(await rowsOf(alone)).toEqual(GONE);
    // The shared organisation stays, whole, with its other owner; Pat's key there is revoked (its creator gone).
    expect(await rowsOf(shared)).toMatchObject({ organization: 1, campaigns: 1, sites: 1, placements: 1, apiKeys: 2, assets: 2, invitations: 1 });
    expect(await prisma.membership.findMany({ where: { organizationId: shared }, select: { userId: true } })).toEqual([{ userId: colleague.id }]);
    expect(await prisma.apiKey.findMany({ where: { organizationId: shared, revokedAt: { not: null } }, select: { createdById: true } })).toEqual([{ createdById: null }]);
    expect(calls.count, "campaigns and placements went, and an owner left").toBe(1);

    const log = await prisma.auditEvent.findMany({ where: { actorId: pat.id, action: { in: ["member.left", "account.deleted"] } }, orderBy: { action: "asc" } });
    expect(log).toMatchObject([
      { organizationId: null, action: "account.deleted", actorEmail: pat.email, detail: { organizationsDeleted: ["Pat Alone"], organizationsLeft: ["Shared"] } },
      { organizationId: shared, action: "member.left", targetId: pat.id, detail: { role: "OWNER", apiKeysRevoked: 1, accountDeleted: true } },
    ]);
  });

  it("refuses the only owner of an organisation that has other members, naming it, and changes nothing", async () => {
    const { prisma } = database;
    const owner = await person();
    const member = await person();
    const team = await organization("Team of Two", [
      { userId: owner.id, role: "OWNER" },
      { userId: member.id, role: "ADMIN" },
    ]);
    const before = await rowsOf(team);
    const { deps: write, calls } = deps();
    await expect(deleteAccount(owner.id, write)).rejects.toMatchObject({ code: "conflict", message: deleteAccountMessages.onlyOwner(["Team of Two"]) });
    expect(await prisma.user.count({ where: { id: owner.id } })).toBe(1);
    expect(await rowsOf(team)).toEqual(before);
    expect(await prisma.membership.count({ where: { organizationId: team } })).toBe(2);
    expect(calls.count).toBe(0);
    expect((await accountDeletionPlan(owner.id, { prisma })).blocking).toEqual([{ id: team, name: "Team of Two" }]);

    // A member (not an owner) of it leaves it instead; nothing served changed.
    const { deps: leave, calls: left } = deps();
    await deleteAccount(member.id, leave);
    expect(await rowsOf(team)).toMatchObject({ organization: 1, campaigns: 1 });
    expect(left.count).toBe(0);
  });

  it("refuses the last operator of the instance, and not one of two", async () => {
    const { prisma } = database;
    await prisma.user.updateMany({ where: { role: "admin" }, data: { role: "user" } });
    const operator = await person();
    await prisma.user.update({ where: { id: operator.id }, data: { role: "admin" } });
    await expect(deleteAccount(operator.id, deps().deps)).rejects.toMatchObject({ code: "conflict", message: deleteAccountMessages.lastOperator });
    expect((await accountDeletionPlan(operator.id, { prisma })).lastOperator).toBe(true);

    const second = await person();
    await prisma.user.update({ where: { id: second.id }, data: { role: "admin" } });
    await deleteAccount(operator.id, deps().deps);
    expect(await prisma.user.count({ where: { id: operator.id } })).toBe(0);
  });
});

describe("deleteAccountAction", () => {
  async function post(browser: Browser, password: string) {
    stubs.browser = browser;
    try {
      return await deleteAccountAction(initialFormState, formOf({ deletionPassword: password }));
    } finally {
      stubs.browser = null;
    }
  }

  it("refuses a wrong password next to its field and deletes nothing; the right one deletes the account, drops the session cookie and mails the address", async () => {
    const { prisma } = database;
    const pat = await person();
    const alone = await organization("Pat Solo", [{ userId: pat.id, role: "OWNER" }]);

    expect(await post(pat.browser, "not-the-password-1")).toEqual({ status: "error", message: CORRECT_FIELDS_MESSAGE, errors: { deletionPassword: [accountMessages.passwordWrong] } });
    expect(await prisma.user.count({ where: { id: pat.id } })).toBe(1);
    expect(await post(pat.browser, "")).toMatchObject({ status: "error", errors: { deletionPassword: ["Enter your password to confirm."] } });

    expect(await redirectOf(post(pat.browser, PASSWORD))).toBe("/sign-in?notice=account-deleted");
    expect(await prisma.user.count({ where: { id: pat.id } })).toBe(0);
    expect(await rowsOf(alone)).toEqual(GONE);
    expect([...pat.browser.cookies.keys()].filter((name) => name.includes("better-auth"))).toEqual([]);
    const [mail] = (await listOutbox({ prisma })).filter((kept) => kept.to === pat.email && kept.subject === "Your Marquee account was deleted");
    expect(mail?.text).toContain("with “Pat Solo”, of which you were the only member");
  });
});
