import { env } from "@/lib/config/env";

/**
 * The origin of every link in a mail: MARQUEE_PUBLIC_URL, never a host the request named
 * (a forged Host or X-Forwarded-Host would otherwise put an attacker's site into a password
 * reset link). Unset — local use only — the server's own loopback address.
 */
export function mailOrigin(config: { MARQUEE_PUBLIC_URL?: string } = env()): string {
  return config.MARQUEE_PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? "3000"}`;
}

export function mailLink(pathAndQuery: string, config?: { MARQUEE_PUBLIC_URL?: string }): string {
  return new URL(pathAndQuery, mailOrigin(config)).toString();
}

/** The page that opens a link in an organisation's name (app/(app)/switch/page.tsx). */
export const ORGANIZATION_LINK_PATH = "/switch";

/**
 * A link to a page of one organisation (its campaign, its creative): someone in several whose
 * switcher points at another is asked to switch first instead of finding "not found"; anyone
 * else goes straight on. Signed out, they sign in first and come back here.
 */
export function organizationMailLink(organizationId: string, path: string, config?: { MARQUEE_PUBLIC_URL?: string }): string {
  return mailLink(`${ORGANIZATION_LINK_PATH}?${new URLSearchParams({ organization: organizationId, next: path }).toString()}`, config);
}
