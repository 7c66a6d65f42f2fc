import { z } from "zod";

// Every environment variable Marquee reads, validated once. A bad value stops start-up
// with a message naming the variable, instead of failing later on a request.

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), {
    message: "must be a postgres:// or postgresql:// connection string",
  });

const httpUrl = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/[^\s]+$/.test(value), { message: "must be an http:// or https:// URL" });

const redisUrl = z
  .string()
  .trim()
  .refine((value) => /^rediss?:\/\/[^\s]+$/.test(value), { message: "must be a redis:// or rediss:// URL" });

/** "1" turns a setting on, "0" or unset leaves it off. */
function flag(meaning: string) {
  return optionalString.pipe(z.enum(["0", "1"], { message: `must be 1 (${meaning}) or 0` }).optional()).transform((value) => value === "1");
}

/** "N/S": at most N in S seconds. */
const rateWindow = z
  .string()
  .trim()
  .regex(/^\d{1,9}\/\d{1,7}$/, "must be LIMIT/SECONDS, e.g. 5/300")
  .transform((value) => {
    const [limit, windowSeconds] = value.split("/").map(Number) as [number, number];
    return { limit, windowSeconds };
  })
  .refine((window) => window.limit >= 1 && window.windowSeconds >= 1, "needs a limit and a window of at least 1");

/** At most `limit` events in `windowSeconds` from one client. */
export type RateWindow = z.infer<typeof rateWindow>;

const rateWindows = z
  .string()
  .trim()
  .transform((value) => value.split(",").map((part) => part.trim()).filter(Boolean))
  .pipe(z.array(rateWindow).min(1, "needs at least one LIMIT/SECONDS pair"));

/** The public ad endpoints limited per client address. */
export const PUBLIC_ENDPOINTS = ["serve", "impression", "click", "preview"] as const;
export type PublicEndpoint = (typeof PUBLIC_ENDPOINTS)[number];

/** Requests per client address per minute, per public endpoint (PUBLIC_RATE_LIMITS). */
const DEFAULT_PUBLIC_RATE_LIMITS: Record<PublicEndpoint, { limit: number; windowSeconds: number }> = {
  serve: { limit: 120, windowSeconds: 60 },
  impression: { limit: 120, windowSeconds: 60 },
  click: { limit: 30, windowSeconds: 60 },
  preview: { limit: 60, windowSeconds: 60 },
};

const publicRateLimits = z
  .string()
  .trim()
  .transform((value, context) => {
    if (value === "off") return null;
    const limits = { ...DEFAULT_PUBLIC_RATE_LIMITS };
    for (const part of value.split(",").map((entry) => entry.trim()).filter(Boolean)) {
      const [name, window] = part.split("=") as [string, string | undefined];
      const parsed = rateWindow.safeParse(window ?? "");
      if (!(PUBLIC_ENDPOINTS as readonly string[]).includes(name) || !parsed.success) {
        context.addIssue({ code: "custom", message: `"${part}" is not ENDPOINT=LIMIT/SECONDS with ENDPOINT one of ${PUBLIC_ENDPOINTS.join(", ")} (or "off")` });
        return z.NEVER;
      }
      limits[name as PublicEndpoint] = parsed.data;
    }
    return limits;
  });

const baseSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /**
   * Postgres connection string. Unset (and none of the integrations' names below): the embedded
   * PGlite database in PGLITE_DATA_DIR, which production refuses unless MARQUEE_EMBEDDED_DATABASE=1.
   */
  DATABASE_URL: optionalString.pipe(postgresUrl.optional()),
  /** Neon's Vercel integration: the direct connection (DATABASE_URL is its pooled one). Migrations use it. */
  DATABASE_URL_UNPOOLED: optionalString.pipe(postgresUrl.optional()),
  /** Prisma Postgres' Vercel integration: the pooled connection (DATABASE_URL is its direct one). The app uses it. */
  DATABASE_URL_POOLED: optionalString.pipe(postgresUrl.optional()),
  /** Vercel Postgres' and Supabase's integrations: pooled connections (used when no DATABASE_URL* is set). */
  POSTGRES_PRISMA_URL: optionalString.pipe(postgresUrl.optional()),
  POSTGRES_URL: optionalString.pipe(postgresUrl.optional()),
  /** ...and their direct connection, which migrations use. */
  POSTGRES_URL_NON_POOLING: optionalString.pipe(postgresUrl.optional()),
  /**
   * How the app talks to Postgres: "pg" (default), node-postgres over TCP — to a pooler's URL on
   * serverless; "neon", Neon's serverless driver over WebSockets. Migrations always use TCP.
   */
  DATABASE_DRIVER: z.enum(["pg", "neon"]).default("pg"),
  /** 1: production may run on the embedded PGlite database — one instance only (`npm start` sets it). */
  MARQUEE_EMBEDDED_DATABASE: flag("run one instance on the embedded database"),
  /** Folder of the embedded PGlite database (only used when no database URL is set). */
  PGLITE_DATA_DIR: optionalString.default(".data/pglite"),
  /**
   * Connections per instance to Postgres. Default 10, and 5 on Vercel: one Fluid-compute
   * instance serves many requests at once, but its one vCPU saturates long before 5 connections
   * that each answer in milliseconds do; instances × this is what the pooler sees.
   */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).optional(),
  /**
   * Deadline of one Postgres query (and, capped at 5 s, of opening a connection): a frozen or
   * unreachable server makes a request fail (a beacon answers 503) instead of hanging.
   */
  DATABASE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),

  /** Upstash Redis over REST (Vercel's KV_REST_API_* names are accepted too). */
  UPSTASH_REDIS_REST_URL: optionalString.pipe(httpUrl.optional()),
  UPSTASH_REDIS_REST_TOKEN: optionalString,
  KV_REST_API_URL: optionalString.pipe(httpUrl.optional()),
  KV_REST_API_TOKEN: optionalString,
  /** Redis over TCP: a URL (redis:// or rediss:// for TLS), or host/port/password. */
  REDIS_URL: optionalString.pipe(redisUrl.optional()),
  /** Vercel KV's and Upstash's integrations: the same Redis over TCP (used when REDIS_URL is unset). */
  KV_URL: optionalString.pipe(redisUrl.optional()),
  REDIS_HOST: optionalString,
  REDIS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  REDIS_PASSWORD: optionalString,
  /** Deadline of one Redis call; past it the request goes on without Redis. */
  REDIS_TIMEOUT_MS: z.coerce.number().int().min(5).max(10_000).default(50),

  /**
   * Signs offer tokens (impression and click URLs) and, derived, the session secret.
   * Required in production; every instance of a deployment must share it.
   */
  MARQUEE_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  /**
   * Public origin of this deployment (e.g. https://ads.example.com), used in the URLs handed
   * to publisher pages. Unset: taken from the request (X-Forwarded-Host/-Proto, then Host).
   */
  MARQUEE_PUBLIC_URL: optionalString.pipe(httpUrl.transform((value) => new URL(value).origin).optional()),
  /**
   * How many reverse proxies of the operator's stand in front of the server (nginx, a load
   * balancer): the client is the address that many hops from the right of X-Forwarded-For.
   * 0 (default): the TCP peer is the client, and forwarding headers are ignored.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * A header that the platform in front sets to the client's address and that clients cannot
   * set (e.g. cf-connecting-ip behind Cloudflare, fly-client-ip on Fly). Wins over the hops.
   */
  CLIENT_IP_HEADER: optionalString.pipe(
    z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "must be an HTTP header name, e.g. cf-connecting-ip").transform((value) => value.toLowerCase()).optional(),
  ),
  /** Set by Vercel on every deployment: the platform's own client-address headers are trusted. */
  VERCEL: optionalString,
  /**
   * 1: accept an in-process store on Vercel (no Redis). Each instance then keeps its own: rate
   * limits and frequency caps count per instance, parked clicks live in one instance's memory.
   */
  MARQUEE_ALLOW_MEMORY_STORE: flag("accept per-instance stores on Vercel"),
  /** Header that carries the viewer's country (ISO 3166-1 alpha-2). Vercel sets x-vercel-ip-country. */
  GEO_COUNTRY_HEADER: optionalString.default("x-vercel-ip-country"),
  /** Invalid-traffic filtering (on by default): "off" records every event as valid — diagnosis and benchmarks only. */
  INVALID_TRAFFIC_FILTER: z.enum(["on", "off"]).default("on"),
  /**
   * Views of one placement per client before they are invalid (RATE_LIMIT), and clicks per
   * client in each window. The defaults are EthicalAds' production limits, which a person
   * browsing does not reach: five views of one placement in five minutes are five page views,
   * each with the ad seen for a second — more is reloading, not reading (a reload within five
   * seconds gets the same offer anyway); people click an ad at most about once a minute.
   */
  INVALID_TRAFFIC_VIEW_LIMIT: rateWindow.default({ limit: 5, windowSeconds: 300 }),
  INVALID_TRAFFIC_CLICK_LIMITS: rateWindows.default([
    { limit: 1, windowSeconds: 60 },
    { limit: 3, windowSeconds: 600 },
    { limit: 10, windowSeconds: 3600 },
    { limit: 25, windowSeconds: 86400 },
  ]),
  /**
   * Requests per client address to the public endpoints, e.g. "serve=120/60,click=30/60"
   * (unnamed endpoints keep their defaults), or "off". Past a limit: no fill, not recorded.
   */
  PUBLIC_RATE_LIMITS: publicRateLimits.default(DEFAULT_PUBLIC_RATE_LIMITS),
  /**
   * New accounts per client address ("LIMIT/SECONDS"). Ten in ten minutes stops a script making
   * accounts in bulk; raise it where many people sign up from behind one address (a school, an
   * agency's office).
   */
  SIGN_UP_LIMIT: rateWindow.default({ limit: 10, windowSeconds: 600 }),

  /**
   * Vercel Blob's read-write token: set, uploaded creative images are stored in Vercel Blob;
   * unset, in the database (lib/assets). Vercel sets it when a Blob store is connected.
   */
  BLOB_READ_WRITE_TOKEN: optionalString,
  /**
   * The heaviest image creative an advertiser may upload, in KB (1 KB = 1,024 bytes). 150 is
   * IAB's initial-load guideline for a display ad: a heavier banner slows the publisher's page.
   */
  ASSET_MAX_KB: z.coerce.number().int().min(1, "must be at least 1").max(10_240, "must be at most 10240 (10 MB)").default(150),

  /**
   * Where mail goes out: an SMTP server as a URL, e.g. smtps://user:password@smtp.example.com:465
   * or smtp://localhost:1025 (nodemailer's syntax). Unset: mail is kept in the outbox that
   * operators read at /admin/outbox, and a line in the log says so.
   */
  SMTP_URL: optionalString.pipe(z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional()),
  /** The sender of every mail, e.g. `Marquee <ads@example.com>`. */
  MAIL_FROM: optionalString.default("Marquee <no-reply@marquee.localhost>"),
  /**
   * Bearer secret of the cron routes (Vercel Cron sends `Authorization: Bearer <CRON_SECRET>`).
   * Unset: the cron routes answer 503 and do nothing.
   */
  CRON_SECRET: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  /**
   * Bearer token of the operators' deep health check (GET /api/health/deep) for monitoring
   * tools. Unset: only signed-in operators may read it. Its own secret, not CRON_SECRET: a
   * monitor that reads health need not be able to run jobs.
   */
  HEALTH_CHECK_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  /**
   * 1: prepare.ts seeds the demo data (accounts with passwords printed in the README) into an
   * empty database of any kind; 0: into none, the embedded one included (a single-instance
   * install on it). Unset: only the embedded default (no DATABASE_URL) gets it, so a production
   * Postgres never has a known password; its first operator comes from /setup.
   */
  MARQUEE_DEMO: optionalString
    .pipe(z.enum(["0", "1"], { message: "must be 1 (seed the demo data) or 0" }).optional())
    .transform((value) => (value === undefined ? undefined : value === "1")),
  /**
   * The least severe log lines written (JSON, one per event: lib/log). debug adds one line per
   * served ad and tracked event; the default info keeps the hot paths free of per-request lines.
   */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { message: "must be one of fatal, error, warn, info, debug, trace, silent" }).default("info"),
});

