// The budget-spent mail (lib/tracking/budget-spent-mail.ts) as the tracking routes run it: the
// budget reaction of each instance, after each event that leaves a campaign unable to pay for
// the next. One mail per editor per spent budget, however many instances and events see it.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { organizationMailLink } from "@/lib/mail/links";
import type { MailMessage, MailTally } from "@/lib/mail/send-mail";
import type { Offer } from "@/lib/offers/offer-token";
import { createStore, type StoreHandle } from "@/lib/redis/create-store";
import { budgetSpentMailer, mailBudgetSpent } from "@/lib/tracking/budget-spent-mail";
import { BOTH_DATABASES, type FreshDatabase } from "@/tests/support/databases";
import { click, impression, testOffer } from "@/tests/support/tracking";

const ORGANIZATION = "org-budget-mail";
const USD = 1_000_000;

/** The organisation's people: who may edit campaigns at a confirmed address hears; no one else. */
const PEOPLE = [
  { id: "budget-owner", email: "owner@northwind.example", role: "OWNER", verified: true, campaignMail: true, mailed: true },
  { id: "budget-admin", email: "admin@northwind.example", role: "ADMIN", verified: true, campaignMail: true, mailed: true },
  { id: "budget-member", email: "member@northwind.example", role: "MEMBER", verified: true, campaignMail: true, mailed: true },
  { id: "budget-unconfirmed", email: "unconfirmed@northwind.example", role: "MEMBER", verified: false, campaignMail: true, mailed: false },
  { id: "budget-viewer", email: "viewer@northwind.example", role: "VIEWER", verified: true, campaignMail: true, mailed: false },
  { id: "budget-mail-off", email: "off@northwind.example", role: "ADMIN", verified: true, campaignMail: false, mailed: false },
] as const;
const MAILED = PEOPLE.filter((person) => person.mailed).map((person) => person.email);

/** A send that takes every message, into `outbox`. */
function collectInto(outbox: MailMessage[]) {
  return async (messages: MailMessage[]): Promise<MailTally> => {
    outbox.push(...messages);
    return { sent: messages.length, failed: 0 };
  };
}

