import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActiveSet } from "@/lib/ads/active-set";
import { loadActiveSet } from "@/lib/ads/load-active-set";
import { ActiveCampaignsCache } from "@/lib/cache/active-campaigns-cache";
import { MemoryStore } from "@/lib/redis/memory-store";
import { KeyValueStore } from "@/lib/redis/store";
import { listPendingCreatives, REVIEW_QUEUE_PAGE_SIZE } from "@/lib/review/list-pending-creatives";
import { reviewCreative } from "@/lib/review/review-creative";
import type { MailMessage } from "@/lib/mail/send-mail";
import { organizationMailLink } from "@/lib/mail/links";
import { reviewDecisionSchema } from "@/lib/zod/schemas/review";
import { seedDemoData } from "@/prisma/seed";
import { freshPglite, type FreshDatabase } from "@/tests/support/databases";
import { countingInvalidate } from "../publisher/second-publisher";
import { runAtOnce } from "@/tests/support/deferred-work";

let database: FreshDatabase;
const admin = { id: "demo-user-admin", email: "admin@marquee.local", role: "admin" };
const publisher = { id: "demo-user-publisher", email: "publisher@marquee.local", role: "user" };

beforeAll(async () => {
  database = await freshPglite();
  await seedDemoData(database.prisma);
});

afterAll(async () => {
  await database?.close();
});

let sequence = 0;
/** A creative waiting for review in an active, funded demo campaign (as the advertiser UI submits it). */
async function pendingCreative(fields: { createdAt?: Date; campaignId?: string } = {}) {
  sequence += 1;
  return database.prisma.creative.create({
    data: {
      id: `pending-${sequence}`,
      campaignId: fields.campaignId ?? "demo-campaign-spring",
      name: `Spring shoes half page #${sequence}`,
      kind: "HTML",
      width: 300,
      height: 600,
      html: "<p>Spring sale</p><script>alert(1)</script>",
      landingUrl: "https://northwind.example/spring",
      createdAt: fields.createdAt ?? new Date(),
    },
  });
}

const decide = (input: Record<string, string>) => reviewDecisionSchema.parse(input);
const servedCreativeIds = async () => (await loadActiveSet(database.prisma)).campaigns.flatMap((campaign) => campaign.creatives.map((creative) => creative.id));

describe("listPendingCreatives", () => {
  it("lists pending creatives oldest first, with campaign and advertiser, and nothing already reviewed or archived", async () => {
    const newer = await pendingCreative({ createdAt: new Date("2026-02-02T00:00:00Z") });
    const older = await pendingCreative({ createdAt: new Date("2026-02-01T00:00:00Z") });
    const archived = await pendingCreative({ createdAt: new Date("2026-01-15T00:00:00Z") });
    await database.prisma.creative.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });

    const { creatives, total } = await listPendingCreatives({ prisma: database.prisma });
    expect(creatives.map((creative) => creative.id)).toEqual([older.id, newer.id]);
    expect(total).toBe(2);
    expect(creatives[0]).toMatchObject({
      landingUrl: "https://northwind.example/spring",
      campaign: { name: "Spring trail shoes", organization: { name: "Northwind Outdoor" } },
    });
    await database.prisma.creative.deleteMany({ where: { id: { in: [newer.id, older.id, archived.id] } } });
  });

  it("finds a creative past the first page by its creative, campaign or advertiser name, in any case", async () => {
    const older = [];
    for (let index = 0; index < REVIEW_QUEUE_PAGE_SIZE; index += 1) older.push(await pendingCreative({ createdAt: new Date(Date.UTC(2026, 0, 1, 0, index)) }));
    const newest = await database.prisma.creative.update({ where: { id: (await pendingCreative()).id }, data: { name: "Leaderboard Needle" } });
    try {
      const queue = await listPendingCreatives({ prisma: database.prisma });
      expect(queue.total).toBe(REVIEW_QUEUE_PAGE_SIZE + 1);
      expect(queue.creatives.map((creative) => creative.id)).not.toContain(newest.id);

      const byName = await listPendingCreatives({ prisma: database.prisma }, { search: "  leaderboard needle " });
      expect(byName).toMatchObject({ total: 1, creatives: [{ id: newest.id }] });
      // Every creative here is in "Spring trail shoes" by Northwind Outdoor.
      for (const search of ["SPRING TRAIL", "northwind"]) expect((await listPendingCreatives({ prisma: database.prisma }, { search })).total).toBe(REVIEW_QUEUE_PAGE_SIZE + 1);
      expect(await listPendingCreatives({ prisma: database.prisma }, { search: "no such name" })).toEqual({ creatives: [], total: 0 });
      // Characters LIKE treats as wildcards are matched as typed.
      expect((await listPendingCreatives({ prisma: database.prisma }, { search: "%" })).total).toBe(0);
    } finally {
      await database.prisma.creative.deleteMany({ where: { id: { in: [...older, newest].map((creative) => creative.id) } } });
    }
  });
});