/** Development and test only: production refuses to start without MARQUEE_SECRET. */
const DEVELOPMENT_SECRET = "marquee-development-secret-not-for-production";

/** Which Redis, if any, this deployment uses. Upstash REST wins over TCP when both are set. */
export type RedisConfig =
  | { kind: "upstash"; url: string; token: string; timeoutMs: number }
  | { kind: "redis"; url?: string; host?: string; port?: number; password?: string; timeoutMs: number }
  | { kind: "none" };

/**
 * The schema of the environment. `startup`: also refuse the production configurations a server
 * must not start with (no secret, a database or store that splits between instances); tools
 * such as `npm run db:migrate` (run by the Vercel build) leave them to the server.
 */
function environmentSchema({ startup }: { startup: boolean }) {
  return baseSchema
    .superRefine((value, context) => {
      if (startup && value.NODE_ENV === "production" && !value.MARQUEE_SECRET) {
        context.addIssue({
          code: "custom",
          path: ["MARQUEE_SECRET"],
          message: "is required in production (32+ random characters, e.g. `openssl rand -hex 32`), the same on every instance",
        });
      }
      if (startup) refuseUnsafeStores(value, context);
      const url = value.UPSTASH_REDIS_REST_URL ?? value.KV_REST_API_URL;
      const token = value.UPSTASH_REDIS_REST_TOKEN ?? value.KV_REST_API_TOKEN;
      if (url && !token) {
        context.addIssue({ code: "custom", path: ["UPSTASH_REDIS_REST_TOKEN"], message: "is required when UPSTASH_REDIS_REST_URL (or KV_REST_API_URL) is set" });
      }
      if (token && !url) {
        context.addIssue({ code: "custom", path: ["UPSTASH_REDIS_REST_URL"], message: "is required when UPSTASH_REDIS_REST_TOKEN (or KV_REST_API_TOKEN) is set" });
      }
    })
    .transform((value) => ({
      ...value,
      MARQUEE_SECRET: value.MARQUEE_SECRET ?? DEVELOPMENT_SECRET,
      DATABASE_POOL_SIZE: value.DATABASE_POOL_SIZE ?? (value.VERCEL ? 5 : 10),
      database: databaseConfig(value),
      redis: redisConfig(value),
      invalidTraffic: {
        enabled: value.INVALID_TRAFFIC_FILTER === "on",
        views: value.INVALID_TRAFFIC_VIEW_LIMIT,
        clicks: value.INVALID_TRAFFIC_CLICK_LIMITS,
      },
    }));
}

