// The flight-ended mail (lib/campaigns/flight-ended-mail.ts) as the daily job runs it: each
// running campaign whose flight ended in the last week is mailed once to the members who may
// edit it, with what it delivered and a link to its report over the flight; runs that overlap
// or repeat mail no one twice, and a mail no server took is tried again by the next run.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FLIGHT_ENDED_LOOKBACK_DAYS, mailEndedFlights } from "@/lib/campaigns/flight-ended-mail";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { claimCampaignMail } from "@/lib/mail/campaign-mail-claim";
import { organizationMailLink } from "@/lib/mail/links";
import type { MailMessage, MailTally } from "@/lib/mail/send-mail";
import { BOTH_DATABASES, type FreshDatabase } from "@/tests/support/databases";

const ORGANIZATION = "org-flight-mail";
const USD = 1_000_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The job's moment: 07:00 UTC on 7 Dec 2026 (02:00 in New York, the organisation's zone). */
const NOW = new Date("2026-12-07T07:00:00Z");

/** Who may edit campaigns at a confirmed address with the mail on hears; no one else. */
const PEOPLE = [
  { id: "flight-owner", email: "owner@trailhead.example", role: "OWNER", verified: true, campaignMail: true, mailed: true },
  { id: "flight-member", email: "member@trailhead.example", role: "MEMBER", verified: true, campaignMail: true, mailed: true },
  { id: "flight-viewer", email: "viewer@trailhead.example", role: "VIEWER", verified: true, campaignMail: true, mailed: false },
  { id: "flight-unconfirmed", email: "unconfirmed@trailhead.example", role: "ADMIN", verified: false, campaignMail: true, mailed: false },
  { id: "flight-mail-off", email: "off@trailhead.example", role: "ADMIN", verified: true, campaignMail: false, mailed: false },
] as const;
const MAILED = PEOPLE.filter((person) => person.mailed).map((person) => person.email);

/** A mailbox that takes every message, keeping it. */
function mailbox() {
  const messages: MailMessage[] = [];
  const send = async (batch: MailMessage[]): Promise<MailTally> => {
    messages.push(...batch);
    return { sent: batch.length, failed: 0 };
  };
  return { messages, send };
}

