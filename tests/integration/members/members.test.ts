// Members and invitations on PGlite and PostgreSQL: invitation links (created, revoked, accepted once,
// expired), management by owners and admins (an admin never touches an owner), the last-owner
// guard, a removed member's API keys revoked with them, and scoping by organisation.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { acceptInvitation } from "@/lib/members/accept-invitation";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { createInvitation, MAILED_INVITATIONS_PER_DAY } from "@/lib/members/create-invitation";
import type { MemberActor } from "@/lib/members/assert-member-manager";
import { findInvitation } from "@/lib/members/find-invitation";
import { hashInvitationToken, INVITATION_TTL_MS } from "@/lib/members/invitation-token";
import { listInvitations } from "@/lib/members/list-invitations";
import { listMembers } from "@/lib/members/list-members";
import { removeMember } from "@/lib/members/remove-member";
import { revokeInvitation } from "@/lib/members/revoke-invitation";
import type { MemberRole } from "@/lib/model/enums";
import { permissionRefusalMessage } from "@/lib/model/permissions";
import { memberMessages } from "@/lib/zod/schemas/members";
import { seedDemoData } from "@/prisma/seed";
import { freshPglite, freshPostgres, type FreshDatabase } from "@/tests/support/databases";

const ADVERTISER = "demo-org-advertiser";
const OTHER = "members-test-other-org";
const advertiserOwner: MemberActor = { organizationId: ADVERTISER, userId: "demo-user-advertiser" };
const otherOwner: MemberActor = { organizationId: OTHER, userId: "members-test-other-owner" };

/** Drops of the cached active set the member functions asked for. */
let invalidations = 0;
const invalidate = async () => {
  invalidations += 1;
};

let database: FreshDatabase;
let prisma: PrismaClient;

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

function apiError(code: string, message: string) {
  return expect.objectContaining({ name: "AppError", code, message });
}

/** A new user account (no organisation yet). */
async function newUser(name: string): Promise<string> {
  const id = randomUUID();
  await prisma.user.create({ data: { id, name, email: `${id}@example.test` } });
  return id;
}

/** A new user who joined the organisation with the role, through an invitation. */
async function newMember(actor: MemberActor, name: string, role: MemberRole = "MEMBER"): Promise<{ userId: string; membershipId: string }> {
  const userId = await newUser(name);
  const { token } = await createInvitation(actor, role, { prisma });
  await acceptInvitation(token, userId, { prisma });
  const membership = await prisma.membership.findUniqueOrThrow({ where: { organizationId_userId: { organizationId: actor.organizationId, userId } } });
  return { userId, membershipId: membership.id };
}

/** A new organisation with the user as its only owner; returns the membership id. */
async function organizationWithOwner(organizationId: string, userId: string): Promise<string> {
  await prisma.organization.create({ data: { id: organizationId, name: organizationId, kind: "ADVERTISER", memberships: { create: { userId, role: "OWNER" } } } });
  return (await prisma.membership.findUniqueOrThrow({ where: { organizationId_userId: { organizationId, userId } } })).id;
}

async function membershipOf(organizationId: string, userId: string) {
  return prisma.membership.findUnique({ where: { organizationId_userId: { organizationId, userId } }, select: { role: true } });
}

const databases = [
  { name: "PGlite", open: (): Promise<FreshDatabase> => freshPglite() },
  // Row locks (lockOwners' FOR UPDATE) as a deployed server takes them.
  { name: "PostgreSQL", open: (): Promise<FreshDatabase> => freshPostgres() },
];

