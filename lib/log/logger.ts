import pino, { type DestinationStream, type Logger } from "pino";
import { env, type Env } from "@/lib/config/env";

// Structured logs: one JSON line per event on stdout, which Vercel, Docker and systemd collect
// as they are. {"level":"warn","time":"2026-…Z","requestId":…,"route":…,"outcome":…,
// "latencyMs":…,"message":…}. The README's "Operate → Logs" says what each message means.

export type LogLevel = Env["LOG_LEVEL"];
export type { Logger };

/**
 * Fields whose values never reach a line, at the top level or one level down: offer tokens
 * (a URL of /c or /api/i carries one), passwords, secrets, keys, cookies, connection strings.
 */
const SECRET_FIELDS = ["token", "password", "secret", "apiKey", "authorization", "cookie", "url", "databaseUrl", "connectionString"];
export const REDACTED = "[redacted]";

export function createLogger(options: { level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      // No pid or hostname: the platform adds where a line came from.
      base: undefined,
      messageKey: "message",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]), censor: REDACTED },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

const globalForLog = globalThis as unknown as { marqueeLogger?: Logger };

/** The process's logger, at LOG_LEVEL. */
export function log(): Logger {
  globalForLog.marqueeLogger ??= createLogger({ level: configuredLevel() });
  return globalForLog.marqueeLogger;
}

function configuredLevel(): LogLevel {
  try {
    return env().LOG_LEVEL;
  } catch {
    // A configuration the start-up refuses anyway: its message must still be written.
    return "info";
  }
}
