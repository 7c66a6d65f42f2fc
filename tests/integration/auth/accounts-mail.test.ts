// The account flows that go through mail, on PGlite and PostgreSQL, with the mail kept in the
// outbox (SMTP_URL unset, the embedded default; tests/integration/auth/mail-smtp.test.ts sends
// through a real SMTP server): sign-up answers alike for new and existing addresses; a reset
// link works once, expires, refuses a weak password and ends every session; the verification
// link turns the serving gate on; every link is on MARQUEE_PUBLIC_URL whatever Host a request named.
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

// Before anything reads the environment (lib/config/env.ts parses it once per process).
const PUBLIC_URL = "https://ads.example.test";
vi.stubEnv("MARQUEE_PUBLIC_URL", PUBLIC_URL);
vi.stubEnv("SMTP_URL", "");
for (const name of ["REDIS_URL", "REDIS_HOST", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_URL", "KV_REST_API_TOKEN"]) vi.stubEnv(name, "");

import { loadActiveSet } from "@/lib/ads/load-active-set";
import { auth } from "@/lib/auth/auth";
import { createAccountWithOrganization } from "@/lib/auth/create-account";
import { organizationIsVerified } from "@/lib/auth/organization-verified";
import { resetLinkIsLive } from "@/lib/auth/reset-link";
import { activeCampaigns } from "@/lib/cache";
import type { DatabaseHandle } from "@/lib/db/create-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log/logger";
import { listOutbox } from "@/lib/mail/list-outbox";
import { sendMail } from "@/lib/mail/send-mail";
import { seedDemoData } from "@/prisma/seed";
import { BOTH_DATABASES, type FreshDatabase } from "@/tests/support/databases";
import { waitFor } from "@/tests/support/services";
import { linkIn } from "@/tests/support/smtp";

const globalForDb = globalThis as unknown as { marqueeDb?: DatabaseHandle };

const databases = BOTH_DATABASES;

const STRONG = "violet anchor prairie 47";
const NEWER = "copper lantern orbit 93";

/** A fresh client address per call: the account rules limit sign-ups and mails per address. */
let client = 0;
function from(extra: Record<string, string> = {}): Headers {
  client += 1;
  return new Headers({ "x-forwarded-for": `198.51.100.${client % 250}`, ...extra });
}

const unique = (label: string) => `${label}-${randomBytes(4).toString("hex")}@example.test`;

afterEach(() => {
  vi.useRealTimers();
});

describe.each(databases)("accounts and mail on $name", ({ open }) => {
  let database: FreshDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await open();
    prisma = database.prisma;
    // The process's client (lib/db) is this database: better-auth and the app's queries use it.
    globalForDb.marqueeDb = database;
    await seedDemoData(prisma);
  });
  afterAll(async () => {
    globalForDb.marqueeDb = undefined;
    await database?.close();
  });

  /** The mail to `to` with this subject, once better-auth's background send has kept it. */
  const mailTo = (to: string, subject: string) =>
    waitFor(async () => (await prisma.outboxMail.findMany({ where: { to, subject } })).at(-1), { timeout: 15_000, interval: 50, description: `"${subject}" to ${to} in the outbox` });

  const signUp = (email: string, overrides: Partial<{ password: string; organizationName: string; kind: "ADVERTISER" | "PUBLISHER" }> = {}, headers = from()) =>
    createAccountWithOrganization({ name: "Nora New", email, password: STRONG, organizationName: `Org of ${email}`, kind: "ADVERTISER", ...overrides }, headers);

  const verificationRoute = async (link: string, headers: Record<string, string> = {}) => {
    const { GET } = await import("@/app/api/auth/[...all]/route");
    const url = new URL(link);
    return GET(new Request(`http://localhost:3000${url.pathname}${url.search}`, { headers }));
  };

  describe("sign-up", () => {
    it("creates the account and its organisation, not signed in and unverified, and mails a verification link on MARQUEE_PUBLIC_URL", async () => {
      const email = unique("new");
      const outcome = await signUp(email, {}, from({ host: "evil.example", "x-forwarded-host": "evil.example" }));
      expect(outcome).toMatchObject({ created: true });
      const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { memberships: { include: { organization: true } }, sessions: true } });
      expect(user.emailVerified).toBe(false);
      expect(user.sessions).toEqual([]);
      expect(user.memberships.map((membership) => [membership.role, membership.organization.name, membership.organization.kind])).toEqual([["OWNER", `Org of ${email}`, "ADVERTISER"]]);
      const mail = await mailTo(email, "Confirm your e-mail address");
      expect(linkIn(mail.text)).toMatch(new RegExp(`^${PUBLIC_URL}/api/auth/verify-email\\?token=[^&\\s]+&callbackURL=%2Femail-verified$`));
      expect(mail.text).not.toContain("evil.example");
    });

    it("creates nothing for an address that has an account, and mails its owner instead (with a reset link)", async () => {
      const [users, organizations] = await Promise.all([prisma.user.count(), prisma.organization.count()]);
      const outcome = await signUp("advertiser@marquee.local", { organizationName: "Impostor Inc" }, from({ host: "evil.example" }));
      expect(outcome).toEqual({ created: false });
      expect(await prisma.user.count()).toBe(users);
      expect(await prisma.organization.count()).toBe(organizations);
      expect(await prisma.organization.count({ where: { name: "Impostor Inc" } })).toBe(0);
      const mail = await mailTo("advertiser@marquee.local", "You already have a Marquee account");
      expect(linkIn(mail.text)).toBe(`${PUBLIC_URL}/forgot-password`);
      expect(await prisma.outboxMail.count({ where: { to: "advertiser@marquee.local", subject: "Confirm your e-mail address" } })).toBe(0);
    });

    it("refuses a guessable password next to the password field, creating nothing", async () => {
      const email = unique("weak");
      for (const password of ["aaaaaaaaaa", "password12", "1234567890"]) {
        await expect(signUp(email, { password })).rejects.toMatchObject({
          name: "AppError",
          code: "unprocessable_entity",
          details: { field: "password" },
          message: expect.stringMatching(/^Choose a stronger password\./),
        });
      }
      expect(await prisma.user.count({ where: { email } })).toBe(0);
    });

    it("lets an unverified user sign in with the right password", async () => {
      const email = unique("early");
      await signUp(email);
      const result = await auth().api.signInEmail({ body: { email, password: STRONG }, headers: from() });
      expect(result.user.emailVerified).toBe(false);
      expect(result.token).toEqual(expect.any(String));
    });
  });

  describe("e-mail verification and the serving gate", () => {
    it("keeps an unverified advertiser's active campaign and an unverified publisher's placement out of the active set until the link is followed", async () => {
      const advertiser = unique("adv");
      const publisher = unique("pub");
      await signUp(advertiser, { kind: "ADVERTISER" });
      await signUp(publisher, { kind: "PUBLISHER" });
      const advertiserOrg = (await prisma.membership.findFirstOrThrow({ where: { user: { email: advertiser } } })).organizationId;
      const publisherOrg = (await prisma.membership.findFirstOrThrow({ where: { user: { email: publisher } } })).organizationId;
      const campaignId = `gate-${advertiserOrg}`;
      await prisma.campaign.create({
        data: {
          id: campaignId,
          organizationId: advertiserOrg,
          name: "Gated",
          status: "ACTIVE",
          startsAt: new Date("2026-01-01T00:00:00Z"),
          priceMicros: 1_000_000n,
          totalBudgetMicros: 100_000_000n,
          creatives: { create: { name: "Gated text", kind: "TEXT", width: 300, height: 250, headline: "Gated", landingUrl: "https://gated.example/", reviewStatus: "APPROVED" } },
        },
      });
      const placementId = `gate-${publisherOrg}`;
      await prisma.site.create({ data: { organizationId: publisherOrg, name: "Gated site", domain: `${publisherOrg}.example`, placements: { create: { id: placementId, name: "Gated slot", width: 300, height: 250 } } } });

      const served = async () => {
        const set = await loadActiveSet(prisma);
        return { campaign: set.campaigns.some((entry) => entry.id === campaignId), placement: set.placements.some((entry) => entry.id === placementId) };
      };
      expect(await served()).toEqual({ campaign: false, placement: false });
      expect(await organizationIsVerified(advertiserOrg, { prisma })).toBe(false);
      // The demo organisations (owners verified by the seed) serve as before.
      expect((await loadActiveSet(prisma)).campaigns.map((entry) => entry.id)).toContain("demo-campaign-spring");

      const invalidations = activeCampaigns().stats().invalidations;
      const response = await verificationRoute(linkIn((await mailTo(advertiser, "Confirm your e-mail address")).text), { host: "evil.example", "x-forwarded-host": "evil.example" });
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/email-verified");
      // It confirms without signing in: a session from the mail alone would skip a second factor.
      expect(response.headers.get("set-cookie") ?? "").not.toMatch(/session_token=/);
      expect((await prisma.user.findUniqueOrThrow({ where: { email: advertiser } })).emailVerified).toBe(true);
      expect(activeCampaigns().stats().invalidations).toBe(invalidations + 1);
      expect(await served()).toEqual({ campaign: true, placement: false });

      await verificationRoute(linkIn((await mailTo(publisher, "Confirm your e-mail address")).text));
      expect(await served()).toEqual({ campaign: true, placement: true });
    });

    it("sends a garbled link to the explaining page with invalid_token, and changes nothing", async () => {
      const email = unique("garbled");
      await signUp(email);
      const link = linkIn((await mailTo(email, "Confirm your e-mail address")).text);
      const invalidations = activeCampaigns().stats().invalidations;
      const response = await verificationRoute(link.replace(/token=([^&]+)/, (_, token: string) => `token=${token.slice(0, -4)}AAAA`));
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/email-verified?error=INVALID_TOKEN");
      expect(response.headers.get("set-cookie") ?? "").not.toMatch(/session_token=[^;]/);
      expect((await prisma.user.findUniqueOrThrow({ where: { email } })).emailVerified).toBe(false);
      expect(activeCampaigns().stats().invalidations).toBe(invalidations);
    });

    it("refuses a link older than 24 hours with token_expired", async () => {
      const email = unique("late");
      await signUp(email);
      const link = linkIn((await mailTo(email, "Confirm your e-mail address")).text);
      vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 24 * 60 * 60 * 1000 + 60_000 });
      const response = await verificationRoute(link);
      expect(response.headers.get("location")).toBe("/email-verified?error=TOKEN_EXPIRED");
      vi.useRealTimers();
      expect((await prisma.user.findUniqueOrThrow({ where: { email } })).emailVerified).toBe(false);
    });
  });

  describe("password reset", () => {
    const requestReset = (email: string, headers = from()) => auth().api.requestPasswordReset({ body: { email, redirectTo: "/reset-password" }, headers });
    const resetToken = async (email: string) => {
      const link = new URL(linkIn((await mailTo(email, "Reset your password")).text));
      expect(`${link.origin}${link.pathname}`).toBe(`${PUBLIC_URL}/reset-password`);
      return link.searchParams.get("token")!;
    };

    it("answers the same for an address without an account, and mails nobody", async () => {
      const before = await prisma.outboxMail.count();
      const unknown = await requestReset(unique("nobody"));
      const known = await requestReset("publisher@marquee.local");
      expect(unknown).toEqual(known);
      await mailTo("publisher@marquee.local", "Reset your password");
      expect(await prisma.outboxMail.count()).toBe(before + 1);
    });

    it("puts the link on MARQUEE_PUBLIC_URL whatever Host or X-Forwarded-Host the request named", async () => {
      const email = unique("forged");
      await signUp(email);
      await requestReset(email, from({ host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http", origin: "https://evil.example" }));
      const mail = await mailTo(email, "Reset your password");
      expect(mail.text).not.toContain("evil");
      await resetToken(email);
    });

    it("refuses a weak new password (the link still works), then sets a strong one, ends every session, and works only once", async () => {
      const email = unique("reset");
      await signUp(email);
      await auth().api.signInEmail({ body: { email, password: STRONG }, headers: from() });
      await auth().api.signInEmail({ body: { email, password: STRONG }, headers: from() });
      const userId = (await prisma.user.findUniqueOrThrow({ where: { email } })).id;
      expect(await prisma.session.count({ where: { userId } })).toBe(2);

      await requestReset(email);
      const token = await resetToken(email);
      expect(await resetLinkIsLive(token)).toBe(true);
      await expect(auth().api.resetPassword({ body: { token, newPassword: "password12" }, headers: from() })).rejects.toMatchObject({ body: { code: "WEAK_PASSWORD" } });
      expect(await resetLinkIsLive(token)).toBe(true);

      await auth().api.resetPassword({ body: { token, newPassword: NEWER }, headers: from() });
      expect(await prisma.session.count({ where: { userId } })).toBe(0);
      expect(await resetLinkIsLive(token)).toBe(false);
      await expect(auth().api.resetPassword({ body: { token, newPassword: "another lantern orbit 12" }, headers: from() })).rejects.toMatchObject({ body: { code: "INVALID_TOKEN" } });

      await expect(auth().api.signInEmail({ body: { email, password: STRONG }, headers: from() })).rejects.toMatchObject({ status: "UNAUTHORIZED" });
      expect((await auth().api.signInEmail({ body: { email, password: NEWER }, headers: from() })).user.email).toBe(email);
    });

    it("refuses a link older than one hour", async () => {
      const email = unique("stale");
      await signUp(email);
      await requestReset(email);
      const token = await resetToken(email);
      vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61 * 60 * 1000 });
      expect(await resetLinkIsLive(token)).toBe(false);
      await expect(auth().api.resetPassword({ body: { token, newPassword: NEWER }, headers: from() })).rejects.toMatchObject({ body: { code: "INVALID_TOKEN" } });
    });
  });

  describe("the outbox (no SMTP_URL)", () => {
    it("keeps a mail with a log line naming the outbox, listed newest first for operators", async () => {
      const logged = vi.spyOn(log(), "info").mockImplementation(() => {});
      try {
        const to = unique("outbox");
        const first = await sendMail({ to, subject: "First", text: "one" });
        const second = await sendMail({ to, subject: "Second", text: `two ${PUBLIC_URL}/x` });
        expect(first.via).toBe("outbox");
        expect(logged).toHaveBeenCalledWith({ outcome: "outbox", subject: "Second", to }, "Mail kept in the outbox (/admin/outbox): SMTP_URL is not set");
        const listed = (await listOutbox({ prisma })).filter((mail) => mail.to === to);
        expect(listed.map((mail) => [mail.id, mail.subject, mail.text])).toEqual([
          [second.via === "outbox" ? second.id : "", "Second", `two ${PUBLIC_URL}/x`],
          [first.via === "outbox" ? first.id : "", "First", "one"],
        ]);
      } finally {
        logged.mockRestore();
      }
    });
  });
});
