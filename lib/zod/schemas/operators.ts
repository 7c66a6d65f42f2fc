import { z } from "zod";
import { accountSchema, emailSchema } from "./auth";

// Operators: the platform role "admin" of an account (not a role in an organisation). The first
// is made through the setup link (lib/admin/set-up-first-operator.ts), the others by operators.

export const operatorMessages = {
  setupLinkInvalid: "This setup link is not valid. Run `npm run setup-link` on the server for the right one.",
  setupDone: "The first operator account exists already: this setup link no longer works. Sign in, or ask an operator to make you one.",
  setupAddressTaken: "This e-mail address already has an account. Use another address for the operator account: an operator can make the existing account an operator later.",
  accountNotFound: "No account has this e-mail address. The person signs up first; then make them an operator.",
  alreadyOperator: "This account is an operator already.",
  operatorNotFound: "That account is not an operator. Nothing was changed.",
  lastOperator: "Marquee needs at least one operator: make another account an operator first.",
  notOperator: "Only an operator can do this.",
} as const;

/** The setup link's token as the page hands it on (base64url of an HMAC-SHA256: 43 characters). */
export const setupTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, operatorMessages.setupLinkInvalid);

/** The first operator's account, as the setup page asks for it, and the link's token. */
export const firstOperatorSchema = accountSchema.extend({ token: setupTokenSchema });

export const grantOperatorSchema = z.object({ email: emailSchema });

export const revokeOperatorSchema = z.object({ userId: z.string({ error: operatorMessages.operatorNotFound }).trim().min(1, operatorMessages.operatorNotFound).max(64, operatorMessages.operatorNotFound) });
