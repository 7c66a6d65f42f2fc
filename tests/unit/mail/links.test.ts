import { describe, expect, it } from "vitest";
import { localPath } from "@/lib/http/local-path";
import { mailLink, organizationMailLink } from "@/lib/mail/links";

const config = { MARQUEE_PUBLIC_URL: "https://ads.example.com" };

describe("links in mail", () => {
  it("always use the public origin", () => {
    expect(mailLink("/reset-password?token=abc", config)).toBe("https://ads.example.com/reset-password?token=abc");
  });

  it("name the organisation a page belongs to, and the page, which the switch page reads back as a local path", () => {
    const link = new URL(organizationMailLink("org_1", "/advertiser/campaigns/c1/creatives/k 2/edit?from=mail", config));
    expect(`${link.origin}${link.pathname}`).toBe("https://ads.example.com/switch");
    expect(link.searchParams.get("organization")).toBe("org_1");
    expect(localPath(link.searchParams.get("next"))).toBe("/advertiser/campaigns/c1/creatives/k%202/edit?from=mail");
  });
});
