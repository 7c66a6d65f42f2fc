import { createHmac } from "node:crypto";

/**
 * A keyed hash of IP + User-Agent that changes every UTC day: enough to cap frequency,
 * never stored raw, and not linkable across days or without the secret.
 */
export function viewerId(input: { ip: string; userAgent: string; day: string }, secret: string): string {
  return createHmac("sha256", secret).update(`viewer\n${input.day}\n${input.ip}\n${input.userAgent}`).digest().subarray(0, 12).toString("base64url");
}