describe("reviewCreative", () => {
  it("approves: records who, when and the note, invalidates, and the creative serves", async () => {
    const creative = await pendingCreative();
    const { calls, invalidate } = countingInvalidate();
    const at = new Date("2026-03-01T12:00:00Z");
    expect(await servedCreativeIds()).not.toContain(creative.id);

    await reviewCreative(admin, decide({ creativeId: creative.id, decision: "APPROVE", reason: "Looks fine." }), { prisma: database.prisma, invalidate }, at);

    expect(await database.prisma.creative.findUniqueOrThrow({ where: { id: creative.id } })).toMatchObject({
      reviewStatus: "APPROVED",
      reviewNote: "Looks fine.",
      reviewedAt: at,
      reviewedById: "demo-user-admin",
    });
    expect(calls.count).toBe(1);
    expect(await servedCreativeIds()).toContain(creative.id);
  });

  it("rejects with the reason and keeps the creative out of serving", async () => {
    const creative = await pendingCreative();
    const { calls, invalidate } = countingInvalidate();
    await reviewCreative(admin, decide({ creativeId: creative.id, decision: "REJECT", reason: "Scripts are not allowed." }), { prisma: database.prisma, invalidate });
    expect(await database.prisma.creative.findUniqueOrThrow({ where: { id: creative.id } })).toMatchObject({
      reviewStatus: "REJECTED",
      reviewNote: "Scripts are not allowed.",
      reviewedById: "demo-user-admin",
    });
    expect(calls.count).toBe(1);
    expect(await servedCreativeIds()).not.toContain(creative.id);
  });

  it("mails a rejection, with its reason and a link to edit the creative, to each member who can edit it at a confirmed address and has not turned that mail off; an approval mails no one", async () => {
    const members = [
      { id: "review-mail-admin", role: "ADMIN", emailVerified: true, campaignMail: true },
      { id: "review-mail-viewer", role: "VIEWER", emailVerified: true, campaignMail: true },
      { id: "review-mail-unconfirmed", role: "MEMBER", emailVerified: false, campaignMail: true },
      { id: "review-mail-off", role: "MEMBER", emailVerified: true, campaignMail: false },
    ] as const;
    for (const { id, role, emailVerified, campaignMail } of members) {
      await database.prisma.user.create({ data: { id, name: id, email: `${id}@northwind.example`, emailVerified, memberships: { create: { organizationId: "demo-org-advertiser", role, campaignMail } } } });
    }
    try {
      const sent: MailMessage[][] = [];
      const deps = { prisma: database.prisma, invalidate: countingInvalidate().invalidate, notify: (messages: MailMessage[]) => sent.push(messages) };
      const rejected = await pendingCreative();
      await reviewCreative(admin, decide({ creativeId: rejected.id, decision: "REJECT", reason: "The claim “lighter” needs a comparison." }), deps);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.map((message) => message.to).sort()).toEqual(["advertiser@marquee.local", "review-mail-admin@northwind.example"]);
      const [mail] = sent[0]!;
      expect(mail!.subject).toBe(`Creative rejected: ${rejected.name}`);
      expect(mail!.text).toContain(`The creative "${rejected.name}" of the campaign "Spring trail shoes" was rejected in review and does not serve.`);
      expect(mail!.text).toContain("The claim “lighter” needs a comparison.");
      expect(mail!.text).toContain(organizationMailLink("demo-org-advertiser", `/advertiser/campaigns/demo-campaign-spring/creatives/${rejected.id}/edit`));
      expect(mail!.text).toContain('You get this mail as a member of Northwind Outdoor who can edit its campaigns. To stop it, turn off "Mail about campaigns" under Settings → Organisation.');

      await reviewCreative(admin, decide({ creativeId: (await pendingCreative()).id, decision: "APPROVE", reason: "Fine." }), deps);
      // Refused decisions mail nothing either.
      await expect(reviewCreative(admin, decide({ creativeId: rejected.id, decision: "REJECT", reason: "Again." }), deps)).rejects.toMatchObject({ code: "conflict" });
      expect(sent).toHaveLength(1);
    } finally {
      await database.prisma.user.deleteMany({ where: { id: { in: members.map((member) => member.id) } } });
    }
  });

  it("refuses a user who is not an operator: nothing changes, nothing is invalidated", async () => {
    const creative = await pendingCreative();
    const { calls, invalidate } = countingInvalidate();
    await expect(
      reviewCreative(publisher, decide({ creativeId: creative.id, decision: "APPROVE" }), { prisma: database.prisma, invalidate }),
    ).rejects.toMatchObject({ code: "forbidden", message: "Only operators can review creatives." });
    expect(await database.prisma.creative.findUniqueOrThrow({ where: { id: creative.id } })).toMatchObject({
      reviewStatus: "PENDING",
      reviewNote: null,
      reviewedAt: null,
      reviewedById: null,
    });
    expect(calls.count).toBe(0);
    expect(await servedCreativeIds()).not.toContain(creative.id);
  });

  it("decides once: a second decision is refused and the first stands", async () => {
    const creative = await pendingCreative();
    const { calls, invalidate } = countingInvalidate();
    await reviewCreative(admin, decide({ creativeId: creative.id, decision: "REJECT", reason: "Blurry." }), { prisma: database.prisma, invalidate });
    await expect(
      reviewCreative(admin, decide({ creativeId: creative.id, decision: "APPROVE" }), { prisma: database.prisma, invalidate }),
    ).rejects.toMatchObject({ code: "conflict", message: "This creative was already reviewed." });
    expect((await database.prisma.creative.findUniqueOrThrow({ where: { id: creative.id } })).reviewStatus).toBe("REJECTED");
    expect(calls.count).toBe(1);
  });

  it("says not found for an unknown creative", async () => {
    const { calls, invalidate } = countingInvalidate();
    await expect(
      reviewCreative(admin, decide({ creativeId: "no-such-creative", decision: "APPROVE" }), { prisma: database.prisma, invalidate }),
    ).rejects.toMatchObject({ code: "not_found", message: "Creative not found." });
    expect(calls.count).toBe(0);
  });

  it("with the real cache: an approval serves on the next read, not after the TTL", async () => {
    const cache = new ActiveCampaignsCache<ActiveSet>({ defer: runAtOnce,
      store: new KeyValueStore(new MemoryStore()),
      load: () => loadActiveSet(database.prisma),
      localTtlMs: 60_000,
    });
    const cachedIds = async () => (await cache.get()).campaigns.flatMap((campaign) => campaign.creatives.map((creative) => creative.id));
    const creative = await pendingCreative();
    expect(await cachedIds()).not.toContain(creative.id);
    await reviewCreative(admin, decide({ creativeId: creative.id, decision: "APPROVE" }), { prisma: database.prisma, invalidate: () => cache.invalidate() });
    expect(await cachedIds()).toContain(creative.id);
  });
});
