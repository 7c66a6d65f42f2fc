import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/config/env";
import { prisma } from "@/lib/db";
import { log } from "@/lib/log/logger";
import { describeError } from "@/lib/log/throttled-log";

// The one way mail leaves Marquee: plain text, one recipient, through SMTP_URL when it is
// configured; otherwise into the outbox table, which operators read at /admin/outbox (the
// embedded default has no mail server, and local use must still be able to follow a link).

export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text: short, with one link. */
  text: string;
}

export type MailDelivery = { via: "smtp"; messageId: string } | { via: "outbox"; id: string };

const globalForMail = globalThis as unknown as { marqueeMailTransport?: { url: string; transport: Transporter } };

function transportFor(url: string): Transporter {
  const cached = globalForMail.marqueeMailTransport;
  if (cached?.url === url) return cached.transport;
  const transport = nodemailer.createTransport(url);
  globalForMail.marqueeMailTransport = { url, transport };
  return transport;
}

/**
 * Sends one message. With SMTP it resolves when the server accepted it and throws when it
 * refused (the caller decides whether a person is told); without SMTP the message is kept.
 */
export async function sendMail(message: MailMessage): Promise<MailDelivery> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (SMTP_URL) {
    try {
      const info = (await transportFor(SMTP_URL).sendMail({ from: MAIL_FROM, to: message.to, subject: message.subject, text: message.text })) as { messageId: string };
      return { via: "smtp", messageId: info.messageId };
    } catch (error) {
      // The caller decides what the person sees; the operator learns why here.
      log().error({ outcome: "mail_failed", subject: message.subject, to: message.to, error: describeError(error) }, "Mail could not be sent");
      throw error;
    }
  }
  const kept = await prisma.outboxMail.create({ data: message, select: { id: true } });
  log().info({ outcome: "outbox", subject: message.subject, to: message.to }, "Mail kept in the outbox (/admin/outbox): SMTP_URL is not set");
  return { via: "outbox", id: kept.id };
}

/** How many of a batch the mail server (or the outbox) took, and how many it refused. */
export interface MailTally {
  sent: number;
  failed: number;
}

/**
 * Sends each message on its own: one refused address stops none of the others (each refusal
 * is logged by sendMail). A notice whose every message failed can be tried again; one that
 * reached anyone must not be, or they would get it twice.
 */
export async function sendEach(messages: MailMessage[]): Promise<MailTally> {
  const results = await Promise.allSettled(messages.map((message) => sendMail(message)));
  const sent = results.filter((result) => result.status === "fulfilled").length;
  return { sent, failed: results.length - sent };
}
