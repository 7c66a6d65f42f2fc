import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { API_KEY_PREFIX, generateApiKey, hashApiKey, isWellFormedApiKey } from "@/lib/api-keys/api-key-secret";

describe("generateApiKey", () => {
  it("is mq_live_ followed by 32 random bytes in base64url (43 characters)", () => {
    const { key } = generateApiKey();
    expect(key).toMatch(/^mq_live_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(API_KEY_PREFIX.length), "base64url")).toHaveLength(32);
  });

  it("keeps the key's first 12 characters as its prefix", () => {
    const { key, prefix } = generateApiKey();
    expect(prefix).toBe(key.slice(0, 12));
    expect(prefix.startsWith("mq_live_")).toBe(true);
  });

  it("stores the SHA-256 of the whole key in hex, not the key", () => {
    const { key, hashedKey } = generateApiKey();
    expect(hashedKey).toBe(createHash("sha256").update(key).digest("hex"));
    expect(hashedKey).toMatch(/^[0-9a-f]{64}$/);
    expect(hashedKey).not.toContain(key.slice(API_KEY_PREFIX.length, 20));
  });

  it("never repeats a key (1,000 draws)", () => {
    const keys = new Set(Array.from({ length: 1_000 }, () => generateApiKey().key));
    expect(keys.size).toBe(1_000);
  });
});

describe("hashApiKey", () => {
  it("is SHA-256 hex of the key's UTF-8 text", () => {
    expect(hashApiKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("gives different hashes for keys that differ in one character", () => {
    const { key } = generateApiKey();
    const other = `${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`;
    expect(hashApiKey(other)).not.toBe(hashApiKey(key));
  });
});

describe("isWellFormedApiKey", () => {
  const valid = generateApiKey().key;

  it("accepts a generated key", () => {
    expect(isWellFormedApiKey(valid)).toBe(true);
  });

  it.each([
    ["an empty string", ""],
    ["the prefix alone", "mq_live_"],
    ["a key one character short", valid.slice(0, -1)],
    ["a key one character long", `${valid}A`],
    ["another prefix", valid.replace("mq_live_", "mq_test_")],
    ["standard base64 characters", `mq_live_${"+".repeat(43)}`],
    ["padding", `mq_live_${"A".repeat(42)}=`],
    ["a space inside", `${valid.slice(0, 20)} ${valid.slice(21)}`],
  ])("refuses %s", (_name, value) => {
    expect(isWellFormedApiKey(value)).toBe(false);
  });
});