describe.each(databases)("on $name", ({ open }) => {
  beforeAll(async () => {
    database = await open();
    prisma = database.prisma;
    await seedDemoData(prisma);
    await prisma.user.create({ data: { id: otherOwner.userId, name: "Olga Other", email: "olga@other.example" } });
    await prisma.organization.create({
      data: { id: OTHER, name: "Other Outfitters", kind: "ADVERTISER", memberships: { create: { userId: otherOwner.userId, role: "OWNER" } } },
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  describe("createInvitation", () => {
    it("stores a 7-day Verification `invite:<orgId>` holding the SHA-256 of the token and the role, never the token", async () => {
      const now = new Date("2026-03-01T12:00:00Z");
      const { invitation, token } = await createInvitation(advertiserOwner, "OWNER", { prisma }, { now });
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const row = await prisma.verification.findUniqueOrThrow({ where: { id: invitation.id } });
      expect(row).toMatchObject({ identifier: `invite:${ADVERTISER}`, value: `${hashInvitationToken(token)}:OWNER` });
      expect(row.expiresAt.getTime() - now.getTime()).toBe(INVITATION_TTL_MS);
      expect(JSON.stringify(row)).not.toContain(token);
    });

    it(`mails at most ${MAILED_INVITATIONS_PER_DAY} invitations per organisation in 24 hours, then only makes links; the audit log has each mailed address`, async () => {
      const mailTos: (string | undefined)[] = [];
      const ids: string[] = [];
      for (let index = 0; index <= MAILED_INVITATIONS_PER_DAY; index += 1) {
        const created = await createInvitation(advertiserOwner, "VIEWER", { prisma }, { sentTo: `invitee-${index}@example.test` });
        mailTos.push(created.mailTo);
        ids.push(created.invitation.id);
        expect(created.dailyMailLimitReached).toBe(index === MAILED_INVITATIONS_PER_DAY);
      }
      expect(mailTos).toEqual([...Array.from({ length: MAILED_INVITATIONS_PER_DAY }, (_, index) => `invitee-${index}@example.test`), undefined]);
      const detailOf = async (id: string) => (await prisma.auditEvent.findFirstOrThrow({ where: { action: "invitation.created", targetId: id } })).detail;
      expect(await detailOf(ids.at(-2)!)).toEqual({ role: "VIEWER", sentTo: `invitee-${MAILED_INVITATIONS_PER_DAY - 1}@example.test` });
      expect(await detailOf(ids.at(-1)!)).toEqual({ role: "VIEWER" });
      // Links without mail are not limited, another organisation has its own count, and a day later the count starts again.
      expect((await createInvitation(advertiserOwner, "VIEWER", { prisma })).dailyMailLimitReached).toBe(false);
      expect((await createInvitation(otherOwner, "VIEWER", { prisma }, { sentTo: "other@example.test" })).mailTo).toBe("other@example.test");
      const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000 + 60_000);
      expect((await createInvitation(advertiserOwner, "VIEWER", { prisma }, { sentTo: "later@example.test", now: tomorrow })).mailTo).toBe("later@example.test");
    });

    it("is listed as pending for its organisation only", async () => {
      const { invitation } = await createInvitation(advertiserOwner, "MEMBER", { prisma });
      expect(await listInvitations(ADVERTISER, { prisma })).toContainEqual({ id: invitation.id, role: "MEMBER", createdAt: expect.any(Date), expiresAt: expect.any(Date), sentTo: null });
      expect((await listInvitations(OTHER, { prisma })).map((pending) => pending.id)).not.toContain(invitation.id);
      // A mailed link is listed with its address, so the inviter knows which one to revoke.
      // (The other organisation's: the test above used up this one's mails for the day.)
      const mailed = await createInvitation(otherOwner, "ADMIN", { prisma }, { sentTo: "listed@example.test" });
      expect(mailed.invitation.sentTo).toBe("listed@example.test");
      expect(await listInvitations(OTHER, { prisma })).toContainEqual({ ...mailed.invitation, sentTo: "listed@example.test" });
    });
  });

  describe("revokeInvitation", () => {
    it("deletes the invitation: its link no longer finds it", async () => {
      const { invitation, token } = await createInvitation(advertiserOwner, "MEMBER", { prisma });
      await revokeInvitation(advertiserOwner, invitation.id, { prisma });
      expect(await prisma.verification.findUnique({ where: { id: invitation.id } })).toBeNull();
      expect(await findInvitation(token, { prisma })).toBeNull();
      const userId = await newUser("Late Larry");
      expect(await caught(acceptInvitation(token, userId, { prisma }))).toEqual(apiError("gone", memberMessages.invitationInvalid));
      expect(await membershipOf(ADVERTISER, userId)).toBeNull();
    });

    it("refuses another organisation's invitation and leaves it as it was", async () => {
      const { invitation, token } = await createInvitation(otherOwner, "MEMBER", { prisma });
      expect(await caught(revokeInvitation(advertiserOwner, invitation.id, { prisma }))).toEqual(apiError("not_found", memberMessages.invitationNotFound));
      expect(await findInvitation(token, { prisma })).toMatchObject({ id: invitation.id, organization: { id: OTHER } });
    });
  });

  describe("acceptInvitation", () => {
    it("adds the membership with the invited role and consumes the invitation", async () => {
      const { invitation, token } = await createInvitation(advertiserOwner, "OWNER", { prisma });
      const userId = await newUser("Nina New");
      const accepted = await acceptInvitation(token, userId, { prisma });
      expect(accepted.organization).toEqual({ id: ADVERTISER, name: "Northwind Outdoor", kind: "ADVERTISER" });
      expect(await membershipOf(ADVERTISER, userId)).toEqual({ role: "OWNER" });
      expect(await prisma.verification.findUnique({ where: { id: invitation.id } })).toBeNull();
    });

    it("works once: a second use is refused and adds nobody", async () => {
      const { token } = await createInvitation(advertiserOwner, "MEMBER", { prisma });
      const first = await newUser("First Fran");
      const second = await newUser("Second Sam");
      await acceptInvitation(token, first, { prisma });
      expect(await caught(acceptInvitation(token, second, { prisma }))).toEqual(apiError("gone", memberMessages.invitationInvalid));
      expect(await membershipOf(ADVERTISER, second)).toBeNull();
      expect(await prisma.membership.count({ where: { organizationId: ADVERTISER, userId: first } })).toBe(1);
    });

    it("refuses an expired invitation and keeps nothing from it", async () => {
      const created = new Date("2026-01-01T00:00:00Z");
      const { token } = await createInvitation(advertiserOwner, "MEMBER", { prisma }, { now: created });
      const userId = await newUser("Slow Sue");
      const afterExpiry = new Date(created.getTime() + INVITATION_TTL_MS + 1);
      expect(await findInvitation(token, { prisma }, afterExpiry)).toBeNull();
      expect(await caught(acceptInvitation(token, userId, { prisma }, afterExpiry))).toEqual(apiError("gone", memberMessages.invitationInvalid));
      expect(await membershipOf(ADVERTISER, userId)).toBeNull();
    });

    it("refuses unknown and malformed tokens", async () => {
      const userId = await newUser("Guessing Gus");
      for (const token of ["A".repeat(43), "not-a-token", ""]) {
        expect(await caught(acceptInvitation(token, userId, { prisma }))).toEqual(apiError("gone", memberMessages.invitationInvalid));
      }
    });

    it("refuses an existing member and leaves the link usable", async () => {
      const { invitation, token } = await createInvitation(advertiserOwner, "OWNER", { prisma });
      expect(await caught(acceptInvitation(token, advertiserOwner.userId, { prisma }))).toEqual(apiError("conflict", memberMessages.alreadyMember));
      expect(await prisma.verification.findUnique({ where: { id: invitation.id } })).not.toBeNull();
    });
  });

  describe("a MEMBER", () => {
    it("sees the members but every management function refuses them and changes nothing", async () => {
      const { userId } = await newMember(advertiserOwner, "Mia Member");
      const member: MemberActor = { organizationId: ADVERTISER, userId };
      expect((await listMembers(ADVERTISER, { prisma })).map((listed) => listed.userId)).toContain(userId);

      const { invitation } = await createInvitation(advertiserOwner, "MEMBER", { prisma });
      const owner = await prisma.membership.findUniqueOrThrow({ where: { organizationId_userId: { organizationId: ADVERTISER, userId: advertiserOwner.userId } } });
      const forbidden = apiError("forbidden", permissionRefusalMessage("MEMBER", "members:manage"));
      const invitationsBefore = await prisma.verification.count();

      expect(await caught(createInvitation(member, "OWNER", { prisma }))).toEqual(forbidden);
      expect(await caught(revokeInvitation(member, invitation.id, { prisma }))).toEqual(forbidden);
      expect(await caught(changeMemberRole(member, owner.id, "MEMBER", { prisma, invalidate }))).toEqual(forbidden);
      expect(await caught(removeMember(member, owner.id, { prisma, invalidate }))).toEqual(forbidden);

      expect(await prisma.verification.count()).toBe(invitationsBefore);
      expect(await membershipOf(ADVERTISER, advertiserOwner.userId)).toEqual({ role: "OWNER" });
    });

    it("cannot promote themselves", async () => {
      const { userId, membershipId } = await newMember(advertiserOwner, "Ambitious Al");
      expect(await caught(changeMemberRole({ organizationId: ADVERTISER, userId }, membershipId, "OWNER", { prisma, invalidate }))).toEqual(
        apiError("forbidden", permissionRefusalMessage("MEMBER", "members:manage")),
      );
      expect(await membershipOf(ADVERTISER, userId)).toEqual({ role: "MEMBER" });
    });
  });

  describe("an OWNER", () => {
    it("changes a member's role and removes a member", async () => {
      const { userId, membershipId } = await newMember(otherOwner, "Promoted Pia");
      await changeMemberRole(otherOwner, membershipId, "OWNER", { prisma, invalidate });
      expect(await membershipOf(OTHER, userId)).toEqual({ role: "OWNER" });
      await changeMemberRole(otherOwner, membershipId, "MEMBER", { prisma, invalidate });
      expect(await membershipOf(OTHER, userId)).toEqual({ role: "MEMBER" });
      await removeMember(otherOwner, membershipId, { prisma, invalidate });
      expect(await membershipOf(OTHER, userId)).toBeNull();
      expect(await prisma.user.findUnique({ where: { id: userId } })).not.toBeNull();
    });

    it("cannot demote or remove the last owner, even themselves", async () => {
      const organizationId = "members-test-solo-org";
      const userId = await newUser("Solo Sol");
      const membershipId = await organizationWithOwner(organizationId, userId);
      const solo: MemberActor = { organizationId, userId };
      const lastOwner = apiError("conflict", memberMessages.lastOwner);
      expect(await caught(changeMemberRole(solo, membershipId, "MEMBER", { prisma, invalidate }))).toEqual(lastOwner);
      expect(await caught(removeMember(solo, membershipId, { prisma, invalidate }))).toEqual(lastOwner);
      expect(await membershipOf(organizationId, userId)).toEqual({ role: "OWNER" });
    });

    it("may step down once another owner exists", async () => {
      const organizationId = "members-test-duo-org";
      const founder = await newUser("Founder Fay");
      const founderMembership = await organizationWithOwner(organizationId, founder);
      const actor: MemberActor = { organizationId, userId: founder };
      const { userId: successor } = await newMember(actor, "Successor Sid", "OWNER");
      await changeMemberRole(actor, founderMembership, "MEMBER", { prisma, invalidate });
      expect(await membershipOf(organizationId, founder)).toEqual({ role: "MEMBER" });
      expect(await membershipOf(organizationId, successor)).toEqual({ role: "OWNER" });
    });

    it("cannot touch another organisation's memberships", async () => {
      const { userId, membershipId } = await newMember(otherOwner, "Guarded Gil");
      const notFound = apiError("not_found", memberMessages.membershipNotFound);
      expect(await caught(changeMemberRole(advertiserOwner, membershipId, "OWNER", { prisma, invalidate }))).toEqual(notFound);
      expect(await caught(removeMember(advertiserOwner, membershipId, { prisma, invalidate }))).toEqual(notFound);
      expect(await membershipOf(OTHER, userId)).toEqual({ role: "MEMBER" });
    });

    it("of another organisation is refused in this one", async () => {
      const intruder: MemberActor = { organizationId: ADVERTISER, userId: otherOwner.userId };
      expect(await caught(createInvitation(intruder, "OWNER", { prisma }))).toEqual(apiError("forbidden", memberMessages.notAMember));
    });
  });

  describe("an ADMIN", () => {
    it("invites admins, members and read-only members, but not owners", async () => {
      const { userId } = await newMember(otherOwner, "Ada Admin", "ADMIN");
      const admin: MemberActor = { organizationId: OTHER, userId };
      for (const role of ["ADMIN", "MEMBER", "VIEWER"] as const) {
        const { token } = await createInvitation(admin, role, { prisma });
        expect(await findInvitation(token, { prisma })).toMatchObject({ role, organization: { id: OTHER } });
      }
      const invitationsBefore = await prisma.verification.count();
      expect(await caught(createInvitation(admin, "OWNER", { prisma }))).toEqual(apiError("forbidden", memberMessages.ownerOnly));
      expect(await prisma.verification.count()).toBe(invitationsBefore);
    });

    it("changes and removes members below an owner", async () => {
      const { userId } = await newMember(otherOwner, "Abe Admin", "ADMIN");
      const admin: MemberActor = { organizationId: OTHER, userId };
      const { userId: memberId, membershipId } = await newMember(admin, "Vic Viewer", "VIEWER");
      expect(await membershipOf(OTHER, memberId)).toEqual({ role: "VIEWER" });
      await changeMemberRole(admin, membershipId, "ADMIN", { prisma, invalidate });
      expect(await membershipOf(OTHER, memberId)).toEqual({ role: "ADMIN" });
      await removeMember(admin, membershipId, { prisma, invalidate });
      expect(await membershipOf(OTHER, memberId)).toBeNull();
    });

    it("never makes, demotes or removes an owner, nor revokes an owner's invitation", async () => {
      const { userId, membershipId: adminMembership } = await newMember(otherOwner, "Ari Admin", "ADMIN");
      const admin: MemberActor = { organizationId: OTHER, userId };
      const { userId: memberId, membershipId } = await newMember(admin, "Max Member");
      const ownerMembership = await prisma.membership.findUniqueOrThrow({ where: { organizationId_userId: { organizationId: OTHER, userId: otherOwner.userId } } });
      const { invitation } = await createInvitation(otherOwner, "OWNER", { prisma });
      const ownerOnly = apiError("forbidden", memberMessages.ownerOnly);

      expect(await caught(changeMemberRole(admin, membershipId, "OWNER", { prisma, invalidate }))).toEqual(ownerOnly);
      expect(await caught(changeMemberRole(admin, adminMembership, "OWNER", { prisma, invalidate }))).toEqual(ownerOnly);
      expect(await caught(changeMemberRole(admin, ownerMembership.id, "MEMBER", { prisma, invalidate }))).toEqual(ownerOnly);
      expect(await caught(removeMember(admin, ownerMembership.id, { prisma, invalidate }))).toEqual(ownerOnly);
      expect(await caught(revokeInvitation(admin, invitation.id, { prisma }))).toEqual(ownerOnly);

      expect(await membershipOf(OTHER, memberId)).toEqual({ role: "MEMBER" });
      expect(await membershipOf(OTHER, userId)).toEqual({ role: "ADMIN" });
      expect(await membershipOf(OTHER, otherOwner.userId)).toEqual({ role: "OWNER" });
      expect(await prisma.verification.findUnique({ where: { id: invitation.id } })).not.toBeNull();
    });
  });

  describe("a VIEWER", () => {
    it("joins read-only through an invitation and manages nobody", async () => {
      const { userId } = await newMember(otherOwner, "Rita Reader", "VIEWER");
      expect(await membershipOf(OTHER, userId)).toEqual({ role: "VIEWER" });
      expect(await caught(createInvitation({ organizationId: OTHER, userId }, "VIEWER", { prisma }))).toEqual(
        apiError("forbidden", permissionRefusalMessage("VIEWER", "members:manage")),
      );
    });
  });

  describe("removeMember and API keys", () => {
    async function keyOf(organizationId: string, createdById: string, name: string): Promise<string> {
      const id = randomUUID();
      await prisma.apiKey.create({ data: { id, organizationId, createdById, name, prefix: "mk_test", hashedKey: randomUUID() } });
      return id;
    }

    it("revokes the removed member's keys of this organisation, in the same change, and no one else's", async () => {
      const { userId, membershipId } = await newMember(otherOwner, "Kim Keys");
      // The same person in a second organisation: their key there stays.
      const elsewhere = "members-test-keys-elsewhere";
      await organizationWithOwner(elsewhere, userId);
      const theirs = await keyOf(OTHER, userId, "Kim's key");
      const theirsElsewhere = await keyOf(elsewhere, userId, "Kim's other key");
      const ownersKey = await keyOf(OTHER, otherOwner.userId, "Olga's key");
      const now = new Date("2026-06-01T10:00:00Z");

      await removeMember(otherOwner, membershipId, { prisma, invalidate }, now);

      const revokedAt = async (id: string) => (await prisma.apiKey.findUniqueOrThrow({ where: { id } })).revokedAt;
      expect(await revokedAt(theirs)).toEqual(now);
      expect(await revokedAt(theirsElsewhere)).toBeNull();
      expect(await revokedAt(ownersKey)).toBeNull();
    });

    it("revokes nothing when the removal is refused", async () => {
      const organizationId = "members-test-keys-solo";
      const userId = await newUser("Solo Key Sam");
      const membershipId = await organizationWithOwner(organizationId, userId);
      const key = await keyOf(organizationId, userId, "Sam's key");
      expect(await caught(removeMember({ organizationId, userId }, membershipId, { prisma, invalidate }))).toEqual(apiError("conflict", memberMessages.lastOwner));
      expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: key } })).revokedAt).toBeNull();
    });
  });

  describe("listMembers", () => {
    it("lists the organisation's members with name, e-mail, role and join date, owners first", async () => {
      const members = await listMembers(OTHER, { prisma });
      expect(members[0]).toEqual({ id: expect.any(String), userId: otherOwner.userId, name: "Olga Other", email: "olga@other.example", role: "OWNER", joinedAt: expect.any(Date) });
      const roles = members.map((member) => member.role);
      expect(roles.slice(roles.lastIndexOf("OWNER") + 1).every((role) => role !== "OWNER")).toBe(true);
      expect(members.every((member) => member.userId !== advertiserOwner.userId)).toBe(true);
    });
  });

  describe("the cached active set", () => {
    it("is dropped when an owner is made or unmade or removed (whether the organisation may spend depends on its owners), not for other roles", async () => {
      const { membershipId } = await newMember(advertiserOwner, "Ivy Invalidation", "MEMBER");
      const before = invalidations;
      await changeMemberRole(advertiserOwner, membershipId, "ADMIN", { prisma, invalidate });
      expect(invalidations).toBe(before);
      await changeMemberRole(advertiserOwner, membershipId, "OWNER", { prisma, invalidate });
      expect(invalidations).toBe(before + 1);
      await changeMemberRole(advertiserOwner, membershipId, "VIEWER", { prisma, invalidate });
      expect(invalidations).toBe(before + 2);
      await changeMemberRole(advertiserOwner, membershipId, "OWNER", { prisma, invalidate });
      await removeMember(advertiserOwner, membershipId, { prisma, invalidate });
      expect(invalidations).toBe(before + 4);
    });
  });
});

