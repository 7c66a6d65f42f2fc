// GET /api/cron/campaign-mail as Vercel Cron calls it, through a real SMTP server the test starts
// (smtp-server): the bearer secret, and the flight-ended mail as the advertiser receives it —
// once, however often the job runs; a mail the server refused is sent by the next run.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { FreshDatabase } from "@/tests/support/databases";
import { linkIn, REFUSED_DOMAIN, startSmtpServer, type TestSmtpServer } from "@/tests/support/smtp";

const SECRET = "cron-secret-for-the-tests-0123456789";
const PUBLIC_URL = "https://ads.example.test";
const HOUR = 3_600_000;

let smtp: TestSmtpServer;
let database: FreshDatabase;
const globalForDb = globalThis as unknown as { marqueeDb?: unknown };

beforeAll(async () => {
  smtp = await startSmtpServer();
  vi.stubEnv("SMTP_URL", smtp.url);
  vi.stubEnv("MARQUEE_PUBLIC_URL", PUBLIC_URL);
  for (const name of ["REDIS_URL", "REDIS_HOST", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_URL", "KV_REST_API_TOKEN"]) vi.stubEnv(name, "");
  const { freshPglite } = await import("@/tests/support/databases");
  database = await freshPglite();
  globalForDb.marqueeDb = database;
  const { prisma } = database;
  for (const [organization, email] of [["org-cron-trailhead", "ann@trailhead.example.test"], ["org-cron-refused", `bob@${REFUSED_DOMAIN}`]] as const) {
    await prisma.organization.create({ data: { id: organization, name: `Org ${organization}`, kind: "ADVERTISER" } });
    await prisma.user.create({ data: { id: `user-${organization}`, name: email, email, emailVerified: true } });
    await prisma.membership.create({ data: { organizationId: organization, userId: `user-${organization}`, role: "OWNER" } });
    await prisma.campaign.create({
      data: {
        id: `campaign-${organization}`,
        organizationId: organization,
        name: `Ended in ${organization}`,
        status: "ACTIVE",
        startsAt: new Date(Date.now() - 10 * 24 * HOUR),
        endsAt: new Date(Date.now() - HOUR),
        priceMicros: 2_000_000n,
        totalBudgetMicros: 100_000_000n,
      },
    });
  }
});

afterAll(async () => {
  globalForDb.marqueeDb = undefined;
  await database?.close();
  await smtp?.stop();
  vi.unstubAllEnvs();
});

/** The route as a fresh server instance loads it, with CRON_SECRET set or not. */
async function call(secret: string | undefined, authorization?: string) {
  vi.resetModules();
  vi.stubEnv("CRON_SECRET", secret ?? "");
  const { GET } = await import("@/app/api/cron/campaign-mail/route");
  return GET(new Request("http://localhost/api/cron/campaign-mail", { headers: authorization === undefined ? undefined : { Authorization: authorization } }));
}

const stamp = async (organization: string) => (await database.prisma.campaign.findUniqueOrThrow({ where: { id: `campaign-${organization}` } })).flightEndedMailedAt;

describe("GET /api/cron/campaign-mail", () => {
  it("answers 503 when CRON_SECRET is not configured, and 401 without the secret, mailing no one", async () => {
    const off = await call(undefined, `Bearer ${SECRET}`);
    expect(off.status).toBe(503);
    expect(await off.json()).toEqual({ error: { code: "unavailable", message: "CRON_SECRET is not configured: set it (16 or more random characters) to enable scheduled jobs." } });
    const wrong = await call(SECRET, "Bearer not-the-cron-secret-at-all");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("WWW-Authenticate")).toBe("Bearer");
    expect(await wrong.json()).toEqual({ error: { code: "unauthorized", message: "Missing or wrong cron secret." } });
    expect(smtp.mails).toEqual([]);
    expect(await stamp("org-cron-trailhead")).toBeNull();
  });

  it("with the secret, mails each ended flight once; one the server refused is sent by a later run", async () => {
    const first = await call(SECRET, `Bearer ${SECRET}`);
    expect(first.status).toBe(200);
    expect(first.headers.get("Cache-Control")).toBe("no-store");
    expect(await first.json()).toEqual({ flightsEnded: { campaigns: 1, messages: 1 }, complete: true });
    const mail = await smtp.waitForMail((received) => received.to.includes("ann@trailhead.example.test"));
    expect(mail.subject).toBe("Campaign ended: Ended in org-cron-trailhead");
    expect(mail.text).toContain('The campaign "Ended in org-cron-trailhead" reached the end of its flight on');
    expect(mail.text).toContain("It delivered 0 impressions and 0 clicks, and spent $0.00 of its $100.00 budget.");
    // The one link opens the campaign's report in its organisation, on the public origin.
    const link = new URL(linkIn(mail.text));
    expect(link.origin).toBe(PUBLIC_URL);
    expect(link.pathname).toBe("/switch");
    expect(link.searchParams.get("organization")).toBe("org-cron-trailhead");
    expect(link.searchParams.get("next")).toMatch(/^\/advertiser\/reports\?range=custom&from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d&tz=UTC&granularity=day&campaign=campaign-org-cron-trailhead$/);
    // The refused address: nothing sent, so nothing claimed.
    expect(await stamp("org-cron-refused")).toBeNull();
    expect(await database.prisma.outboxMail.count()).toBe(0);

    // The next run: the mailed flight is not mailed again; the owner's address, now corrected, gets the other.
    await database.prisma.user.update({ where: { id: "user-org-cron-refused" }, data: { email: "bob@refused-no-more.example.test" } });
    const second = await call(SECRET, `Bearer ${SECRET}`);
    expect(await second.json()).toEqual({ flightsEnded: { campaigns: 1, messages: 1 }, complete: true });
    await smtp.waitForMail((received) => received.to.includes("bob@refused-no-more.example.test"));
    expect(await stamp("org-cron-refused")).toBeInstanceOf(Date);

    const third = await call(SECRET, `Bearer ${SECRET}`);
    expect(await third.json()).toEqual({ flightsEnded: { campaigns: 0, messages: 0 }, complete: true });
    // Each run is recorded for the operators' health page.
    expect(await database.prisma.scheduledJob.findUniqueOrThrow({ where: { name: "campaign-mail" } })).toMatchObject({ lastSummary: "mailed the end of 0 campaigns (0 messages)", lastFailureAt: null });
    expect(smtp.mails.map((received) => received.subject).sort()).toEqual(["Campaign ended: Ended in org-cron-refused", "Campaign ended: Ended in org-cron-trailhead"]);
  });
});
