import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env";

describe("CRON_SECRET", () => {
  it("is optional, and empty counts as unset", () => {
    expect(parseEnv({}).CRON_SECRET).toBeUndefined();
    expect(parseEnv({ CRON_SECRET: " " }).CRON_SECRET).toBeUndefined();
  });

  it("must have at least 16 characters, naming the variable", () => {
    expect(() => parseEnv({ CRON_SECRET: "too-short" })).toThrow(/CRON_SECRET: must be at least 16 characters/);
    expect(parseEnv({ CRON_SECRET: "0123456789abcdef" }).CRON_SECRET).toBe("0123456789abcdef");
  });
});
