import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/config/env";

describe("parseEnv", () => {
  it("defaults to the embedded PGlite database when DATABASE_URL is unset", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DATA_DIR).toBe(".data/pglite");
    expect(env.DATABASE_POOL_SIZE).toBe(10);
    expect(env.NODE_ENV).toBe("development");
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(parseEnv({ DATABASE_URL: "  " }).DATABASE_URL).toBeUndefined();
  });

  it("accepts postgres:// and postgresql:// URLs", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://u@db:5432/app" }).DATABASE_URL).toBe("postgres://u@db:5432/app");
    expect(parseEnv({ DATABASE_URL: "postgresql://u@db/app" }).DATABASE_URL).toBe("postgresql://u@db/app");
  });

  it("rejects an invalid DATABASE_URL with a message naming the variable", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://u@db/app" })).toThrow(EnvError);
    expect(() => parseEnv({ DATABASE_URL: "mysql://u@db/app" })).toThrow(/DATABASE_URL/);
  });

  it("rejects an out-of-range pool size, naming the variable", () => {
    expect(() => parseEnv({ DATABASE_POOL_SIZE: "0" })).toThrow(/DATABASE_POOL_SIZE/);
    expect(parseEnv({ DATABASE_POOL_SIZE: "4" }).DATABASE_POOL_SIZE).toBe(4);
  });
});

describe("parseEnv: client addresses and invalid traffic", () => {
  it("trusts no proxy by default, and takes TRUSTED_PROXY_HOPS and CLIENT_IP_HEADER when set", () => {
    expect(parseEnv({}).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({}).CLIENT_IP_HEADER).toBeUndefined();
    expect(parseEnv({ TRUSTED_PROXY_HOPS: "2", CLIENT_IP_HEADER: "CF-Connecting-IP" })).toMatchObject({ TRUSTED_PROXY_HOPS: 2, CLIENT_IP_HEADER: "cf-connecting-ip" });
    expect(() => parseEnv({ TRUSTED_PROXY_HOPS: "-1" })).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(() => parseEnv({ CLIENT_IP_HEADER: "not a header" })).toThrow(/CLIENT_IP_HEADER: must be an HTTP header name/);
  });

  it("filters invalid traffic by default with EthicalAds' limits, and reads new limits", () => {
    expect(parseEnv({}).invalidTraffic).toEqual({
      enabled: true,
      views: { limit: 5, windowSeconds: 300 },
      clicks: [
        { limit: 1, windowSeconds: 60 },
        { limit: 3, windowSeconds: 600 },
        { limit: 10, windowSeconds: 3600 },
        { limit: 25, windowSeconds: 86400 },
      ],
    });
    const custom = parseEnv({ INVALID_TRAFFIC_FILTER: "off", INVALID_TRAFFIC_VIEW_LIMIT: "10/600", INVALID_TRAFFIC_CLICK_LIMITS: "2/60, 20/86400" }).invalidTraffic;
    expect(custom).toEqual({ enabled: false, views: { limit: 10, windowSeconds: 600 }, clicks: [{ limit: 2, windowSeconds: 60 }, { limit: 20, windowSeconds: 86400 }] });
    expect(() => parseEnv({ INVALID_TRAFFIC_VIEW_LIMIT: "five" })).toThrow(/INVALID_TRAFFIC_VIEW_LIMIT: must be LIMIT\/SECONDS/);
    expect(() => parseEnv({ INVALID_TRAFFIC_FILTER: "maybe" })).toThrow(/INVALID_TRAFFIC_FILTER/);
  });

  it("limits the public endpoints per client by default, takes overrides per endpoint, or none", () => {
    expect(parseEnv({}).PUBLIC_RATE_LIMITS).toEqual({
      serve: { limit: 120, windowSeconds: 60 },
      impression: { limit: 120, windowSeconds: 60 },
      click: { limit: 30, windowSeconds: 60 },
      preview: { limit: 60, windowSeconds: 60 },
    });
    expect(parseEnv({ PUBLIC_RATE_LIMITS: "serve=600/60" }).PUBLIC_RATE_LIMITS?.serve).toEqual({ limit: 600, windowSeconds: 60 });
    expect(parseEnv({ PUBLIC_RATE_LIMITS: "serve=600/60" }).PUBLIC_RATE_LIMITS?.click).toEqual({ limit: 30, windowSeconds: 60 });
    expect(parseEnv({ PUBLIC_RATE_LIMITS: "off" }).PUBLIC_RATE_LIMITS).toBeNull();
    expect(() => parseEnv({ PUBLIC_RATE_LIMITS: "beacons=5/60" })).toThrow(/PUBLIC_RATE_LIMITS: "beacons=5\/60" is not ENDPOINT=LIMIT\/SECONDS/);
  });

  it("limits sign-ups per client address to 10 in 10 minutes unless SIGN_UP_LIMIT says otherwise", () => {
    expect(parseEnv({}).SIGN_UP_LIMIT).toEqual({ limit: 10, windowSeconds: 600 });
    expect(parseEnv({ SIGN_UP_LIMIT: "40/3600" }).SIGN_UP_LIMIT).toEqual({ limit: 40, windowSeconds: 3600 });
    expect(() => parseEnv({ SIGN_UP_LIMIT: "lots" })).toThrow(/SIGN_UP_LIMIT: must be LIMIT\/SECONDS/);
  });
});
