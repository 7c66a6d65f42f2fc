// The audit log of the people side (on PGlite and PostgreSQL, with the demo data): invitations, joins, role
// changes, removals, and API keys created and revoked — each written in the transaction of
// its change, with who did it; a refused or idle action writes nothing, and no event holds a
// secret (an invitation's token, a key).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import type { AuditEvent, PrismaClient } from "@/lib/generated/prisma/client";
import { acceptInvitation } from "@/lib/members/accept-invitation";
import type { MemberActor } from "@/lib/members/assert-member-manager";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { createInvitation } from "@/lib/members/create-invitation";
import { removeMember } from "@/lib/members/remove-member";
import { revokeInvitation } from "@/lib/members/revoke-invitation";
import { seedDemoData } from "@/prisma/seed";
import { BOTH_DATABASES, type FreshDatabase } from "@/tests/support/databases";

const ADVERTISER = "demo-org-advertiser";
const owner: MemberActor = { organizationId: ADVERTISER, userId: "demo-user-advertiser" };
const fromOwner = { organizationId: ADVERTISER, actorId: "demo-user-advertiser", actorEmail: "advertiser@marquee.local", channel: "DASHBOARD", apiKeyId: null } as const;

/** These tests do not watch the cache (members.test.ts does). */
const noInvalidation = async () => {};

let database: FreshDatabase;
let prisma: PrismaClient;

async function eventsOf(run: () => Promise<unknown>): Promise<AuditEvent[]> {
  const before = new Set((await prisma.auditEvent.findMany({ select: { id: true } })).map((event) => event.id));
  await run();
  return (await prisma.auditEvent.findMany({ orderBy: { createdAt: "asc" } })).filter((event) => !before.has(event.id));
}

async function newUser(name: string): Promise<{ id: string; email: string }> {
  const id = randomUUID();
  const email = `${id}@example.test`;
  await prisma.user.create({ data: { id, name, email } });
  return { id, email };
}

describe.each(BOTH_DATABASES)("on $name", ({ open }) => {
  beforeAll(async () => {
    database = await open();
    prisma = database.prisma;
    await seedDemoData(prisma);
  });
  afterAll(async () => {
    await database?.close();
  });

  describe("members", () => {
    it("records the invitation (never its token), the join by the new member, a role change with the previous role, and the removal with the keys it revoked", async () => {
      let token = "";
      let invitationId = "";
      const [invited, ...moreInvited] = await eventsOf(async () => {
        const created = await createInvitation(owner, "MEMBER", { prisma });
        token = created.token;
        invitationId = created.invitation.id;
      });
      expect(moreInvited).toEqual([]);
      expect(invited).toMatchObject({ ...fromOwner, action: "invitation.created", targetType: "invitation", targetId: invitationId, detail: { role: "MEMBER" } });
      expect(JSON.stringify(invited)).not.toContain(token);

      const joiner = await newUser("Jo Joiner");
      const joined = await eventsOf(() => acceptInvitation(token, joiner.id, { prisma }));
      expect(joined).toHaveLength(1);
      expect(joined[0]).toMatchObject({ organizationId: ADVERTISER, actorId: joiner.id, actorEmail: joiner.email, channel: "DASHBOARD", action: "member.joined", targetType: "member", targetId: joiner.id, targetName: `Jo Joiner <${joiner.email}>`, detail: { role: "MEMBER" } });

      const membershipId = (await prisma.membership.findUniqueOrThrow({ where: { organizationId_userId: { organizationId: ADVERTISER, userId: joiner.id } } })).id;
      const changed = await eventsOf(() => changeMemberRole(owner, membershipId, "ADMIN", { prisma, invalidate: noInvalidation }));
      expect(changed).toHaveLength(1);
      expect(changed[0]).toMatchObject({ ...fromOwner, action: "member.role_changed", targetId: joiner.id, detail: { previousRole: "MEMBER", changes: { role: "ADMIN" } } });
      // Setting the role it already has changes nothing, and records nothing.
      expect(await eventsOf(() => changeMemberRole(owner, membershipId, "ADMIN", { prisma, invalidate: noInvalidation }))).toEqual([]);

      // The member's key, then the removal revokes it: one event says both.
      const key = await createApiKey({ organization: { id: ADVERTISER, kind: "ADVERTISER" }, userId: joiner.id, role: "ADMIN" }, { name: "Joiner's script", access: "READ", expiry: { kind: "never" } }, { prisma });
      const removed = await eventsOf(() => removeMember(owner, membershipId, { prisma, invalidate: noInvalidation }));
      expect(removed).toHaveLength(1);
      expect(removed[0]).toMatchObject({ ...fromOwner, action: "member.removed", targetId: joiner.id, detail: { role: "ADMIN", apiKeysRevoked: 1 } });
      expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: key.apiKey.id } })).revokedAt).toBeInstanceOf(Date);
    });

    it("records a revoked invitation; a refused action (the last owner) records nothing", async () => {
      const { invitation } = await createInvitation(owner, "VIEWER", { prisma }, { sentTo: "viewer@invited.example" });
      expect((await prisma.auditEvent.findFirstOrThrow({ where: { action: "invitation.created", targetId: invitation.id } })).detail).toEqual({ role: "VIEWER", sentTo: "viewer@invited.example" });
      const revoked = await eventsOf(() => revokeInvitation(owner, invitation.id, { prisma }));
      expect(revoked.map((event) => [event.action, event.targetId])).toEqual([["invitation.revoked", invitation.id]]);

      const ownMembership = (await prisma.membership.findUniqueOrThrow({ where: { organizationId_userId: { organizationId: ADVERTISER, userId: owner.userId } } })).id;
      const refused = await eventsOf(() => removeMember(owner, ownMembership, { prisma, invalidate: noInvalidation }).then(() => expect.fail("the last owner stays"), (error: unknown) => error));
      expect(refused).toEqual([]);
    });
  });

  describe("API keys", () => {
    it("records a key's creation (name and access, never the key) and its revocation once", async () => {
      const actor = { organization: { id: ADVERTISER, kind: "ADVERTISER" as const }, userId: owner.userId, role: "OWNER" as const };
      let created: Awaited<ReturnType<typeof createApiKey>> | undefined;
      const [creation, ...more] = await eventsOf(async () => (created = await createApiKey(actor, { name: "Nightly export", access: "READ_WRITE", expiry: { kind: "never" } }, { prisma })));
      expect(more).toEqual([]);
      expect(creation).toMatchObject({ ...fromOwner, action: "api_key.created", targetType: "api_key", targetId: created!.apiKey.id, targetName: "Nightly export", detail: { access: "READ_WRITE", expiresAt: null } });
      expect(JSON.stringify(creation)).not.toContain(created!.key);

      const revoked = await eventsOf(() => revokeApiKey(actor, created!.apiKey.id, { prisma }));
      expect(revoked.map((event) => [event.action, event.targetId, event.targetName])).toEqual([["api_key.revoked", created!.apiKey.id, "Nightly export"]]);
      // Revoking again changes nothing: no second event.
      expect(await eventsOf(() => revokeApiKey(actor, created!.apiKey.id, { prisma }))).toEqual([]);
    });
  });
});
