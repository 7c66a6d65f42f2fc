// A member's own "Mail about campaigns" (lib/organizations/campaign-mail.ts), on PGlite and
// Postgres: on by default, theirs alone, and what lib/mail/recipients.ts reads.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignMailSetting, setCampaignMail } from "@/lib/organizations/campaign-mail";
import { campaignEditorAddresses } from "@/lib/mail/recipients";
import { campaignMailSchema } from "@/lib/zod/schemas/organizations";
import { BOTH_DATABASES, type FreshDatabase } from "@/tests/support/databases";

describe.each(BOTH_DATABASES)("mail about campaigns on $name", ({ open }) => {
  let database: FreshDatabase;

  beforeAll(async () => {
    database = await open();
    const { prisma } = database;
    for (const organizationId of ["org-mail-a", "org-mail-b"]) await prisma.organization.create({ data: { id: organizationId, name: organizationId, kind: "ADVERTISER" } });
    for (const id of ["mail-ada", "mail-bo"]) await prisma.user.create({ data: { id, name: id, email: `${id}@example.test`, emailVerified: true } });
    await prisma.membership.createMany({
      data: [
        { organizationId: "org-mail-a", userId: "mail-ada", role: "OWNER" },
        { organizationId: "org-mail-a", userId: "mail-bo", role: "MEMBER" },
        { organizationId: "org-mail-b", userId: "mail-ada", role: "ADMIN" },
      ],
    });
  });

  afterAll(async () => {
    await database?.close();
  });

  it("is on until a member turns it off, for themselves in that organisation only", async () => {
    const deps = { prisma: database.prisma };
    const ada = { organizationId: "org-mail-a", userId: "mail-ada" };
    expect(await campaignMailSetting(ada, deps)).toBe(true);
    expect(await campaignEditorAddresses(database.prisma, "org-mail-a")).toEqual(["mail-ada@example.test", "mail-bo@example.test"]);

    await setCampaignMail(ada, campaignMailSchema.parse({ campaignMail: "off" }).campaignMail, deps);
    expect(await campaignMailSetting(ada, deps)).toBe(false);
    expect(await campaignEditorAddresses(database.prisma, "org-mail-a")).toEqual(["mail-bo@example.test"]);
    // Her other organisation, and the other member, are untouched.
    expect(await campaignMailSetting({ organizationId: "org-mail-b", userId: "mail-ada" }, deps)).toBe(true);
    expect(await campaignMailSetting({ organizationId: "org-mail-a", userId: "mail-bo" }, deps)).toBe(true);

    await setCampaignMail(ada, true, deps);
    expect(await campaignEditorAddresses(database.prisma, "org-mail-a")).toEqual(["mail-ada@example.test", "mail-bo@example.test"]);
    // Someone not in the organisation has no such setting, and setting it creates nothing.
    await setCampaignMail({ organizationId: "org-mail-b", userId: "mail-bo" }, true, deps);
    expect(await campaignMailSetting({ organizationId: "org-mail-b", userId: "mail-bo" }, deps)).toBe(false);
    expect(await database.prisma.membership.count({ where: { userId: "mail-bo" } })).toBe(1);
  });

  it("refuses anything but on or off from the form", () => {
    expect(campaignMailSchema.safeParse({ campaignMail: "yes" }).success).toBe(false);
    expect(campaignMailSchema.safeParse({}).error?.issues[0]?.message).toBe("Choose whether to get mail about campaigns.");
  });
});
