import { createHmac, timingSafeEqual } from "node:crypto";

/** Where the first operator account is made (app/(auth)/setup). */
export const SETUP_PATH = "/setup";

/**
 * The setup link's token: derived from MARQUEE_SECRET with a label of its own, so every
 * instance of a deployment (each serverless cold start, `npm run setup-link`) names the same
 * link without storing anything, and nobody without the secret can make it. It is single-use
 * because the setup page takes it only while no operator exists (set-up-first-operator.ts).
 */
export function operatorSetupToken(secret: string): string {
  return createHmac("sha256", secret).update("marquee first-operator setup link").digest("base64url");
}

/** Whether `token` is this deployment's setup token (compared in constant time). */
export function isOperatorSetupToken(token: string, secret: string): boolean {
  const expected = Buffer.from(operatorSetupToken(secret));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The whole link on `origin` (MARQUEE_PUBLIC_URL, or the server's own address). */
export function operatorSetupLink(origin: string, secret: string): string {
  return `${origin}${SETUP_PATH}?token=${operatorSetupToken(secret)}`;
}
