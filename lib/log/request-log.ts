import { randomUUID } from "node:crypto";
import { env } from "@/lib/config/env";
import { log, type Logger } from "./logger";
import type { LogFields } from "./throttled-log";

/** The response header that names the request in the logs (and in a support question). */
export const REQUEST_ID_HEADER = "x-request-id";
const MAX_ID_LENGTH = 128;

/** One request of a hot route: its id, route and start, for its lines and its answer. */
export interface RequestLog {
  readonly requestId: string;
  /** Fields every line of this request carries: requestId, route, latencyMs so far. */
  fields(): LogFields;
  /**
   * The request's own line — at debug, so with the default level nothing is built — and its
   * id on the answer (`x-request-id`). Returns the response.
   */
  finish(response: Response, outcome: string): Response;
}

/**
 * The id comes from the platform when it has one (`x-vercel-id` on Vercel, which a client
 * cannot set there); elsewhere it is generated, since any header could come from the client.
 */
export function requestLog(headers: Headers, route: string, options: { logger?: Logger; now?: () => number; onVercel?: boolean } = {}): RequestLog {
  const now = options.now ?? performance.now.bind(performance);
  const startedAt = now();
  const onVercel = options.onVercel ?? Boolean(env().VERCEL);
  const platformId = onVercel ? headers.get("x-vercel-id")?.slice(0, MAX_ID_LENGTH) : undefined;
  const requestId = platformId || randomUUID();
  const latencyMs = () => Math.round((now() - startedAt) * 10) / 10;
  return {
    requestId,
    fields: () => ({ requestId, route, latencyMs: latencyMs() }),
    finish(response, outcome) {
      response.headers.set(REQUEST_ID_HEADER, requestId);
      const logger = options.logger ?? log();
      if (logger.isLevelEnabled("debug")) logger.debug({ requestId, route, outcome, status: response.status, latencyMs: latencyMs() }, "request");
      return response;
    },
  };
}
