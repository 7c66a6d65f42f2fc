import { createHmac } from "node:crypto";
import { isIP } from "node:net";

/**
 * How long one viewer id lives: a week, aligned to fixed epoch weeks like the frequency-cap
 * windows (hour, day and week windows all nest inside it), so a cap of N per week counts one
 * id for the whole week — and the id of one week cannot be linked to the next.
 */
export const VIEWER_PERIOD_SECONDS = 7 * 24 * 60 * 60;

/**
 * A keyed hash of the client's address and User-Agent, for frequency caps and the checks
 * that an event comes from the client that was served. Never the raw address; not linkable
 * across weeks or without the secret. IPv6 clients are taken by their /64 network: privacy
 * extensions change the rest of the address from one request to the next.
 */
export function viewerId(input: { address: string; userAgent: string; atSeconds: number }, secret: string): string {
  const period = Math.floor(input.atSeconds / VIEWER_PERIOD_SECONDS);
  return createHmac("sha256", secret)
    .update(`viewer\n${period}\n${networkOf(input.address)}\n${input.userAgent}`)
    .digest()
    .subarray(0, 12)
    .toString("base64url");
}

/**
 * A keyed hash of the client's address alone (its /64 for IPv6), rotated like viewerId: what
 * the per-client rates count. Not the viewer: a script that changes its User-Agent is still
 * one client, and every browser behind one address shares its allowance (as EthicalAds does).
 */
export function clientId(input: { address: string; atSeconds: number }, secret: string): string {
  const period = Math.floor(input.atSeconds / VIEWER_PERIOD_SECONDS);
  return createHmac("sha256", secret).update(`client\n${period}\n${networkOf(input.address)}`).digest().subarray(0, 12).toString("base64url");
}

/** IPv4 as is; IPv6 as its /64 prefix (the first four groups, expanded). */
export function networkOf(address: string): string {
  // isIP tries IPv4 first: an IPv4 client never costs the far larger IPv6 pattern (nor, on a new instance, its compilation).
  if (isIP(address) !== 6) return address;
  const [head = "", tail = ""] = address.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups] : headGroups;
  return `${groups.slice(0, 4).map((group) => group.padStart(4, "0")).join(":")}::/64`;
}
