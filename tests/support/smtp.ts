// A real SMTP server for tests (smtp-server) on a free loopback port: every message it accepts
// is parsed (mailparser) and kept, so a test reads the mail Marquee sent as a person's inbox would.
//
//   const smtp = await startSmtpServer();
//   process.env.SMTP_URL = smtp.url;               // or an app instance's env
//   const mail = await smtp.waitForMail((mail) => mail.to === "ann@example.com");
//   const link = linkIn(mail.text);
//   await smtp.stop();
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { waitFor } from "./services";

export interface ReceivedMail {
  /** The envelope's recipients, as the client sent RCPT TO. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  /** The header From as written (e.g. `Marquee <no-reply@…>`). */
  headerFrom: string;
}

export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port> — nodemailer's syntax, as SMTP_URL takes it. */
  url: string;
  port: number;
  /** Every mail received so far, oldest first. */
  mails: ReceivedMail[];
  /** The first mail (received before or after the call) that `match` accepts. */
  waitForMail(match: (mail: ReceivedMail) => boolean, options?: { timeout?: number }): Promise<ReceivedMail>;
  stop(): Promise<void>;
}

/** Recipients in this domain are refused by the test server (550). */
export const REFUSED_DOMAIN = "refused.example.test";

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    // Plain SMTP on loopback, no login: what a local relay or Mailpit offers.
    secure: false,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    // A mailbox the server will not take (550), like a relay refusing a recipient.
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase().endsWith(`@${REFUSED_DOMAIN}`)) {
        callback(Object.assign(new Error("5.1.1 No such mailbox here"), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      // smtp-server's API is callback-style: the chain ends by calling `callback`, either way.
      // eslint-disable-next-line no-restricted-syntax
      simpleParser(stream)
        .then((parsed) => {
          mails.push({
            to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            subject: parsed.subject ?? "",
            text: (parsed.text ?? "").trimEnd(),
            headerFrom: parsed.from?.text ?? "",
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.server.address();
      if (typeof address === "object" && address) resolve(address.port);
      else reject(new Error("the SMTP server has no port"));
    });
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    waitForMail: (match, { timeout = 15_000 } = {}) =>
      waitFor(async () => mails.find(match), { timeout, interval: 50, description: "a matching mail on the test SMTP server" }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The one link of a Marquee mail (lib/mail/messages.ts: one link each). */
export function linkIn(text: string): string {
  const links = text.match(/https?:\/\/\S+/g) ?? [];
  if (links.length !== 1) throw new Error(`expected one link in the mail, found ${links.length}:\n${text}`);
  return links[0]!;
}
