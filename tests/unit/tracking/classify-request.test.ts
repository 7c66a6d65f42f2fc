import { describe, expect, it } from "vitest";
import { isBotOrPrefetch } from "@/lib/tracking/classify-request";

const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0";
const CUBOT_PHONE = "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36";

function request(headers: Record<string, string>, method = "GET") {
  return isBotOrPrefetch(new Headers(headers), method);
}

describe("isBotOrPrefetch", () => {
  it.each([
    ["desktop Chrome", CHROME],
    ["iPhone Safari", SAFARI_IPHONE],
    ["Firefox", FIREFOX],
    ["a phone whose model name contains 'bot' (Cubot)", CUBOT_PHONE],
    ["Node's fetch (undici), which drives the tests and benchmarks", "node"],
    ["older undici", "undici"],
  ])("counts %s", (_name, userAgent) => {
    expect(request({ "user-agent": userAgent })).toBe(false);
    expect(request({ "user-agent": userAgent }, "POST")).toBe(false);
  });

  it.each([
    ["Googlebot", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"],
    ["bingbot", "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"],
    ["Yahoo Slurp", "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)"],
    ["AhrefsBot", "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)"],
    ["Baidu spider", "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)"],
    ["a generic crawler", "SomeCrawler/1.0"],
    ["Facebook's link preview", "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"],
    ["Slack's unfurler", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"],
    ["WhatsApp's preview", "WhatsApp/2.23.20.0"],
    ["headless Chrome", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36"],
    ["Lighthouse", "Mozilla/5.0 (Linux; Android 11) Chrome/120.0 Mobile Safari/537.36 Chrome-Lighthouse"],
    ["curl", "curl/8.5.0"],
    ["wget", "Wget/1.21.4"],
    ["python-requests", "python-requests/2.32.3"],
    ["Go's HTTP client", "Go-http-client/1.1"],
    ["Java", "Java/17.0.2"],
    ["okhttp", "okhttp/4.12.0"],
    ["node-fetch", "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)"],
    ["axios", "axios/1.7.2"],
  ])("refuses %s", (_name, userAgent) => {
    expect(request({ "user-agent": userAgent })).toBe(true);
  });

  it("refuses an empty or missing User-Agent", () => {
    expect(request({})).toBe(true);
    expect(request({ "user-agent": "   " })).toBe(true);
  });

  it("never counts HEAD, even from a browser", () => {
    expect(request({ "user-agent": CHROME }, "HEAD")).toBe(true);
    expect(request({ "user-agent": CHROME }, "head")).toBe(true);
  });

  it.each([
    ["Purpose: prefetch", { purpose: "prefetch" }],
    ["Sec-Purpose: prefetch", { "sec-purpose": "prefetch" }],
    ["Sec-Purpose: prefetch;prerender", { "sec-purpose": "prefetch;prerender" }],
    ["Sec-Purpose: prefetch;anonymous-client-ip", { "sec-purpose": "prefetch;anonymous-client-ip" }],
    ["X-Moz: prefetch", { "x-moz": "prefetch" }],
    ["X-Purpose: preview", { "x-purpose": "preview" }],
    ["X-Purpose: PREVIEW", { "x-purpose": "PREVIEW" }],
  ])("refuses a speculative load (%s) from a browser", (_name, headers) => {
    expect(request({ "user-agent": CHROME, ...headers })).toBe(true);
  });

  it("counts a browser request whose purpose headers name nothing speculative", () => {
    expect(request({ "user-agent": CHROME, "sec-purpose": "" , "x-purpose": "navigate" })).toBe(false);
  });
});