export const envSchema = environmentSchema({ startup: true });
const toolEnvSchema = environmentSchema({ startup: false });

function redisConfig(value: z.infer<typeof baseSchema>): RedisConfig {
  const timeoutMs = value.REDIS_TIMEOUT_MS;
  const url = value.UPSTASH_REDIS_REST_URL ?? value.KV_REST_API_URL;
  const token = value.UPSTASH_REDIS_REST_TOKEN ?? value.KV_REST_API_TOKEN;
  if (url && token) return { kind: "upstash", url, token, timeoutMs };
  const tcpUrl = value.REDIS_URL ?? value.KV_URL;
  if (tcpUrl) return { kind: "redis", url: tcpUrl, timeoutMs };
  if (value.REDIS_HOST) {
    return { kind: "redis", host: value.REDIS_HOST, port: value.REDIS_PORT ?? 6379, password: value.REDIS_PASSWORD, timeoutMs };
  }
  return { kind: "none" };
}

/**
 * Which database this deployment uses, resolved once from whichever names are set. The app
 * connects to `url` (the pooled connection where an integration gives one); migrations to
 * `migrationUrl` (the direct one: DDL and the migration's advisory lock do not work through a
 * transaction pooler). The two always come from one family of names — one integration's —
 * never a pooled URL of one database with the direct URL of another.
 */
export type DatabaseConfig =
  | { kind: "postgres"; url: string; urlVariable: string; migrationUrl: string; migrationUrlVariable: string; driver: "pg" | "neon" }
  | { kind: "pglite"; dataDir: string };

/** The names integrations set, by family: app's URL first, migrations' first. */
const DATABASE_URL_FAMILIES = [
  // Your own DATABASE_URL; Neon's integration (DATABASE_URL pooled + DATABASE_URL_UNPOOLED);
  // Prisma Postgres' integration (DATABASE_URL direct + DATABASE_URL_POOLED).
  { app: ["DATABASE_URL_POOLED", "DATABASE_URL", "DATABASE_URL_UNPOOLED"], migrations: ["DATABASE_URL_UNPOOLED", "DATABASE_URL", "DATABASE_URL_POOLED"] },
  // Vercel Postgres' and Supabase's integrations.
  { app: ["POSTGRES_PRISMA_URL", "POSTGRES_URL", "POSTGRES_URL_NON_POOLING"], migrations: ["POSTGRES_URL_NON_POOLING", "POSTGRES_URL", "POSTGRES_PRISMA_URL"] },
] as const;

