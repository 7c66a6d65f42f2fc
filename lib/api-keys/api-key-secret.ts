import { createHash, randomBytes } from "node:crypto";

// An API key is `mq_live_` + 32 random bytes in base64url (43 characters). Only its SHA-256
// is stored: a leaked database does not leak working keys. 256 random bits need no slow
// hash (there is nothing to guess), and a fast one keeps the lookup per request cheap.

export const API_KEY_PREFIX = "mq_live_";
const SECRET_BYTES = 32;
/** Characters of the key kept in clear to tell keys apart in the UI ("mq_live_AbCd"). */
export const API_KEY_VISIBLE_LENGTH = 12;

const API_KEY_PATTERN = /^mq_live_[A-Za-z0-9_-]{43}$/;

export interface GeneratedApiKey {
  /** The whole key: shown to its owner once, never stored. */
  key: string;
  prefix: string;
  hashedKey: string;
}

export function generateApiKey(): GeneratedApiKey {
  const key = `${API_KEY_PREFIX}${randomBytes(SECRET_BYTES).toString("base64url")}`;
  return { key, prefix: key.slice(0, API_KEY_VISIBLE_LENGTH), hashedKey: hashApiKey(key) };
}

/** SHA-256, hex: what `api_key.hashedKey` holds. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** Whether `value` has the shape of a Marquee key (checked before any database lookup). */
export function isWellFormedApiKey(value: string): boolean {
  return API_KEY_PATTERN.test(value);
}
