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
