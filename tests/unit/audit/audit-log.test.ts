import { describe, expect, it } from "vitest";
import { decodeAuditCursor, encodeAuditCursor } from "@/lib/audit/audit-cursor";
import { changedFields } from "@/lib/audit/changed-fields";
import { describeAuditDetail } from "@/lib/audit/describe-detail";
import { can } from "@/lib/model/permissions";

describe("changedFields", () => {
  it("lists only the fields that changed, with JSON-safe new values (BigInt as text, dates as ISO)", () => {
    const before = { name: "A", priceMicros: 1_000_000n, startsAt: new Date("2026-01-01T00:00:00Z"), keywords: ["x"] };
    const after = { name: "B", priceMicros: 2_500_000n, startsAt: new Date("2026-01-01T00:00:00Z"), keywords: ["x", "y"] };
    expect(changedFields(before, after)).toEqual({ changes: { name: "B", priceMicros: "2500000", keywords: ["x", "y"] } });
  });

  it("is null when nothing changed (a save without changes is no event)", () => {
    expect(changedFields({ name: "A", hours: [1] }, { name: "A", hours: [1] })).toBeNull();
  });

  it("keeps only the length of fields named lengthOnly", () => {
    expect(changedFields({ html: "<p>a</p>" }, { html: "<p>secret markup</p>" }, { lengthOnly: ["html"] })).toEqual({ changes: { html: { length: 20 } } });
    expect(changedFields({ html: "<p>a</p>" as string | null }, { html: null }, { lengthOnly: ["html"] })).toEqual({ changes: { html: null } });
  });
});

describe("the audit cursor", () => {
  it("round-trips the last entry's time and id", () => {
    const cursor = { createdAt: new Date("2026-03-04T05:06:07.089Z"), id: "cm0abc123" };
    expect(decodeAuditCursor(encodeAuditCursor(cursor))).toEqual(cursor);
  });

  it.each(["", "nonsense", Buffer.from("2026-13-45T00:00:00.000Z|x").toString("base64url"), Buffer.from("x|y").toString("base64url"), "a".repeat(300)])(
    "refuses %j with a 400",
    (text) => {
      expect(() => decodeAuditCursor(text)).toThrow(expect.objectContaining({ code: "bad_request" }));
    },
  );
});

describe("describeAuditDetail", () => {
  it("reads an edit's changes, a length, a record and a reason", () => {
    expect(describeAuditDetail({ changes: { name: "Coats", html: { length: 1234 }, keywords: [] }, resubmittedForReview: true })).toEqual([
      "name → “Coats”",
      "html → 1,234 characters",
      "keywords → none",
      "sent back to review",
    ]);
    expect(describeAuditDetail({ source: { id: "c1", name: "Spring" }, reason: "Blurry" })).toEqual(["source: Spring", "reason: “Blurry”"]);
    expect(describeAuditDetail(null)).toEqual([]);
  });
});

describe("who reads the audit log", () => {
  it("owners and admins; members and read-only members do not", () => {
    expect(["OWNER", "ADMIN", "MEMBER", "VIEWER"].map((role) => can(role as "OWNER", "audit:read"))).toEqual([true, true, false, false]);
  });
});
