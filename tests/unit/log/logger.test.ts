// The structured log (lib/log): one JSON line per event with time, level and message; levels
// below LOG_LEVEL cost nothing; secrets never reach a line.
import { describe, expect, it } from "vitest";
import { REDACTED } from "@/lib/log/logger";
import { REQUEST_ID_HEADER, requestLog } from "@/lib/log/request-log";
import { describeError, throttledLog, withFields } from "@/lib/log/throttled-log";
import { captureLog } from "@/tests/support/log-capture";

const capture = captureLog; // a logger whose lines are kept, parsed

describe("logger", () => {
  it("writes one JSON line per event: level as a word, ISO time, message, the event's fields", () => {
    const { logger, lines, raw } = capture();
    logger.warn({ requestId: "r-1", route: "/api/serve", outcome: "no_fill", latencyMs: 3.2 }, "Something degraded");
    expect(raw).toHaveLength(1);
    expect(lines[0]).toEqual({
      level: "warn",
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      requestId: "r-1",
      route: "/api/serve",
      outcome: "no_fill",
      latencyMs: 3.2,
      message: "Something degraded",
    });
  });

  it("writes nothing below its level, and debug only when asked for", () => {
    const quiet = capture("info");
    quiet.logger.debug({ outcome: "filled" }, "request");
    quiet.logger.info("started");
    expect(quiet.lines.map((line) => line.message)).toEqual(["started"]);
    const warnOnly = capture("warn");
    warnOnly.logger.info("started");
    warnOnly.logger.error("failed");
    expect(warnOnly.lines.map((line) => [line.level, line.message])).toEqual([["error", "failed"]]);
    const verbose = capture("debug");
    verbose.logger.debug("request");
    expect(verbose.lines.map((line) => line.level)).toEqual(["debug"]);
  });

  it("never writes a token, password, secret, cookie or URL, at the top level or one down", () => {
    const { logger, raw, lines } = capture();
    logger.info(
      { token: "offer-token-abc", password: "hunter2", secret: "s3cret", url: "https://x.test/c/offer-token-abc", request: { authorization: "Bearer k", cookie: "session=1" } },
      "event",
    );
    expect(raw[0]).not.toMatch(/offer-token-abc|hunter2|s3cret|Bearer k|session=1/);
    expect(lines[0]).toMatchObject({ token: REDACTED, password: REDACTED, secret: REDACTED, url: REDACTED, request: { authorization: REDACTED, cookie: REDACTED } });
  });

  it("describes an error by its last line, without the credentials of a URL in it", () => {
    const error = new Error("query failed\nconnect to postgres://marquee:pa55word@db.internal:5432/marquee refused");
    expect(describeError(error)).toBe("connect to postgres://[redacted]@db.internal:5432/marquee refused");
    expect(describeError("redis://:topsecret@cache:6379 timed out")).toBe("redis://[redacted]@cache:6379 timed out");
  });
});

describe("throttledLog", () => {
  it("writes a message at most once per interval, at its level, then says how many it left out", () => {
    const { logger, lines } = capture();
    let clock = 0;
    const log = throttledLog({ intervalMs: 10_000, now: () => clock, logger: () => logger });
    log.warn("Redis down", { outcome: "fallback", error: new Error("ECONNREFUSED") });
    clock = 5_000;
    log.warn("Redis down");
    log.warn("Redis down");
    log.error("Database down"); // another message is not silenced
    clock = 10_000;
    log.warn("Redis down");
    expect(lines.map(({ time: _time, ...line }) => line)).toEqual([
      { level: "warn", outcome: "fallback", error: "ECONNREFUSED", message: "Redis down" },
      { level: "error", message: "Database down" },
      { level: "warn", suppressed: 2, message: "Redis down" },
    ]);
  });

  it("adds a request's fields to every line", () => {
    const { logger, lines } = capture();
    const log = withFields(throttledLog({ logger: () => logger }), () => ({ requestId: "r-2", route: "/c/[token]" }));
    log.warn("Clicks parked", { outcome: "parked" });
    expect(lines[0]).toMatchObject({ level: "warn", requestId: "r-2", route: "/c/[token]", outcome: "parked", message: "Clicks parked" });
  });
});

describe("requestLog", () => {
  it("puts the platform's request id on the answer and on the debug line, with route, outcome, status and latency", () => {
    const { logger, lines } = capture("debug");
    let clock = 100;
    const request = requestLog(new Headers({ "x-vercel-id": "fra1::abc-123" }), "/api/serve", { logger, now: () => clock, onVercel: true });
    clock = 112.5;
    const response = request.finish(new Response(null, { status: 204 }), "no_fill");
    expect(response.headers.get(REQUEST_ID_HEADER)).toBe("fra1::abc-123");
    expect(lines).toEqual([
      { level: "debug", time: expect.any(String), requestId: "fra1::abc-123", route: "/api/serve", outcome: "no_fill", status: 204, latencyMs: 12.5, message: "request" },
    ]);
  });

  it("generates the id off Vercel, where any header could come from the client", () => {
    const { logger } = capture();
    const request = requestLog(new Headers({ "x-vercel-id": "chosen-by-client" }), "/api/serve", { logger, onVercel: false });
    expect(request.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(request.finish(new Response(null), "filled").headers.get(REQUEST_ID_HEADER)).toBe(request.requestId);
  });

  it("writes no line at the default level", () => {
    const { logger, raw } = capture("info");
    requestLog(new Headers(), "/api/serve", { logger, onVercel: false }).finish(new Response(null), "filled");
    expect(raw).toEqual([]);
  });
});
