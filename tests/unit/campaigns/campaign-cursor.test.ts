import { describe, expect, it } from "vitest";
import { decodeCampaignCursor, encodeCampaignCursor } from "@/lib/campaigns/campaign-cursor";

const encoded = (text: string) => Buffer.from(text, "utf8").toString("base64url");

describe("the campaign list's cursor", () => {
  it("round-trips the last campaign's status, creation time and id, and says nothing readable", () => {
    const cursor = { status: "PAUSED" as const, createdAt: new Date("2026-03-04T05:06:07.089Z"), id: "cm0abc123" };
    const text = encodeCampaignCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCampaignCursor(text)).toEqual(cursor);
  });

  it.each([
    "",
    "nonsense",
    encoded("RUNNING|2026-03-04T05:06:07.089Z|cm0abc123"),
    encoded("ACTIVE|2026-13-45T00:00:00.000Z|cm0abc123"),
    encoded("ACTIVE|2026-03-04|cm0abc123"),
    encoded("ACTIVE|2026-03-04T05:06:07.089Z|not an id"),
    encoded("ACTIVE|2026-03-04T05:06:07.089Z"),
    encoded("ACTIVE|2026-03-04T05:06:07.089Z|cm0abc123|extra"),
    "a".repeat(400),
  ])("refuses %j with a 400", (text) => {
    expect(() => decodeCampaignCursor(text)).toThrow(expect.objectContaining({ code: "bad_request" }));
  });
});
