import { describe, expect, it } from "vitest";
import { clientCountry, clientIp, publicOrigin } from "@/lib/http/client";

const request = (headers: Record<string, string>, url = "http://localhost:3000/api/serve") => ({ headers: new Headers(headers), url });

describe("publicOrigin", () => {
  it("prefers the configured public URL", () => {
    expect(publicOrigin(request({ host: "127.0.0.1:3000" }), "https://ads.example.com")).toBe("https://ads.example.com");
  });

  it("uses the host the request was addressed to, not the server's own name", () => {
    expect(publicOrigin(request({ host: "127.0.0.1:3000" }))).toBe("http://127.0.0.1:3000");
  });

  it("follows the proxy's forwarded host and protocol", () => {
    expect(publicOrigin(request({ host: "10.0.0.5:3000", "x-forwarded-host": "ads.example.com", "x-forwarded-proto": "https" }))).toBe("https://ads.example.com");
  });

  it("ignores a host header that is not a host name", () => {
    expect(publicOrigin(request({ host: "evil.example/<script>" }))).toBe("http://localhost:3000");
  });
});

describe("clientIp and clientCountry", () => {
  it("takes the first forwarded address", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.1" }))).toBe("203.0.113.9");
  });

  it("reads a valid country code and falls back to ZZ", () => {
    expect(clientCountry(new Headers({ "x-vercel-ip-country": "de" }), "x-vercel-ip-country")).toBe("DE");
    expect(clientCountry(new Headers({ "x-vercel-ip-country": "Germany" }), "x-vercel-ip-country")).toBe("ZZ");
    expect(clientCountry(new Headers(), "x-vercel-ip-country")).toBe("ZZ");
  });
});
