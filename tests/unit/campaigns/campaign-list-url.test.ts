import { describe, expect, it } from "vitest";
import { campaignListSearchParams, campaignListUrl } from "@/lib/campaigns/campaign-list-url";

describe("campaignListUrl", () => {
  it("names only what differs from the first page of the current view", () => {
    expect(campaignListUrl()).toBe("/advertiser/campaigns");
    expect(campaignListUrl({ view: "current", status: undefined, search: "", page: 1 })).toBe("/advertiser/campaigns");
    expect(campaignListUrl({ view: "current", search: "100% off", page: 2 })).toBe("/advertiser/campaigns?q=100%25+off&page=2");
  });

  it("puts an action's notice first", () => {
    expect(campaignListUrl({ view: "archived" }, "campaign-archived")).toBe("/advertiser/campaigns?notice=campaign-archived&view=archived");
  });

  it("stays on the list's path whatever the search holds", () => {
    expect(campaignListUrl({ search: "/../../admin?x=1#y" })).toBe("/advertiser/campaigns?q=%2F..%2F..%2Fadmin%3Fx%3D1%23y");
    expect(campaignListSearchParams({ search: "//evil.example" }).toString()).toBe("q=%2F%2Fevil.example");
  });
});
