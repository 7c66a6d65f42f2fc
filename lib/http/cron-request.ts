import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { hasBearerToken } from "./bearer-token";

/**
 * The gate of every scheduled job under /api/cron: Vercel Cron (vercel.json) sends
 * `Authorization: Bearer <CRON_SECRET>`; a self-hosted scheduler sends the same. Without
 * CRON_SECRET the jobs are off (503), never open.
 */
export function checkCronRequest(request: Request): void {
  const secret = env().CRON_SECRET;
  if (!secret) {
    throw new AppError("unavailable", "CRON_SECRET is not configured: set it (16 or more random characters) to enable scheduled jobs.");
  }
  if (!hasBearerToken(request.headers.get("authorization"), secret)) {
    throw new AppError("unauthorized", "Missing or wrong cron secret.", { headers: { "WWW-Authenticate": "Bearer" } });
  }
}
