import { describe, expect, it } from "vitest";
import { hasUserInfo, httpUrl, IMAGE_PATH_PREFIXES, imageSource } from "@/lib/model/urls";

describe("httpUrl", () => {
  it.each([
    ["https://example.com", "https://example.com/"],
    ["http://example.com/a?b=c#d", "http://example.com/a?b=c#d"],
  ])("accepts %j", (value, href) => {
    expect(httpUrl(value)).toBe(href);
  });

  it.each([
    ["javascript:alert(1)"],
    ["https:/example.com"],
    ["http:example.com"],
    ["https://"],
    [" https://example.com"],
    ["https://example.com/\nx"],
    // User info: a reader sees example.com, a browser goes to evil.example.
    ["https://example.com@evil.example/"],
    ["https://user:pass@host.example/"],
    ["https://user@host.example/"],
    ["https://:pass@host.example/"],
    ["https://@evil.example/"],
    ["HTTP://Example.com:@evil.example/"],
    ["https://example.com%40evil.example/"],
  ])("refuses %j", (value) => {
    expect(httpUrl(value)).toBeNull();
  });

  it("keeps an @ after the host (in the path, query or fragment)", () => {
    expect(httpUrl("https://example.com/@team?by=a@b.example#c@d")).toBe("https://example.com/@team?by=a@b.example#c@d");
    expect(httpUrl("https://example.com\\@evil.example/")).toBe("https://example.com/@evil.example/");
  });
});

describe("hasUserInfo", () => {
  it.each([
    ["https://example.com@evil.example/", true],
    ["https://user:pass@host/", true],
    ["https:\\\\user@host/", true],
    ["https://example.com/@team", false],
    ["https://example.com?a=@b", false],
    ["https://example.com#@b", false],
    ["mailto:sales@example.com", false],
  ])("%j: %s", (value, expected) => {
    expect(hasUserInfo(value)).toBe(expected);
  });
});

describe("imageSource", () => {
  it("allows paths under /demo/ and /assets/ only", () => {
    expect(IMAGE_PATH_PREFIXES).toEqual(["/demo/", "/assets/"]);
  });

  it.each([
    ["/demo/trail-shoes-300x250.svg", "/demo/trail-shoes-300x250.svg"],
    ["/assets/a.png", "/assets/a.png"],
    ["/assets/org_1/spring/banner-728x90.v2.webp", "/assets/org_1/spring/banner-728x90.v2.webp"],
    ["/assets/Spring%20sale.png", "/assets/Spring%20sale.png"],
    ["/assets/...png", "/assets/...png"],
    ["https://cdn.example.com/a.png", "https://cdn.example.com/a.png"],
    ["http://cdn.example.com/a.png?v=2#x", "http://cdn.example.com/a.png?v=2#x"],
    ["HTTPS://CDN.Example.com/a.png", "https://cdn.example.com/a.png"],
  ])("accepts %j", (value, source) => {
    expect(imageSource(value)).toBe(source);
  });

  it.each([
    // Other paths on the ad server: its API, the click redirect, pages.
    ["/api/auth/get-session"],
    ["/c/some-offer-token"],
    ["/c?t=some-offer-token"],
    ["/advertiser/campaigns"],
    ["/ads/banner.png"],
    ["/"],
    // Not quite a prefix.
    ["/demo"],
    ["/demo/"],
    ["/assets"],
    ["/assetsx/a.png"],
    ["/Demo/a.svg"],
    ["/demo-evil/a.svg"],
    ["demo/a.svg"],
    ["./demo/a.svg"],
    // Leaving the prefix: dot segments, plain or encoded, and double encoding.
    ["/demo/../api/auth/get-session"],
    ["/assets/../../c/token"],
    ["/assets/./a.png"],
    ["/assets/a/.."],
    ["/assets/%2e%2e/c/token"],
    ["/assets/.%2E/c/token"],
    ["/assets/%2E/a.png"],
    ["/assets/%252e%252e/c/token"],
    // Encoded or literal slashes and backslashes.
    ["/assets/..%2fc%2ftoken"],
    ["/assets/a%2Fb.png"],
    ["/assets/a%5cb.png"],
    ["/assets/..%5Cc"],
    ["/assets\\..\\c\\token"],
    ["/assets/a\\b.png"],
    ["/assets//evil.example/a.png"],
    ["//evil.example/assets/a.png"],
    ["/\\evil.example/assets/a.png"],
    // Queries and fragments, which could carry a path elsewhere.
    ["/assets/a.png?v=2"],
    ["/assets/?/../../c/token"],
    ["/demo/a.svg#x"],
    // Spaces, controls and bad escapes.
    ["/assets/a b.png"],
    ["/assets/a.png\n"],
    ["/assets/a%00.png"],
    ["/assets/a%0a.png"],
    ["/assets/a%zz.png"],
    ["/assets/a%E0.png"],
    ["/assets/a%.png"],
    // Not http(s), or not absolute.
    ["javascript:alert(1)"],
    ["data:image/png;base64,AAAA"],
    ["blob:https://example.com/1"],
    ["cdn.example.com/a.png"],
    ["https://cdn.example.com@evil.example/a.png"],
    [""],
  ])("refuses %j", (value) => {
    expect(imageSource(value)).toBeNull();
  });
});
