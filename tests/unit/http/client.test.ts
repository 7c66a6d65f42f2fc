import { describe, expect, it } from "vitest";
import { clientAddress, clientAddressSource, clientCountry, normalizeAddress, PEER_ADDRESS_HEADER, publicOrigin } from "@/lib/http/client";

const selfHosted = { TRUSTED_PROXY_HOPS: 0, CLIENT_IP_HEADER: undefined, VERCEL: undefined };
const behind = (hops: number) => ({ ...selfHosted, TRUSTED_PROXY_HOPS: hops });
const headers = (entries: Record<string, string>) => new Headers(entries);

describe("clientAddress behind Marquee's own server", () => {
  it("is the TCP peer, whatever X-Forwarded-For and X-Real-IP claim", () => {
    const sent = headers({ [PEER_ADDRESS_HEADER]: "198.51.100.7", "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.10" });
    expect(clientAddress(sent, selfHosted, true)).toBe("198.51.100.7");
  });

  it.each([
    [1, "203.0.113.9, 10.0.0.1", "10.0.0.2", "10.0.0.1"],
    [1, "1.1.1.1, 203.0.113.9", "10.0.0.2", "203.0.113.9"],
    [2, "1.1.1.1, 203.0.113.9, 10.0.0.1", "10.0.0.2", "203.0.113.9"],
    [2, "", "10.0.0.2", "10.0.0.2"],
    [3, "203.0.113.9", "10.0.0.2", "203.0.113.9"],
  ])("with %i trusted proxies and X-Forwarded-For %j from peer %s, the client is %s", (hops, forwarded, peer, expected) => {
    const sent = headers({ [PEER_ADDRESS_HEADER]: peer, ...(forwarded ? { "x-forwarded-for": forwarded } : {}) });
    expect(clientAddress(sent, behind(hops), true)).toBe(expected);
  });

  it("ignores the peer header in a process Marquee's server did not start (a client could send it)", () => {
    const sent = headers({ [PEER_ADDRESS_HEADER]: "198.51.100.7", "x-forwarded-for": "203.0.113.9" });
    expect(clientAddress(sent, selfHosted, false)).toBe("203.0.113.9");
    expect(clientAddressSource(selfHosted, false)).toBe("unverified");
    expect(clientAddressSource(selfHosted, true)).toBe("peer");
  });

  it("reads an IPv4-mapped IPv6 peer as IPv4", () => {
    expect(clientAddress(headers({ [PEER_ADDRESS_HEADER]: "::ffff:127.0.0.5" }), selfHosted, true)).toBe("127.0.0.5");
  });
});

describe("clientAddress on a platform that sets the client's address", () => {
  it("on Vercel is X-Real-IP, which Vercel overwrites", () => {
    const sent = headers({ "x-real-ip": "198.51.100.7", "x-forwarded-for": "203.0.113.9", [PEER_ADDRESS_HEADER]: "10.0.0.1" });
    expect(clientAddress(sent, { ...selfHosted, VERCEL: "1" }, false)).toBe("198.51.100.7");
    expect(clientAddressSource({ ...selfHosted, VERCEL: "1" }, false)).toBe("platform-header");
  });

  it("is the header CLIENT_IP_HEADER names", () => {
    const sent = headers({ "cf-connecting-ip": "2001:DB8::1", "x-forwarded-for": "203.0.113.9" });
    expect(clientAddress(sent, { ...selfHosted, CLIENT_IP_HEADER: "cf-connecting-ip" }, true)).toBe("2001:db8::1");
  });

  it("is the unknown address when the platform's header is missing or not an address", () => {
    expect(clientAddress(headers({}), { ...selfHosted, VERCEL: "1" }, false)).toBe("0.0.0.0");
    expect(clientAddress(headers({ "x-real-ip": "<script>" }), { ...selfHosted, VERCEL: "1" }, false)).toBe("0.0.0.0");
  });
});

describe("normalizeAddress", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["203.0.113.9:443", "203.0.113.9"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["::FFFF:10.1.2.3", "10.1.2.3"],
    ["not an address", undefined],
    ["", undefined],
  ])("%j → %j", (value, expected) => {
    expect(normalizeAddress(value)).toBe(expected);
  });
});

describe("publicOrigin", () => {
  const config = { MARQUEE_PUBLIC_URL: undefined, TRUSTED_PROXY_HOPS: 0, VERCEL: undefined };

  it("prefers the configured public URL", () => {
    expect(publicOrigin(headers({ host: "127.0.0.1:3000" }), { ...config, MARQUEE_PUBLIC_URL: "https://ads.example.com" })).toBe("https://ads.example.com");
  });

  it("uses the Host header, over http, without a trusted proxy", () => {
    expect(publicOrigin(headers({ host: "127.0.0.1:3000" }), config, false)).toBe("http://127.0.0.1:3000");
  });

  it("uses the Host the request arrived with behind Marquee's server (pages see a rewritten one)", () => {
    expect(publicOrigin(headers({ host: "localhost:3000", "x-marquee-host": "127.0.0.1:3100" }), config, true)).toBe("http://127.0.0.1:3100");
    expect(publicOrigin(headers({ host: "127.0.0.1:3000", "x-marquee-host": "evil.example" }), config, false)).toBe("http://127.0.0.1:3000");
  });

  it("ignores a forwarded host and protocol that no trusted proxy set", () => {
    expect(publicOrigin(headers({ host: "ads.example.com", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }), config)).toBe("http://ads.example.com");
  });

  it("follows the forwarded host and protocol behind a trusted proxy, and on Vercel", () => {
    const sent = headers({ host: "10.0.0.5:3000", "x-forwarded-host": "ads.example.com", "x-forwarded-proto": "https" });
    expect(publicOrigin(sent, { ...config, TRUSTED_PROXY_HOPS: 1 })).toBe("https://ads.example.com");
    expect(publicOrigin(sent, { ...config, VERCEL: "1" })).toBe("https://ads.example.com");
  });

  it.each([[{}], [{ host: "" }], [{ host: 'evil.example"><script>' }], [{ host: "a.example/path" }], [{ host: "user@a.example" }]])(
    "%j → null (nothing unsafe reaches a URL)",
    (entries) => {
      expect(publicOrigin(headers(entries), config)).toBeNull();
    },
  );
});

describe("clientCountry", () => {
  it("reads a valid country code and falls back to ZZ", () => {
    expect(clientCountry(new Headers({ "x-vercel-ip-country": "de" }), "x-vercel-ip-country")).toBe("DE");
    expect(clientCountry(new Headers({ "x-vercel-ip-country": "Germany" }), "x-vercel-ip-country")).toBe("ZZ");
    expect(clientCountry(new Headers(), "x-vercel-ip-country")).toBe("ZZ");
  });
});