describe.each(BOTH_DATABASES)("the budget-spent mail on $name", ({ open }) => {
  let database: FreshDatabase;
  let prisma: PrismaClient;
  let handle: StoreHandle;

  beforeAll(async () => {
    database = await open();
    prisma = database.prisma;
    handle = createStore({ kind: "none" });
    await prisma.organization.create({ data: { id: ORGANIZATION, name: "Northwind Outdoor", kind: "ADVERTISER" } });
    for (const [index, person] of PEOPLE.entries()) {
      await prisma.user.create({ data: { id: person.id, name: person.id, email: person.email, emailVerified: person.verified } });
      await prisma.membership.create({ data: { organizationId: ORGANIZATION, userId: person.id, role: person.role, campaignMail: person.campaignMail, createdAt: new Date(Date.UTC(2026, 0, 1 + index)) } });
    }
    // Someone in another organisation, who must never hear of this one's campaigns.
    await prisma.organization.create({ data: { id: "org-budget-other", name: "Other", kind: "ADVERTISER" } });
    await prisma.user.create({ data: { id: "budget-stranger", name: "Stranger", email: "stranger@other.example", emailVerified: true } });
    await prisma.membership.create({ data: { organizationId: "org-budget-other", userId: "budget-stranger", role: "OWNER" } });
  });

  afterAll(async () => {
    await handle?.store.close();
    await database?.close();
  });

  async function createCampaign(fields: { pricingModel?: "CPM" | "CPC"; priceMicros: number; totalBudgetMicros: number; dailyBudgetMicros?: number }) {
    const id = `campaign-${randomBytes(5).toString("hex")}`;
    const pricingModel = fields.pricingModel ?? "CPM";
    await prisma.campaign.create({
      data: {
        id,
        organizationId: ORGANIZATION,
        name: `Spring tents ${id}`,
        status: "ACTIVE",
        startsAt: new Date("2026-01-01T00:00:00Z"),
        pricingModel,
        priceMicros: BigInt(fields.priceMicros),
        totalBudgetMicros: BigInt(fields.totalBudgetMicros),
        dailyBudgetMicros: fields.dailyBudgetMicros === undefined ? null : BigInt(fields.dailyBudgetMicros),
        creatives: { create: { id: `${id}-a`, name: "A", kind: "TEXT", width: 300, height: 250, headline: "A", landingUrl: "https://example.com/a", reviewStatus: "APPROVED" } },
      },
    });
    return { id, offer: (): Offer => testOffer({ campaignId: id, creativeId: `${id}-a`, pricingModel, priceMicros: fields.priceMicros }) };
  }

  /** An instance's budget reaction as the tracking routes wire it (lib/tracking/context.ts), the mail collected instead of sent. */
  function instance(outbox: MailMessage[]) {
    const mailer = budgetSpentMailer({ prisma, send: collectInto(outbox) }, (_campaignId, error) => {
      throw error;
    });
    return { prisma, store: handle.store, onBudgetExhausted: mailer };
  }

  it("mails each member who may edit the campaign, once, when a burst of impressions on two instances spends its total budget", async () => {
    // $1 CPM: 1,000 micro-units an impression; the budget pays for five.
    const campaign = await createCampaign({ priceMicros: 1 * USD, totalBudgetMicros: 5_000 });
    const before = await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
    const outbox: MailMessage[] = [];
    const [one, two] = [instance(outbox), instance(outbox)];
    // Forty events: five charged, the rest late ones of a spent campaign, each reporting it exhausted.
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, index) => impression(index % 2 ? one : two, campaign.offer())));
    expect(outcomes.every((outcome) => outcome === "counted")).toBe(true);

    expect(outbox.map((message) => message.to).sort()).toEqual([...MAILED].sort());
    expect(outbox[0]).toEqual({
      to: outbox[0]?.to,
      subject: `Budget spent: Spring tents ${campaign.id}`,
      text: `The campaign "Spring tents ${campaign.id}" has spent its total budget of $0.01 and stopped serving. To let it serve again, raise its budget here:\n\n${organizationMailLink(ORGANIZATION, `/advertiser/campaigns/${campaign.id}/edit`)}\n\nYou get this mail as a member of Northwind Outdoor who can edit its campaigns. To stop it, turn off "Mail about campaigns" under Settings → Organisation.\n\n— Marquee`,
    });
    const after = await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
    expect(after.spentMicros).toBe(5_000n);
    expect(after.budgetSpentMailedAt).toBeInstanceOf(Date);
    // The stamp is no change the active set watches: no instance rebuilds it for the mail.
    expect(after.updatedAt).toEqual(before.updatedAt);

    // Later events of the spent campaign find the stamp: no second mail.
    expect(await impression(instance(outbox), campaign.offer())).toBe("counted");
    expect(outbox).toHaveLength(MAILED.length);
  });

  it("hands a failure to its caller's log and never to the event", async () => {
    const campaign = await createCampaign({ priceMicros: 1 * USD, totalBudgetMicros: 1_000 });
    const failures: string[] = [];
    const mailer = budgetSpentMailer(
      {
        prisma,
        send: async () => {
          throw new Error("550 mailbox unavailable");
        },
      },
      (campaignId, error) => failures.push(`${campaignId}: ${(error as Error).message}`),
    );
    expect(await impression({ prisma, store: handle.store, onBudgetExhausted: mailer }, campaign.offer())).toBe("counted");
    expect(failures).toEqual([`${campaign.id}: 550 mailbox unavailable`]);
    // Nothing was sent: the claim is given back for the next late event.
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).budgetSpentMailedAt).toBeNull();
  });

  it("gives the claim back when no message was taken, so a later check mails it; one that reached anyone is not sent again", async () => {
    const campaign = await createCampaign({ priceMicros: 1 * USD, totalBudgetMicros: 1_000 });
    await prisma.campaign.update({ where: { id: campaign.id }, data: { spentMicros: 1_000n } });
    const stamp = async () => (await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).budgetSpentMailedAt;
    const refused: MailMessage[] = [];
    const refuseAll = async (messages: MailMessage[]): Promise<MailTally> => {
      refused.push(...messages);
      return { sent: 0, failed: messages.length };
    };
    expect(await mailBudgetSpent({ prisma, send: refuseAll }, campaign.id)).toEqual([]);
    expect(refused).toHaveLength(MAILED.length);
    expect(await stamp()).toBeNull();

    // The next check (a late event a minute on): one address taken, the rest refused — the claim stays.
    const partly = async (messages: MailMessage[]): Promise<MailTally> => ({ sent: 1, failed: messages.length - 1 });
    expect(await mailBudgetSpent({ prisma, send: partly }, campaign.id)).toEqual(MAILED);
    expect(await stamp()).toBeInstanceOf(Date);
    const outbox: MailMessage[] = [];
    expect(await mailBudgetSpent({ prisma, send: collectInto(outbox) }, campaign.id)).toEqual([]);
    expect(outbox).toEqual([]);
  });

  it("leaves a campaign no one can be told about unclaimed, and mails whoever confirms their address before a later check", async () => {
    await prisma.organization.create({ data: { id: "org-budget-nobody", name: "Nobody Home", kind: "ADVERTISER" } });
    await prisma.user.create({ data: { id: "budget-late", name: "Late", email: "late@nobody.example", emailVerified: false } });
    await prisma.membership.create({ data: { organizationId: "org-budget-nobody", userId: "budget-late", role: "OWNER" } });
    const campaign = await createCampaign({ priceMicros: 1 * USD, totalBudgetMicros: 1_000 });
    await prisma.campaign.update({ where: { id: campaign.id }, data: { organizationId: "org-budget-nobody", spentMicros: 1_000n } });
    const outbox: MailMessage[] = [];
    expect(await mailBudgetSpent({ prisma, send: collectInto(outbox) }, campaign.id)).toEqual([]);
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).budgetSpentMailedAt).toBeNull();

    await prisma.user.update({ where: { id: "budget-late" }, data: { emailVerified: true } });
    expect(await mailBudgetSpent({ prisma, send: collectInto(outbox) }, campaign.id)).toEqual(["late@nobody.example"]);
    expect(outbox.map((message) => message.to)).toEqual(["late@nobody.example"]);
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).budgetSpentMailedAt).toBeInstanceOf(Date);
  });

  it("mails once when racing instances all find the budget spent", async () => {
    const campaign = await createCampaign({ priceMicros: 1 * USD, totalBudgetMicros: 1_000 });
    await prisma.campaign.update({ where: { id: campaign.id }, data: { spentMicros: 1_000n } });
    const outbox: MailMessage[] = [];
    const mailed = await Promise.all(Array.from({ length: 8 }, () => mailBudgetSpent({ prisma, send: collectInto(outbox) }, campaign.id)));
    expect(mailed.filter((addresses) => addresses.length > 0)).toEqual([MAILED]);
    expect(outbox).toHaveLength(MAILED.length);
  });

  it("mails when clicks spend a CPC campaign's budget", async () => {
    // $0.50 a click; the budget pays for two.
    const campaign = await createCampaign({ pricingModel: "CPC", priceMicros: 500_000, totalBudgetMicros: 1 * USD });
    const outbox: MailMessage[] = [];
    const deps = instance(outbox);
    const first = campaign.offer();
    const second = campaign.offer();
    for (const offer of [first, second]) expect(await impression(deps, offer)).toBe("counted");
    expect(await click(deps, first)).toBe("counted");
    expect(outbox).toEqual([]);
    expect(await click(deps, second)).toBe("counted");
    expect(outbox.map((message) => message.subject)).toEqual(MAILED.map(() => `Budget spent: Spring tents ${campaign.id}`));
    expect(outbox[0]?.text).toContain("its total budget of $1.00");
  });

  it("mails no one when only the day's budget ran out: the campaign serves again tomorrow", async () => {
    const campaign = await createCampaign({ priceMicros: 1 * USD, totalBudgetMicros: 1_000 * USD, dailyBudgetMicros: 2_000 });
    const outbox: MailMessage[] = [];
    const exhausted: string[] = [];
    const deps = instance(outbox);
    const watched = { ...deps, onBudgetExhausted: async (campaignId: string) => (exhausted.push(campaignId), deps.onBudgetExhausted(campaignId)) };
    for (let i = 0; i < 4; i++) expect(await impression(watched, campaign.offer())).toBe("counted");
    expect(exhausted.length).toBeGreaterThan(0);
    expect(outbox).toEqual([]);
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).budgetSpentMailedAt).toBeNull();
  });

  it("never mails about a free campaign, nor claims the stamp for a campaign with budget left", async () => {
    const free = await createCampaign({ priceMicros: 0, totalBudgetMicros: 0 });
    const funded = await createCampaign({ priceMicros: 1 * USD, totalBudgetMicros: 1 * USD });
    const outbox: MailMessage[] = [];
    for (const campaign of [free, funded]) {
      expect(await mailBudgetSpent({ prisma, send: collectInto(outbox) }, campaign.id)).toEqual([]);
      expect((await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).budgetSpentMailedAt).toBeNull();
    }
    expect(await mailBudgetSpent({ prisma, send: collectInto(outbox) }, "no-such-campaign")).toEqual([]);
    expect(outbox).toEqual([]);
  });

  it("does not claim the stamp when the budget changed since it was read", async () => {
    const campaign = await createCampaign({ priceMicros: 1 * USD, totalBudgetMicros: 1_000 });
    await prisma.campaign.update({ where: { id: campaign.id }, data: { spentMicros: 1_000n } });
    const outbox: MailMessage[] = [];
    // The advertiser raises the budget between the read and the claim: the read sees it spent, the claim refuses.
    const racing = {
      prisma: {
        membership: prisma.membership,
        campaign: {
          findUnique: prisma.campaign.findUnique.bind(prisma.campaign),
          updateMany: async (args: Parameters<PrismaClient["campaign"]["updateMany"]>[0]) => {
            await prisma.campaign.update({ where: { id: campaign.id }, data: { totalBudgetMicros: 10n * BigInt(USD) } });
            return prisma.campaign.updateMany(args);
          },
        },
      } as unknown as PrismaClient,
      send: collectInto(outbox),
    };
    expect(await mailBudgetSpent(racing, campaign.id)).toEqual([]);
    expect(outbox).toEqual([]);
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).budgetSpentMailedAt).toBeNull();
  });
});