describe.each(BOTH_DATABASES)("the flight-ended mail on $name", ({ open }) => {
  let database: FreshDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await open();
    prisma = database.prisma;
    await prisma.organization.create({ data: { id: ORGANIZATION, name: "Trailhead Gear", kind: "ADVERTISER", timeZone: "America/New_York" } });
    for (const [index, person] of PEOPLE.entries()) {
      await prisma.user.create({ data: { id: person.id, name: person.id, email: person.email, emailVerified: person.verified } });
      await prisma.membership.create({ data: { organizationId: ORGANIZATION, userId: person.id, role: person.role, campaignMail: person.campaignMail, createdAt: new Date(Date.UTC(2026, 0, 1 + index)) } });
    }
    // An organisation with no one to tell (yet): its campaigns stay unclaimed and mail no one.
    await prisma.organization.create({ data: { id: "org-flight-nobody", name: "Nobody Home", kind: "ADVERTISER" } });
  });

  afterAll(async () => {
    await database?.close();
  });

  beforeEach(async () => {
    await prisma.hourlyStat.deleteMany();
    await prisma.campaign.deleteMany();
  });

  async function createCampaign(fields: { endsAt: Date | null; startsAt?: Date; status?: "ACTIVE" | "PAUSED" | "DRAFT" | "ARCHIVED" | "COMPLETED"; totalBudgetMicros?: number; spentMicros?: number; organizationId?: string }) {
    const id = `campaign-${randomBytes(5).toString("hex")}`;
    await prisma.campaign.create({
      data: {
        id,
        organizationId: fields.organizationId ?? ORGANIZATION,
        name: `Winter boots ${id}`,
        status: fields.status ?? "ACTIVE",
        startsAt: fields.startsAt ?? new Date("2026-11-01T04:00:00Z"),
        endsAt: fields.endsAt,
        priceMicros: BigInt(2 * USD),
        totalBudgetMicros: BigInt(fields.totalBudgetMicros ?? 500 * USD),
        spentMicros: BigInt(fields.spentMicros ?? 0),
      },
    });
    return id;
  }

  const stamp = async (id: string) => (await prisma.campaign.findUniqueOrThrow({ where: { id } })).flightEndedMailedAt;

  it("mails each member who may edit a campaign whose flight ended, once, with its totals and its report over the flight", async () => {
    // Ends at midnight New York time on 7 Dec: its last day is 6 Dec.
    const ended = await createCampaign({ endsAt: new Date("2026-12-07T05:00:00Z"), spentMicros: 468_000_000 });
    const row = (hour: string, validity: "VALID" | "BOT", impressions: number, clicks: number, placementId = "p-1") => ({
      hour: new Date(hour), campaignId: ended, creativeId: "k", placementId, validity, impressions, clicks, spendMicros: BigInt(validity === "VALID" ? impressions * 2_000 : 0),
    });
    await prisma.hourlyStat.createMany({
      data: [row("2026-11-02T15:00:00Z", "VALID", 1_000, 12), row("2026-12-06T20:00:00Z", "VALID", 234, 3, "p-2"), row("2026-12-06T20:00:00Z", "BOT", 5_000, 40)],
    });
    const before = await prisma.campaign.findUniqueOrThrow({ where: { id: ended } });
    const box = mailbox();

    expect(await mailEndedFlights({ prisma, send: box.send }, { now: NOW })).toEqual({ campaigns: 1, messages: MAILED.length, complete: true });
    expect(box.messages.map((message) => message.to)).toEqual(MAILED);
    const report = `/advertiser/reports?range=custom&from=2026-11-01&to=2026-12-06&tz=America%2FNew_York&granularity=day&campaign=${ended}`;
    expect(box.messages[0]).toEqual({
      to: "owner@trailhead.example",
      subject: `Campaign ended: Winter boots ${ended}`,
      text: `The campaign "Winter boots ${ended}" reached the end of its flight on 6 Dec 2026. It delivered 1,234 impressions and 15 clicks, and spent $468.00 of its $500.00 budget. Its report, day by day:\n\n${organizationMailLink(ORGANIZATION, report)}\n\nYou get this mail as a member of Trailhead Gear who can edit its campaigns. To stop it, turn off "Mail about campaigns" under Settings → Organisation.\n\n— Marquee`,
    });
    const after = await prisma.campaign.findUniqueOrThrow({ where: { id: ended } });
    expect(after.flightEndedMailedAt).toEqual(NOW);
    // The stamp is no change the active set watches.
    expect(after.updatedAt).toEqual(before.updatedAt);

    // The next run, and one a day later, find it mailed.
    expect(await mailEndedFlights({ prisma, send: box.send }, { now: NOW })).toEqual({ campaigns: 0, messages: 0, complete: true });
    expect(await mailEndedFlights({ prisma, send: box.send }, { now: new Date(NOW.getTime() + DAY) })).toEqual({ campaigns: 0, messages: 0, complete: true });
    expect(box.messages).toHaveLength(MAILED.length);
  });

  it("mails only running campaigns whose flight ended within the last week", async () => {
    const due = await createCampaign({ endsAt: new Date(NOW.getTime() - HOUR) });
    const justNow = await createCampaign({ endsAt: NOW });
    const notMailed = [
      await createCampaign({ endsAt: new Date(NOW.getTime() + 1) }), // not over yet
      await createCampaign({ endsAt: new Date(NOW.getTime() - FLIGHT_ENDED_LOOKBACK_DAYS * DAY) }), // ended too long ago
      await createCampaign({ endsAt: null }), // no end
      await createCampaign({ endsAt: new Date(NOW.getTime() - HOUR), status: "PAUSED" }),
      await createCampaign({ endsAt: new Date(NOW.getTime() - HOUR), status: "DRAFT" }),
      await createCampaign({ endsAt: new Date(NOW.getTime() - HOUR), status: "ARCHIVED" }),
      await createCampaign({ endsAt: new Date(NOW.getTime() - HOUR), status: "COMPLETED" }),
    ];
    const box = mailbox();
    expect(await mailEndedFlights({ prisma, send: box.send }, { now: NOW })).toEqual({ campaigns: 2, messages: 2 * MAILED.length, complete: true });
    expect(new Set(box.messages.map((message) => message.subject))).toEqual(new Set([`Campaign ended: Winter boots ${due}`, `Campaign ended: Winter boots ${justNow}`]));
    for (const id of notMailed) expect(await stamp(id), id).toBeNull();
  });

  it("says a house ad served free, counts a flight with no traffic as nothing delivered, and links a flight of over a year to its last year", async () => {
    const house = await createCampaign({ endsAt: new Date(NOW.getTime() - HOUR), totalBudgetMicros: 0, startsAt: new Date("2024-06-01T04:00:00Z") });
    const box = mailbox();
    await mailEndedFlights({ prisma, send: box.send }, { now: NOW });
    const text = box.messages[0]?.text ?? "";
    expect(text).toContain("It delivered 0 impressions and 0 clicks, and served free as a house ad.");
    // Ends 02:00 on 7 Dec in New York: its last day is 7 Dec; the daily report holds 366 days.
    expect(text).toContain(encodeURIComponent(`range=custom&from=2025-12-07&to=2026-12-07&tz=America%2FNew_York&granularity=day&campaign=${house}`));
  });

  it("mails a campaign once when runs overlap", async () => {
    const ended = await createCampaign({ endsAt: new Date(NOW.getTime() - HOUR) });
    const box = mailbox();
    const runs = await Promise.all(Array.from({ length: 6 }, () => mailEndedFlights({ prisma, send: box.send }, { now: NOW })));
    expect(runs.reduce((sum, run) => sum + run.campaigns, 0)).toBe(1);
    expect(box.messages.map((message) => message.to).sort()).toEqual([...MAILED].sort());
    expect(await stamp(ended)).toEqual(NOW);
  });

  it("gives the claim back when no message was taken, so the next run mails it; a mail that reached anyone is never sent again", async () => {
    const refused = await createCampaign({ endsAt: new Date(NOW.getTime() - HOUR) });
    const attempts: MailMessage[] = [];
    const refuseAll = async (batch: MailMessage[]): Promise<MailTally> => {
      attempts.push(...batch);
      return { sent: 0, failed: batch.length };
    };
    expect(await mailEndedFlights({ prisma, send: refuseAll }, { now: NOW })).toEqual({ campaigns: 0, messages: 0, complete: true });
    expect(attempts).toHaveLength(MAILED.length);
    expect(await stamp(refused)).toBeNull();

    // A send that throws gives it back too, and the error reaches the job.
    const failing = async (): Promise<MailTally> => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:25");
    };
    await expect(mailEndedFlights({ prisma, send: failing }, { now: NOW })).rejects.toThrow("ECONNREFUSED");
    expect(await stamp(refused)).toBeNull();

    // One address refused, one taken: the claim stays, and the next run sends nothing more.
    const halfTaken = async (batch: MailMessage[]): Promise<MailTally> => ({ sent: 1, failed: batch.length - 1 });
    expect(await mailEndedFlights({ prisma, send: halfTaken }, { now: NOW })).toEqual({ campaigns: 1, messages: 1, complete: true });
    const box = mailbox();
    expect(await mailEndedFlights({ prisma, send: box.send }, { now: NOW })).toEqual({ campaigns: 0, messages: 0, complete: true });
    expect(box.messages).toEqual([]);
    expect(await stamp(refused)).toEqual(NOW);
  });

  it("pages through every due campaign, past one no one can be told about, and stops at its time budget", async () => {
    const nobody = await createCampaign({ endsAt: new Date(NOW.getTime() - HOUR), organizationId: "org-flight-nobody" });
    const ids = await Promise.all(Array.from({ length: 5 }, () => createCampaign({ endsAt: new Date(NOW.getTime() - 2 * HOUR) })));

    const stopped = mailbox();
    expect(await mailEndedFlights({ prisma, send: stopped.send }, { now: NOW, timeBudgetMs: 0 })).toEqual({ campaigns: 0, messages: 0, complete: false });
    expect(stopped.messages).toEqual([]);

    const box = mailbox();
    expect(await mailEndedFlights({ prisma, send: box.send }, { now: NOW, batchSize: 2 })).toEqual({ campaigns: 5, messages: 5 * MAILED.length, complete: true });
    for (const id of ids) expect(await stamp(id)).toEqual(NOW);
    // No one to mail: left unclaimed, and mailed by a later run once someone can be told.
    expect(await stamp(nobody)).toBeNull();
    await prisma.user.create({ data: { id: "user-flight-late", name: "Late Joiner", email: "late@flight.test", emailVerified: true } });
    await prisma.membership.create({ data: { organizationId: "org-flight-nobody", userId: "user-flight-late", role: "OWNER" } });
    try {
      const later = mailbox();
      expect(await mailEndedFlights({ prisma, send: later.send }, { now: NOW })).toEqual({ campaigns: 1, messages: 1, complete: true });
      expect(later.messages.map((message) => message.to)).toEqual(["late@flight.test"]);
      expect(await stamp(nobody)).toEqual(NOW);
    } finally {
      await prisma.membership.deleteMany({ where: { userId: "user-flight-late" } });
      await prisma.user.delete({ where: { id: "user-flight-late" } });
    }
  });

  it("claims nothing for a campaign edited since it was read, and never writes an older updatedAt over the edit", async () => {
    const id = await createCampaign({ endsAt: new Date(NOW.getTime() - HOUR) });
    const read = await prisma.campaign.findUniqueOrThrow({ where: { id } });
    const edited = await prisma.campaign.update({ where: { id }, data: { name: "Winter boots, renamed", updatedAt: new Date(read.updatedAt.getTime() + 1_000) } });
    expect(await claimCampaignMail(prisma, "flightEndedMailedAt", read, { endsAt: read.endsAt }, NOW)).toBe(false);
    const after = await prisma.campaign.findUniqueOrThrow({ where: { id } });
    expect(after.flightEndedMailedAt).toBeNull();
    expect(after.updatedAt).toEqual(edited.updatedAt);
    // As read now, it is claimed once.
    expect(await claimCampaignMail(prisma, "flightEndedMailedAt", after, { endsAt: after.endsAt }, NOW)).toBe(true);
    expect(await claimCampaignMail(prisma, "flightEndedMailedAt", after, { endsAt: after.endsAt }, NOW)).toBe(false);
  });
});
