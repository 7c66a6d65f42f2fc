// The permission table enforced, on PGlite and PostgreSQL, through the real server actions and session
// functions (lib/auth/session.ts over the database; better-auth's session and next/headers
// stubbed to say who is signed in and what cookies the browser sent). For every permission,
// one guarded action (or, for a permission that only reads, the page guard) with a role that
// has it — it happens — and one that lacks it — refused in the table's words, the database
// unchanged. Then the organisation switcher: its cookie is honoured only for the user's own
// organisations.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/create-client";
import type { MemberRole, OrganizationKind } from "@/lib/model/enums";
import { PERMISSIONS, permissionRefusalMessage, type Permission } from "@/lib/model/permissions";
import { seedDemoData } from "@/prisma/seed";
import { BOTH_DATABASES, type FreshDatabase } from "@/tests/support/databases";
import { formOf, redirectOf } from "@/tests/support/actions";

const browser = vi.hoisted(() => ({
  user: null as null | { id: string; name: string; email: string },
  cookies: new Map<string, string>(),
  set: [] as { name: string; value: string; options: unknown }[],
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({
    get: (name: string) => (browser.cookies.has(name) ? { name, value: browser.cookies.get(name) } : undefined),
    set: (name: string, value: string, options: unknown) => {
      browser.set.push({ name, value, options });
      browser.cookies.set(name, value);
    },
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/auth/auth", () => ({
  auth: () => ({
    api: {
      getSession: async () => (browser.user ? { user: { ...browser.user, role: "user", emailVerified: true, twoFactorEnabled: false } } : null),
    },
  }),
}));

const { prisma } = await import("@/lib/db");
const { ACTIVE_ORGANIZATION_COOKIE, currentOrganization, requireOrganization } = await import("@/lib/auth/session");
const { changeCampaignStatusAction } = await import("@/lib/campaigns/actions");
const { createSiteAction } = await import("@/lib/sites/actions");
const { createApiKeyAction, revokeApiKeyAction } = await import("@/lib/api-keys/actions");
const { changeMemberRoleAction, createInvitationAction, removeMemberAction, switchOrganizationAction } = await import("@/lib/members/actions");
const { setTimeZoneAction, setTwoFactorRequirementAction } = await import("@/lib/organizations/actions");
const { initialFormState } = await import("@/lib/forms/form-state");

const REDIS_VARIABLES = ["REDIS_URL", "REDIS_HOST", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_URL", "KV_REST_API_TOKEN"];
const globalForDb = globalThis as unknown as { marqueeDb?: DatabaseHandle };
const ADVERTISER = "demo-org-advertiser";
const PUBLISHER = "demo-org-publisher";

beforeEach(() => {
  browser.user = null;
  browser.cookies.clear();
  browser.set.length = 0;
});

/** A new user, member of the organisation with the role, signed in from now on. */
async function signedInAs(role: MemberRole, organizationId: string): Promise<string> {
  const id = randomUUID();
  await prisma.user.create({ data: { id, name: `A ${role.toLowerCase()}`, email: `${id}@permissions.test`, emailVerified: true } });
  await prisma.membership.create({ data: { organizationId, userId: id, role } });
  browser.user = { id, name: `A ${role.toLowerCase()}`, email: `${id}@permissions.test` };
  return id;
}

async function newOrganization(kind: OrganizationKind): Promise<string> {
  const id = randomUUID();
  await prisma.organization.create({ data: { id, name: `Organisation ${id.slice(0, 8)}`, kind } });
  return id;
}



const refusedState = (role: MemberRole, permission: Permission) => ({ status: "error", message: permissionRefusalMessage(role, permission) });

/** For each permission: the case it allows and the case it refuses, against the database. */
const cases: Record<Permission, { allowed: () => Promise<void>; refused: (() => Promise<void>) | null }> = {
  "reports:read": {
    // Every role reads reports: the overview and reports pages let each in.
    allowed: async () => {
      for (const role of ["OWNER", "ADMIN", "MEMBER", "VIEWER"] as const) {
        await signedInAs(role, ADVERTISER);
        expect(await requireOrganization("ADVERTISER", "reports:read")).toMatchObject({ role, organization: { id: ADVERTISER } });
      }
    },
    refused: null,
  },
  "campaigns:read": {
    allowed: async () => {
      await signedInAs("MEMBER", ADVERTISER);
      expect(await requireOrganization("ADVERTISER", "campaigns:read")).toMatchObject({ role: "MEMBER" });
    },
    refused: async () => {
      await signedInAs("VIEWER", ADVERTISER);
      expect(await redirectOf(requireOrganization("ADVERTISER", "campaigns:read"))).toBe("/dashboard");
    },
  },
  "campaigns:write": {
    allowed: async () => {
      await signedInAs("MEMBER", ADVERTISER);
      const before = await prisma.campaign.findUniqueOrThrow({ where: { id: "demo-campaign-tents" }, select: { status: true } });
      const status = before.status === "PAUSED" ? "ACTIVE" : "PAUSED";
      await redirectOf(changeCampaignStatusAction(formOf({ campaignId: "demo-campaign-tents", status, from: "list" })));
      expect(await prisma.campaign.findUniqueOrThrow({ where: { id: "demo-campaign-tents" }, select: { status: true } })).toEqual({ status });
    },
    refused: async () => {
      await signedInAs("VIEWER", ADVERTISER);
      const before = await prisma.campaign.findUniqueOrThrow({ where: { id: "demo-campaign-spring" } });
      expect(await redirectOf(changeCampaignStatusAction(formOf({ campaignId: "demo-campaign-spring", status: "ARCHIVED", from: "list" })))).toBe(
        "/advertiser/campaigns?notice=not-permitted",
      );
      expect(await prisma.campaign.findUniqueOrThrow({ where: { id: "demo-campaign-spring" } })).toEqual(before);
    },
  },
  "inventory:read": {
    allowed: async () => {
      await signedInAs("MEMBER", PUBLISHER);
      expect(await requireOrganization("PUBLISHER", "inventory:read")).toMatchObject({ role: "MEMBER" });
    },
    refused: async () => {
      await signedInAs("VIEWER", PUBLISHER);
      expect(await redirectOf(requireOrganization("PUBLISHER", "inventory:read"))).toBe("/dashboard");
    },
  },
  "inventory:write": {
    allowed: async () => {
      await signedInAs("MEMBER", PUBLISHER);
      expect(await redirectOf(createSiteAction(initialFormState, formOf({ name: "Member's site", domain: "member-site.example" })))).toMatch(
        /^\/publisher\/sites\/.+\?notice=site-created$/,
      );
      expect(await prisma.site.count({ where: { organizationId: PUBLISHER, domain: "member-site.example" } })).toBe(1);
    },
    refused: async () => {
      await signedInAs("VIEWER", PUBLISHER);
      const sites = await prisma.site.count();
      expect(await createSiteAction(initialFormState, formOf({ name: "Viewer's site", domain: "viewer-site.example" }))).toEqual(refusedState("VIEWER", "inventory:write"));
      expect(await prisma.site.count()).toBe(sites);
    },
  },
  "api_keys:create": {
    allowed: async () => {
      const userId = await signedInAs("MEMBER", ADVERTISER);
      const state = await createApiKeyAction(initialFormState, formOf({ name: "Member's key", access: "READ", expiresIn: "never" }));
      expect(state).toMatchObject({ status: "success" });
      expect(await prisma.apiKey.count({ where: { organizationId: ADVERTISER, createdById: userId } })).toBe(1);
    },
    refused: async () => {
      // Nor revoke one: told "not permitted" (a role without keys), not "not yours".
      const key = await someoneElsesKey(ADVERTISER);
      const userId = await signedInAs("VIEWER", ADVERTISER);
      expect(await redirectOf(revokeApiKeyAction(formOf({ apiKeyId: key })))).toBe("/settings/api-keys?notice=not-permitted");
      expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: key } })).revokedAt).toBeNull();
      const keys = await prisma.apiKey.count();
      expect(await createApiKeyAction(initialFormState, formOf({ name: "Viewer's key", access: "READ", expiresIn: "never" }))).toEqual(
        refusedState("VIEWER", "api_keys:create"),
      );
      expect(await prisma.apiKey.count()).toBe(keys);
      expect(await prisma.apiKey.count({ where: { createdById: userId } })).toBe(0);
    },
  },
  "api_keys:manage": {
    // Revoking someone else's key: an admin may, a member (who has only their own) may not.
    allowed: async () => {
      const key = await someoneElsesKey(ADVERTISER);
      await signedInAs("ADMIN", ADVERTISER);
      expect(await redirectOf(revokeApiKeyAction(formOf({ apiKeyId: key })))).toBe("/settings/api-keys?notice=key-revoked");
      expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: key } })).revokedAt).not.toBeNull();
    },
    refused: async () => {
      const key = await someoneElsesKey(ADVERTISER);
      await signedInAs("MEMBER", ADVERTISER);
      expect(await redirectOf(revokeApiKeyAction(formOf({ apiKeyId: key })))).toBe("/settings/api-keys?notice=key-not-yours");
      expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: key } })).revokedAt).toBeNull();
    },
  },
  "members:manage": {
    allowed: async () => {
      await signedInAs("ADMIN", ADVERTISER);
      const invitations = await prisma.verification.count({ where: { identifier: `invite:${ADVERTISER}` } });
      expect(await createInvitationAction(initialFormState, formOf({ role: "MEMBER" }))).toMatchObject({ status: "success", created: { role: "MEMBER" } });
      expect(await prisma.verification.count({ where: { identifier: `invite:${ADVERTISER}` } })).toBe(invitations + 1);
    },
    refused: async () => {
      await signedInAs("MEMBER", ADVERTISER);
      const invitations = await prisma.verification.count();
      expect(await createInvitationAction(initialFormState, formOf({ role: "MEMBER" }))).toEqual(refusedState("MEMBER", "members:manage"));
      expect(await prisma.verification.count()).toBe(invitations);
    },
  },
  "audit:read": {
    allowed: async () => {
      await signedInAs("ADMIN", PUBLISHER);
      expect(await requireOrganization("any", "audit:read")).toMatchObject({ role: "ADMIN" });
    },
    refused: async () => {
      await signedInAs("MEMBER", PUBLISHER);
      expect(await redirectOf(requireOrganization("any", "audit:read"))).toBe("/dashboard");
    },
  },
  "organization:manage": {
    // Turning the two-factor requirement on: an owner (with two-factor on) may, an admin may not.
    allowed: async () => {
      const organizationId = await newOrganization("ADVERTISER");
      const userId = await signedInAs("OWNER", organizationId);
      await prisma.user.update({ where: { id: userId }, data: { twoFactorEnabled: true } });
      expect(await redirectOf(setTwoFactorRequirementAction(formOf({ requireTwoFactor: "on" })))).toBe("/settings/organization?notice=two-factor-requirement-on");
      expect(await prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { requireTwoFactor: true } })).toEqual({ requireTwoFactor: true });
    },
    refused: async () => {
      const organizationId = await newOrganization("PUBLISHER");
      const userId = await signedInAs("ADMIN", organizationId);
      await prisma.user.update({ where: { id: userId }, data: { twoFactorEnabled: true } });
      expect(await redirectOf(setTwoFactorRequirementAction(formOf({ requireTwoFactor: "on" })))).toBe("/settings/organization?notice=owner-only-setting");
      expect(await prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { requireTwoFactor: true } })).toEqual({ requireTwoFactor: false });
    },
  },
  "organization:time_zone": {
    // Moving the organisation to another zone: an admin may, a member may not.
    allowed: async () => {
      const organizationId = await newOrganization("PUBLISHER");
      await signedInAs("ADMIN", organizationId);
      expect(await redirectOf(setTimeZoneAction(initialFormState, formOf({ timeZone: "Europe/Berlin" })))).toBe("/settings/organization?notice=time-zone-changed");
      expect(await prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { timeZone: true } })).toEqual({ timeZone: "Europe/Berlin" });
    },
    refused: async () => {
      const organizationId = await newOrganization("ADVERTISER");
      await signedInAs("MEMBER", organizationId);
      expect(await setTimeZoneAction(initialFormState, formOf({ timeZone: "Europe/Berlin" }))).toEqual(refusedState("MEMBER", "organization:time_zone"));
      expect(await prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { timeZone: true } })).toEqual({ timeZone: "UTC" });
    },
  },
};

