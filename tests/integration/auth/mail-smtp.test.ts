// Mail through SMTP_URL (nodemailer) to a real SMTP server started by the test (smtp-server),
// read back as the recipient would: the sender, the subject, the one link on MARQUEE_PUBLIC_URL;
// nothing kept in the outbox; a server that refuses the message makes sendMail throw.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { REFUSED_DOMAIN, startSmtpServer, linkIn, type TestSmtpServer } from "@/tests/support/smtp";

const PUBLIC_URL = "https://mail.example.test";
const MAIL_FROM = "Marquee Test <ads@mail.example.test>";

let smtp: TestSmtpServer;
let database: import("@/tests/support/databases").FreshDatabase;
const globalForDb = globalThis as unknown as { marqueeDb?: unknown };

beforeAll(async () => {
  smtp = await startSmtpServer();
  // Before anything reads the environment (lib/config/env.ts parses it once per process).
  vi.stubEnv("SMTP_URL", smtp.url);
  vi.stubEnv("MAIL_FROM", MAIL_FROM);
  vi.stubEnv("MARQUEE_PUBLIC_URL", PUBLIC_URL);
  for (const name of ["REDIS_URL", "REDIS_HOST", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_URL", "KV_REST_API_TOKEN"]) vi.stubEnv(name, "");
  const { freshPglite } = await import("@/tests/support/databases");
  database = await freshPglite();
  globalForDb.marqueeDb = database;
});
afterAll(async () => {
  globalForDb.marqueeDb = undefined;
  await database?.close();
  await smtp?.stop();
  vi.unstubAllEnvs();
});

describe("mail through SMTP_URL", () => {
  it("delivers a message with MAIL_FROM, its subject and text, and keeps nothing in the outbox", async () => {
    const { sendMail } = await import("@/lib/mail/send-mail");
    const delivery = await sendMail({ to: "ann@example.test", subject: "Hello", text: `One link: ${PUBLIC_URL}/x` });
    expect(delivery.via).toBe("smtp");
    const mail = await smtp.waitForMail((received) => received.to.includes("ann@example.test"));
    expect(mail).toMatchObject({ from: "ads@mail.example.test", headerFrom: '"Marquee Test" <ads@mail.example.test>', subject: "Hello", text: `One link: ${PUBLIC_URL}/x` });
    expect(await database.prisma.outboxMail.count()).toBe(0);
  });

  it("sends the sign-up's verification mail, its link on MARQUEE_PUBLIC_URL even when the request named another host", async () => {
    const { createAccountWithOrganization } = await import("@/lib/auth/create-account");
    const email = "smtp-signup@example.test";
    const outcome = await createAccountWithOrganization(
      { name: "Sam Smtp", email, password: "violet anchor prairie 47", organizationName: "Smtp Org", kind: "PUBLISHER" },
      new Headers({ host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-for": "203.0.113.7" }),
    );
    expect(outcome.created).toBe(true);
    const mail = await smtp.waitForMail((received) => received.to.includes(email));
    expect(mail.subject).toBe("Confirm your e-mail address");
    expect(linkIn(mail.text).startsWith(`${PUBLIC_URL}/api/auth/verify-email?token=`)).toBe(true);
    expect(await database.prisma.outboxMail.count()).toBe(0);
  });

  it("throws when the server refuses the message, and tells the operator why in one error line (no secret in it)", async () => {
    const { sendMail } = await import("@/lib/mail/send-mail");
    const { log } = await import("@/lib/log/logger");
    const logged = vi.spyOn(log(), "error").mockImplementation(() => {});
    try {
      const to = `nobody@${REFUSED_DOMAIN}`;
      await expect(sendMail({ to, subject: "Refused", text: "x" })).rejects.toThrow(/No such mailbox/);
      expect(logged).toHaveBeenCalledTimes(1);
      const [fields, message] = logged.mock.calls[0] as unknown as [Record<string, unknown>, string];
      expect(message).toBe("Mail could not be sent");
      expect(fields).toMatchObject({ outcome: "mail_failed", to, subject: "Refused" });
      expect(String(fields.error)).toMatch(/No such mailbox/);
      expect(await database.prisma.outboxMail.count()).toBe(0);
    } finally {
      logged.mockRestore();
    }
  });

  it("sends each message of a batch on its own: a refused address stops none of the others, and the tally says so", async () => {
    const { sendEach } = await import("@/lib/mail/send-mail");
    const { log } = await import("@/lib/log/logger");
    const logged = vi.spyOn(log(), "error").mockImplementation(() => {});
    try {
      const batch = ["first@example.test", `second@${REFUSED_DOMAIN}`, "third@example.test"].map((to) => ({ to, subject: "Batch", text: "x" }));
      expect(await sendEach(batch)).toEqual({ sent: 2, failed: 1 });
      for (const to of ["first@example.test", "third@example.test"]) await smtp.waitForMail((received) => received.to.includes(to) && received.subject === "Batch");
      expect(logged).toHaveBeenCalledTimes(1);
      expect(await sendEach([{ to: `only@${REFUSED_DOMAIN}`, subject: "Batch", text: "x" }])).toEqual({ sent: 0, failed: 1 });
    } finally {
      logged.mockRestore();
    }
  });
});
