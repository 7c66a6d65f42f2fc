import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DATABASE_URL_VARIABLES, EnvError, parseEnv } from "@/lib/config/env";
import { databaseTarget } from "@/lib/db/adapter";
import { singleInstanceWarning } from "@/lib/startup/single-instance-warning";

const SECRET = "0123456789abcdef0123456789abcdef";
const POSTGRES = "postgres://app@db.example:5432/marquee";
const UPSTASH = { UPSTASH_REDIS_REST_URL: "https://eu1-example.upstash.io", UPSTASH_REDIS_REST_TOKEN: "token" };
/** A complete, safe production configuration; each test takes one thing away or changes it. */
const PRODUCTION = { NODE_ENV: "production", MARQUEE_SECRET: SECRET, DATABASE_URL: POSTGRES };

/** The lines EnvError prints, one per refused variable. */
function refusal(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.message;
    throw error;
  }
  throw new Error("the configuration was accepted");
}

describe("production refuses a database that other instances cannot see", () => {
  it("refuses production without a database URL, naming DATABASE_URL and the opt-in", () => {
    const message = refusal({ ...PRODUCTION, DATABASE_URL: undefined });
    expect(message).toMatch(/^ {2}- DATABASE_URL: is required in production/m);
    expect(message).toContain("MARQUEE_EMBEDDED_DATABASE=1");
    expect(message.split("\n")).toHaveLength(2);
  });

  it("starts one instance on the embedded database when MARQUEE_EMBEDDED_DATABASE=1", () => {
    const config = parseEnv({ ...PRODUCTION, DATABASE_URL: undefined, MARQUEE_EMBEDDED_DATABASE: "1" });
    expect(config.database).toEqual({ kind: "pglite", dataDir: ".data/pglite" });
    expect(() => parseEnv({ ...PRODUCTION, DATABASE_URL: undefined, MARQUEE_EMBEDDED_DATABASE: "yes" })).toThrow(/MARQUEE_EMBEDDED_DATABASE: must be 1/);
  });

  it("refuses the embedded database on Vercel whatever the opt-in", () => {
    const message = refusal({ ...PRODUCTION, ...UPSTASH, DATABASE_URL: undefined, MARQUEE_EMBEDDED_DATABASE: "1", VERCEL: "1" });
    expect(message).toMatch(/- DATABASE_URL: is required on Vercel/);
    expect(message).toContain("read-only");
  });

  it("leaves development and tests on the embedded database without asking", () => {
    expect(parseEnv({}).database.kind).toBe("pglite");
    expect(parseEnv({ NODE_ENV: "test" }).database.kind).toBe("pglite");
  });

  it("lets tools that start no server (db:migrate in a build) parse what a server would refuse", () => {
    expect(() => parseEnv({ NODE_ENV: "production", VERCEL: "1" })).toThrow(EnvError);
    expect(parseEnv({ NODE_ENV: "production", VERCEL: "1", DATABASE_URL: POSTGRES }, { startup: false }).database.kind).toBe("postgres");
  });

  it("keeps refusing production without MARQUEE_SECRET", () => {
    expect(refusal({ ...PRODUCTION, MARQUEE_SECRET: undefined })).toMatch(/- MARQUEE_SECRET: is required in production/);
  });
});