/** A key created by another member of the organisation (an owner who joined for it). */
async function someoneElsesKey(organizationId: string): Promise<string> {
  const ownerId = randomUUID();
  await prisma.user.create({ data: { id: ownerId, name: "Key Owner", email: `${ownerId}@permissions.test` } });
  await prisma.membership.create({ data: { organizationId, userId: ownerId, role: "OWNER" } });
  const id = randomUUID();
  await prisma.apiKey.create({ data: { id, organizationId, createdById: ownerId, name: "Owner's key", prefix: "mk_live_x", hashedKey: randomUUID() } });
  return id;
}

const databases = BOTH_DATABASES;

describe.each(databases)("on $name", ({ open }) => {
  let database: FreshDatabase;
  beforeAll(async () => {
    for (const name of REDIS_VARIABLES) vi.stubEnv(name, "");
    database = await open();
    // lib/db's client (behind the session functions and the actions) is this database's.
    globalForDb.marqueeDb = database;
    await seedDemoData(database.prisma);
  });
  afterAll(async () => {
    globalForDb.marqueeDb = undefined;
    await database?.close();
  });

  describe("every permission is enforced", () => {
    it("has a case for each permission of the table", () => {
      expect(Object.keys(cases).sort()).toEqual(Object.keys(PERMISSIONS).sort());
    });

    describe.each(Object.keys(cases) as Permission[])("%s", (permission) => {
      it("lets a role that has it do it", async () => {
        await cases[permission].allowed();
      });

      const refused = cases[permission].refused;
      if (refused) it("refuses a role without it and changes nothing", refused);
    });
  });

  describe("managing members through the actions", () => {
    it("an admin is told that only an owner removes an owner, and the owner stays", async () => {
      const organizationId = await newOrganization("ADVERTISER");
      const ownerId = await signedInAs("OWNER", organizationId);
      await signedInAs("ADMIN", organizationId);
      const owner = await prisma.membership.findUniqueOrThrow({ where: { organizationId_userId: { organizationId, userId: ownerId } } });
      expect(await redirectOf(removeMemberAction(formOf({ membershipId: owner.id })))).toBe("/settings/members?notice=owner-only");
      expect(await redirectOf(changeMemberRoleAction(formOf({ membershipId: owner.id, role: "VIEWER" })))).toBe("/settings/members?notice=owner-only");
      expect(await prisma.membership.findUniqueOrThrow({ where: { id: owner.id }, select: { role: true } })).toEqual({ role: "OWNER" });
    });

    it("an owner removes a member, whose API keys stop at once", async () => {
      const organizationId = await newOrganization("PUBLISHER");
      const memberId = await signedInAs("MEMBER", organizationId);
      const key = randomUUID();
      await prisma.apiKey.create({ data: { id: key, organizationId, createdById: memberId, name: "Member's key", prefix: "mk_live_y", hashedKey: randomUUID() } });
      await signedInAs("OWNER", organizationId);
      const membership = await prisma.membership.findUniqueOrThrow({ where: { organizationId_userId: { organizationId, userId: memberId } } });
      expect(await redirectOf(removeMemberAction(formOf({ membershipId: membership.id })))).toBe("/settings/members?notice=member-removed");
      expect(await prisma.membership.findUnique({ where: { id: membership.id } })).toBeNull();
      expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: key } })).revokedAt).not.toBeNull();
    });
  });

  describe("the organisation switcher", () => {
    async function twoOrganizations(): Promise<{ userId: string; advertiser: string; publisher: string }> {
      const advertiser = await newOrganization("ADVERTISER");
      const publisher = await newOrganization("PUBLISHER");
      // The advertiser membership is the older one.
      const userId = await signedInAs("OWNER", advertiser);
      await prisma.membership.create({ data: { organizationId: publisher, userId, role: "VIEWER", createdAt: new Date(Date.now() + 1000) } });
      return { userId, advertiser, publisher };
    }

    it("works in the oldest membership when no organisation was chosen", async () => {
      const { advertiser } = await twoOrganizations();
      expect(await currentOrganization()).toMatchObject({ organization: { id: advertiser, kind: "ADVERTISER" }, role: "OWNER" });
    });

    it("sets the cookie for an organisation of the user's after checking it, and the next request works there", async () => {
      const { publisher } = await twoOrganizations();
      expect(await redirectOf(switchOrganizationAction(formOf({ organizationId: publisher })))).toBe("/dashboard");
      expect(browser.set).toEqual([
        { name: ACTIVE_ORGANIZATION_COOKIE, value: publisher, options: expect.objectContaining({ httpOnly: true, sameSite: "lax", path: "/", secure: false }) },
      ]);
      expect(await currentOrganization()).toMatchObject({ organization: { id: publisher, kind: "PUBLISHER" }, role: "VIEWER" });
      expect(await redirectOf(requireOrganization("PUBLISHER", "inventory:read"))).toBe("/dashboard");
    });

    it("refuses to switch to an organisation the user is not a member of, and sets nothing", async () => {
      await twoOrganizations();
      const stranger = await newOrganization("PUBLISHER");
      expect(await redirectOf(switchOrganizationAction(formOf({ organizationId: stranger })))).toBe("/dashboard?notice=organization-not-found");
      expect(await redirectOf(switchOrganizationAction(formOf({})))).toBe("/dashboard?notice=organization-not-found");
      expect(browser.set).toEqual([]);
    });

    it("ignores a forged cookie naming another organisation: the oldest membership, with its role, is used", async () => {
      const { advertiser } = await twoOrganizations();
      browser.cookies.set(ACTIVE_ORGANIZATION_COOKIE, PUBLISHER);
      expect(await currentOrganization()).toMatchObject({ organization: { id: advertiser }, role: "OWNER" });
      expect(await redirectOf(requireOrganization("PUBLISHER"))).toBe("/dashboard");
    });

    it("stops honouring the cookie once the membership is gone", async () => {
      const { userId, advertiser, publisher } = await twoOrganizations();
      browser.cookies.set(ACTIVE_ORGANIZATION_COOKIE, publisher);
      expect(await currentOrganization()).toMatchObject({ organization: { id: publisher } });
      await prisma.membership.delete({ where: { organizationId_userId: { organizationId: publisher, userId } } });
      expect(await currentOrganization()).toMatchObject({ organization: { id: advertiser } });
    });
  });
});
