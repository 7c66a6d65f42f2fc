import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/config/env";

describe("parseEnv", () => {
  it("defaults to the embedded PGlite database when DATABASE_URL is unset", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DATA_DIR).toBe(".data/pglite");
    expect(env.DATABASE_POOL_SIZE).toBe(10);
    expect(env.NODE_ENV).toBe("development");
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(parseEnv({ DATABASE_URL: "  " }).DATABASE_URL).toBeUndefined();
  });

  it("accepts postgres:// and postgresql:// URLs", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://u@db:5432/app" }).DATABASE_URL).toBe("postgres://u@db:5432/app");
    expect(parseEnv({ DATABASE_URL: "postgresql://u@db/app" }).DATABASE_URL).toBe("postgresql://u@db/app");
  });

  it("rejects an invalid DATABASE_URL with a message naming the variable", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://u@db/app" })).toThrow(EnvError);
    expect(() => parseEnv({ DATABASE_URL: "mysql://u@db/app" })).toThrow(/DATABASE_URL/);
  });

  it("rejects an out-of-range pool size, naming the variable", () => {
    expect(() => parseEnv({ DATABASE_POOL_SIZE: "0" })).toThrow(/DATABASE_POOL_SIZE/);
    expect(parseEnv({ DATABASE_POOL_SIZE: "4" }).DATABASE_POOL_SIZE).toBe(4);
  });
});
