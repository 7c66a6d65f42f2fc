// What a page view's requests carry: a desktop browser's User-Agent (tracking refuses
// scripting clients and headless browsers as bots), the platform's geo header, and a
// client IP — varied per request so that frequency caps see many viewers, not one.
import { REQUEST_COUNTRIES } from "@/bench/data/bench-data-set";

export const DESKTOP_CHROME_USER_AGENT =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/** Distinct viewers the load comes from. */
const VIEWERS = 5_000;

export function randomCountry(): string {
  return REQUEST_COUNTRIES[Math.floor(Math.random() * REQUEST_COUNTRIES.length)]!;
}

export function randomClientIp(): string {
  const n = Math.floor(Math.random() * VIEWERS);
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export function browserHeaders(): Record<string, string> {
  return {
    "user-agent": DESKTOP_CHROME_USER_AGENT,
    "x-vercel-ip-country": randomCountry(),
    "x-forwarded-for": randomClientIp(),
  };
}
