// Who may give a key which access, see every key and revoke which key — from the permission
// table, role by role.
import { describe, expect, it } from "vitest";
import { grantableApiKeyAccess, mayRevokeApiKey, seesEveryApiKey } from "@/lib/api-keys/api-key-access";
import { apiKeyState } from "@/lib/api-keys/api-key-view";
import { apiKeyRefusal } from "@/lib/api/with-api-key";

describe("grantableApiKeyAccess", () => {
  it.each(["OWNER", "ADMIN", "MEMBER"] as const)("a %s may give read-only or read-write keys, in either kind of organisation", (role) => {
    expect(grantableApiKeyAccess(role, "ADVERTISER")).toEqual(["READ", "READ_WRITE"]);
    expect(grantableApiKeyAccess(role, "PUBLISHER")).toEqual(["READ", "READ_WRITE"]);
  });

  it("a VIEWER (who writes nothing) could give a read-only key at most", () => {
    expect(grantableApiKeyAccess("VIEWER", "ADVERTISER")).toEqual(["READ"]);
  });
});

describe("seesEveryApiKey and mayRevokeApiKey", () => {
  it.each([
    ["OWNER", true],
    ["ADMIN", true],
    ["MEMBER", false],
    ["VIEWER", false],
  ] as const)("a %s sees every key: %s", (role, expected) => {
    expect(seesEveryApiKey({ role })).toBe(expected);
  });

  it("a MEMBER revokes their own keys, not another's nor an orphan", () => {
    expect(mayRevokeApiKey({ role: "MEMBER", userId: "me" }, "me")).toBe(true);
    expect(mayRevokeApiKey({ role: "MEMBER", userId: "me" }, "you")).toBe(false);
    expect(mayRevokeApiKey({ role: "MEMBER", userId: "me" }, null)).toBe(false);
  });

  it("an ADMIN and an OWNER revoke anyone's key; a VIEWER none, not even their own", () => {
    for (const role of ["ADMIN", "OWNER"] as const) {
      expect(mayRevokeApiKey({ role, userId: "me" }, "you")).toBe(true);
      expect(mayRevokeApiKey({ role, userId: "me" }, null)).toBe(true);
    }
    expect(mayRevokeApiKey({ role: "VIEWER", userId: "me" }, "me")).toBe(false);
  });
});

describe("apiKeyRefusal", () => {
  it("a read-write key of a MEMBER may write campaigns", () => {
    expect(apiKeyRefusal("READ_WRITE", "MEMBER", "campaigns:write")).toBeNull();
  });

  it("a read-only key is told it is read-only, whatever its creator's role", () => {
    expect(apiKeyRefusal("READ", "OWNER", "inventory:write")).toBe(
      "This API key is read-only: it may not create, edit and archive sites and placements. Create a key with read and write access for this.",
    );
  });

  it("a key whose creator's role lacks the permission is told the role", () => {
    expect(apiKeyRefusal("READ_WRITE", "VIEWER", "campaigns:read")).toBe(
      "The key's creator's role (Read-only) does not allow this: see campaigns and creatives. Ask an owner or an admin of the organisation.",
    );
    expect(apiKeyRefusal("READ", "MEMBER", "audit:read")).toBe(
      "The key's creator's role (Member) does not allow this: read the organisation's audit log. Ask an owner or an admin of the organisation.",
    );
  });

  it("no key may do what keys are never given (managing members), even an owner's", () => {
    expect(apiKeyRefusal("READ_WRITE", "OWNER", "members:manage")).toBe("API keys may not invite members, change their roles and remove them; do it in the dashboard.");
  });
});

describe("apiKeyState", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  it("active, expired at its expiry, revoked before anything else", () => {
    expect(apiKeyState({ expiresAt: null, revokedAt: null }, now)).toBe("active");
    expect(apiKeyState({ expiresAt: new Date(now.getTime() + 1), revokedAt: null }, now)).toBe("active");
    expect(apiKeyState({ expiresAt: now, revokedAt: null }, now)).toBe("expired");
    expect(apiKeyState({ expiresAt: new Date(0), revokedAt: new Date(0) }, now)).toBe("revoked");
  });
});