type DatabaseUrlVariable = (typeof DATABASE_URL_FAMILIES)[number]["app"][number];

/** Every variable that names a Postgres database (scripts/start.mjs checks the same list). */
export const DATABASE_URL_VARIABLES: readonly DatabaseUrlVariable[] = DATABASE_URL_FAMILIES.flatMap((family) => family.app);

function databaseConfig(value: z.infer<typeof baseSchema>): DatabaseConfig {
  for (const family of DATABASE_URL_FAMILIES) {
    const urlVariable = family.app.find((name) => value[name]);
    const migrationUrlVariable = family.migrations.find((name) => value[name]);
    if (urlVariable && migrationUrlVariable) {
      return { kind: "postgres", url: value[urlVariable]!, urlVariable, migrationUrl: value[migrationUrlVariable]!, migrationUrlVariable, driver: value.DATABASE_DRIVER };
    }
  }
  return { kind: "pglite", dataDir: value.PGLITE_DATA_DIR };
}

/**
 * Production configurations that would start and then quietly split the truth between
 * instances: each refusal names the variable and says what to set.
 */
function refuseUnsafeStores(value: z.infer<typeof baseSchema>, context: z.core.$RefinementCtx): void {
  if (value.DATABASE_DRIVER === "neon" && databaseConfig(value).kind === "pglite") {
    context.addIssue({ code: "custom", path: ["DATABASE_DRIVER"], message: "is neon, which needs a database URL (DATABASE_URL or an integration's)" });
  }
  if (value.NODE_ENV !== "production") return;
  const onVercel = Boolean(value.VERCEL);
  if (databaseConfig(value).kind === "pglite") {
    if (onVercel) {
      context.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message:
          "is required on Vercel (or one of POSTGRES_PRISMA_URL, POSTGRES_URL, DATABASE_URL_POOLED that a Postgres integration sets): " +
          "the embedded database writes to the instance's own filesystem, which is read-only there and seen by no other instance. " +
          "MARQUEE_EMBEDDED_DATABASE cannot change this",
      });
    } else if (!value.MARQUEE_EMBEDDED_DATABASE) {
      context.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message:
          `is required in production: without it Marquee would run on the embedded database in ${value.PGLITE_DATA_DIR}, ` +
          "which no other instance sees. Set DATABASE_URL to a Postgres database, or MARQUEE_EMBEDDED_DATABASE=1 for a single " +
          "instance on the embedded database (`npm start` sets it itself)",
      });
    }
  }
  if (onVercel && redisConfig(value).kind === "none" && !value.MARQUEE_ALLOW_MEMORY_STORE) {
    context.addIssue({
      code: "custom",
      path: ["UPSTASH_REDIS_REST_URL"],
      message:
        "is required on Vercel, which runs many instances (or KV_REST_API_URL/KV_REST_API_TOKEN, REDIS_URL or KV_URL, as the Upstash " +
        "integration sets them): without a shared Redis each instance keeps its own store, so rate limits and frequency caps " +
        "count per instance (a viewer capped at 3 sees the ad up to 3 times on each), and clicks parked while the database is down " +
        "live in one instance's memory, lost with it. Set MARQUEE_ALLOW_MEMORY_STORE=1 to accept that",
    });
  }
}

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(issues: z.core.$ZodIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.path.join(".") || "(env)"}: ${issue.message}`);
    super(`Invalid environment configuration:\n${lines.join("\n")}`);
    this.name = "EnvError";
  }
}

/** The validated environment; `{ startup: false }` for tools that start no server (see environmentSchema). */
export function parseEnv(source: Record<string, string | undefined> = process.env, { startup = true }: { startup?: boolean } = {}): Env {
  const result = (startup ? envSchema : toolEnvSchema).safeParse(source);
  if (!result.success) throw new EnvError(result.error.issues);
  return result.data;
}

let cached: Env | undefined;

/** The validated environment of this process (parsed on first use). */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