describe("production on Vercel refuses per-instance stores", () => {
  it("refuses no Redis on Vercel, naming the variable and what drifts", () => {
    const message = refusal({ ...PRODUCTION, VERCEL: "1" });
    expect(message).toMatch(/^ {2}- UPSTASH_REDIS_REST_URL: is required on Vercel/m);
    expect(message).toContain("frequency caps count per instance");
    expect(message).toContain("per instance");
    expect(message).toContain("MARQUEE_ALLOW_MEMORY_STORE=1");
  });

  it("accepts it when MARQUEE_ALLOW_MEMORY_STORE=1", () => {
    expect(parseEnv({ ...PRODUCTION, VERCEL: "1", MARQUEE_ALLOW_MEMORY_STORE: "1" }).redis).toEqual({ kind: "none" });
  });

  it.each([
    ["Upstash REST", UPSTASH, "upstash"],
    ["Vercel KV's REST names", { KV_REST_API_URL: "https://kv.example.upstash.io", KV_REST_API_TOKEN: "token" }, "upstash"],
    ["REDIS_URL", { REDIS_URL: "rediss://default:pw@eu1-example.upstash.io:6379" }, "redis"],
    ["KV_URL", { KV_URL: "rediss://default:pw@eu1-example.upstash.io:6379" }, "redis"],
  ] as const)("accepts %s on Vercel", (_name, redis, kind) => {
    expect(parseEnv({ ...PRODUCTION, VERCEL: "1", ...redis }).redis.kind).toBe(kind);
  });

  it("warns once at start-up, off Vercel, that production without Redis suits one instance only", () => {
    expect(singleInstanceWarning(parseEnv(PRODUCTION))).toMatch(/No Redis configured \(REDIS_URL/);
    expect(singleInstanceWarning(parseEnv({ ...PRODUCTION, ...UPSTASH }))).toBeUndefined();
    expect(singleInstanceWarning(parseEnv({}))).toBeUndefined();
  });
});

describe("the names Postgres integrations set", () => {
  it("keeps DATABASE_URL alone exactly as before: the app and migrations both use it", () => {
    expect(parseEnv({ DATABASE_URL: POSTGRES }).database).toEqual({
      kind: "postgres",
      url: POSTGRES,
      urlVariable: "DATABASE_URL",
      migrationUrl: POSTGRES,
      migrationUrlVariable: "DATABASE_URL",
      driver: "pg",
    });
  });

  it("Neon: the app on DATABASE_URL (pooled), migrations on DATABASE_URL_UNPOOLED (direct)", () => {
    const pooled = "postgresql://u:p@ep-x-pooler.eu-central-1.aws.neon.tech/neondb?sslmode=require";
    const direct = "postgresql://u:p@ep-x.eu-central-1.aws.neon.tech/neondb?sslmode=require";
    const { database } = parseEnv({ DATABASE_URL: pooled, DATABASE_URL_UNPOOLED: direct, POSTGRES_URL: pooled });
    expect(database).toMatchObject({ url: pooled, urlVariable: "DATABASE_URL", migrationUrl: direct, migrationUrlVariable: "DATABASE_URL_UNPOOLED" });
  });

  it("Prisma Postgres: the app on DATABASE_URL_POOLED, migrations on DATABASE_URL (direct)", () => {
    const direct = "postgres://u:p@db.prisma.io:5432/postgres?sslmode=require";
    const pooled = "postgres://u:p@pooled.db.prisma.io:5432/postgres?sslmode=require";
    const { database } = parseEnv({ DATABASE_URL: direct, DATABASE_URL_POOLED: pooled, POSTGRES_URL: direct });
    expect(database).toMatchObject({ url: pooled, urlVariable: "DATABASE_URL_POOLED", migrationUrl: direct, migrationUrlVariable: "DATABASE_URL" });
  });

  it("Vercel Postgres and Supabase: the app on POSTGRES_PRISMA_URL, migrations on POSTGRES_URL_NON_POOLING", () => {
    const prisma = "postgres://u:p@aws-0-eu-central-1.pooler.supabase.com:6543/postgres?sslmode=require&pgbouncer=true";
    const pooled = "postgres://u:p@aws-0-eu-central-1.pooler.supabase.com:6543/postgres?sslmode=require";
    const direct = "postgres://u:p@aws-0-eu-central-1.pooler.supabase.com:5432/postgres?sslmode=require";
    const { database } = parseEnv({ POSTGRES_PRISMA_URL: prisma, POSTGRES_URL: pooled, POSTGRES_URL_NON_POOLING: direct });
    expect(database).toMatchObject({ url: prisma, urlVariable: "POSTGRES_PRISMA_URL", migrationUrl: direct, migrationUrlVariable: "POSTGRES_URL_NON_POOLING" });
    expect(parseEnv({ POSTGRES_URL: pooled }).database).toMatchObject({ url: pooled, migrationUrl: pooled });
  });

  it("never pairs one integration's pooled URL with another's direct URL: DATABASE_URL* wins as a family", () => {
    const mine = "postgres://app@db.example/marquee";
    const { database } = parseEnv({ DATABASE_URL: mine, POSTGRES_URL: "postgres://u@other/x", POSTGRES_URL_NON_POOLING: "postgres://u@other-direct/x" });
    expect(database).toMatchObject({ url: mine, migrationUrl: mine });
  });

  it("satisfies production with an integration's name and no DATABASE_URL", () => {
    expect(parseEnv({ NODE_ENV: "production", MARQUEE_SECRET: SECRET, POSTGRES_URL: POSTGRES }).database.kind).toBe("postgres");
  });

  it.each(["DATABASE_URL_UNPOOLED", "DATABASE_URL_POOLED", "POSTGRES_PRISMA_URL", "POSTGRES_URL", "POSTGRES_URL_NON_POOLING"])("rejects a %s that is not a postgres URL, naming it", (name) => {
    expect(() => parseEnv({ [name]: "mysql://u@db/app" })).toThrow(new RegExp(`${name}: must be a postgres`));
  });

  it("hands the app the pooled URL and the migrations the direct one", () => {
    const config = parseEnv({ DATABASE_URL: "postgres://u@pooler/db", DATABASE_URL_UNPOOLED: "postgres://u@direct/db", DATABASE_DRIVER: "neon" });
    expect(databaseTarget(config)).toEqual({ kind: "postgres", url: "postgres://u@pooler/db", driver: "neon" });
    expect(databaseTarget(config, "migrations")).toEqual({ kind: "postgres", url: "postgres://u@direct/db" });
  });

  it("npm start (scripts/start.mjs) checks the same names before it opts in to the embedded database", () => {
    const start = readFileSync("scripts/start.mjs", "utf8");
    const listed = /const DATABASE_URL_VARIABLES = (\[[^\]]*\])/.exec(start)?.[1];
    expect(JSON.parse(listed ?? "[]")).toEqual([...DATABASE_URL_VARIABLES]);
  });
});

describe("database driver and pool size", () => {
  it("uses node-postgres by default and Neon's driver when DATABASE_DRIVER=neon", () => {
    expect(parseEnv({ DATABASE_URL: POSTGRES }).database).toMatchObject({ driver: "pg" });
    expect(parseEnv({ DATABASE_URL: POSTGRES, DATABASE_DRIVER: "neon" }).database).toMatchObject({ driver: "neon" });
    expect(() => parseEnv({ DATABASE_URL: POSTGRES, DATABASE_DRIVER: "mysql" })).toThrow(/DATABASE_DRIVER/);
    expect(() => parseEnv({ DATABASE_DRIVER: "neon" })).toThrow(/DATABASE_DRIVER: is neon, which needs a database URL/);
  });

  it("sizes the pool at 10 per instance, 5 on Vercel, and takes DATABASE_POOL_SIZE over either", () => {
    expect(parseEnv({}).DATABASE_POOL_SIZE).toBe(10);
    expect(parseEnv({ VERCEL: "1" }).DATABASE_POOL_SIZE).toBe(5);
    expect(parseEnv({ VERCEL: "1", DATABASE_POOL_SIZE: "3" }).DATABASE_POOL_SIZE).toBe(3);
  });
});
