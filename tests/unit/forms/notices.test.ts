import { describe, expect, it } from "vitest";
import { noticeFor, noticeUrl } from "@/lib/forms/notices";

describe("the notice table", () => {
  it("finds a confirmation and an error by code, with their tone", () => {
    expect(noticeFor("campaign-created")).toEqual({ tone: "success", message: "Campaign created. Add a creative: it serves once an operator approves it." });
    expect(noticeFor("site-created")).toEqual({ tone: "success", message: "Site added. Add a placement to get its embed snippet." });
    expect(noticeFor("last-owner")).toEqual({
      tone: "error",
      message: "An organisation needs at least one owner: make another member an owner first. Nothing was changed.",
    });
  });

  it("shows nothing for a missing, repeated or unknown code, or a name from Object's prototype", () => {
    expect(noticeFor(undefined)).toBeNull();
    expect(noticeFor(["campaign-created", "campaign-created"])).toBeNull();
    expect(noticeFor("nope")).toBeNull();
    expect(noticeFor("constructor")).toBeNull();
    expect(noticeFor("__proto__")).toBeNull();
  });

  it("builds the URL an action redirects to", () => {
    expect(noticeUrl("/settings/api-keys", "key-revoked")).toBe("/settings/api-keys?notice=key-revoked");
  });
});
