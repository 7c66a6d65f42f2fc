// The scheduler that runs vercel.json's jobs where Vercel Cron does not (scripts/job-scheduler.mjs,
// started by scripts/server.mjs with CRON_SECRET set): cron expressions read as Vercel reads
// them (UTC), and at each minute a schedule names, a call of the job's route with the secret —
// here to a real HTTP server the test starts, on a clock the test moves.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cronMatches, fieldMatches, previousMatch, startJobScheduler } from "@/scripts/job-scheduler.mjs";

describe("cron expressions", () => {
  it.each([
    ["*", 7, true],
    ["7", 7, true],
    ["7", 8, false],
    ["*/15", 30, true],
    ["*/15", 31, false],
    ["1,31", 31, true],
    ["9-17", 17, true],
    ["9-17", 18, false],
    ["1-9/4", 5, true],
    ["1-9/4", 6, false],
    ["*/0", 0, false],
    ["x", 1, false],
  ] as const)("the field %s names %i: %s", (field, value, expected) => {
    expect(fieldMatches(field, value)).toBe(expected);
  });

  it("reads the five fields in UTC, as Vercel Cron does", () => {
    expect(cronMatches("0 3 * * *", new Date("2026-12-07T03:00:00Z"))).toBe(true);
    expect(cronMatches("0 3 * * *", new Date("2026-12-07T03:01:00Z"))).toBe(false);
    expect(cronMatches("0 3 * * *", new Date("2026-12-07T04:00:00+01:00"))).toBe(true);
    // 7 Dec 2026 is a Monday (1).
    expect(cronMatches("30 7 * 12 1-5", new Date("2026-12-07T07:30:00Z"))).toBe(true);
    expect(cronMatches("30 7 * 12 0,6", new Date("2026-12-07T07:30:00Z"))).toBe(false);
    expect(cronMatches("0 3 * *", new Date("2026-12-07T03:00:00Z")), "four fields are no expression").toBe(false);
  });

  it("finds the last minute an expression named, this one included, within eight days", () => {
    const at = new Date("2026-12-07T09:15:40Z");
    expect(previousMatch("0 3 * * *", at)?.toISOString()).toBe("2026-12-07T03:00:00.000Z");
    expect(previousMatch("15 9 * * *", at)?.toISOString(), "the minute the server starts in").toBe("2026-12-07T09:15:00.000Z");
    expect(previousMatch("0 10 * * *", at)?.toISOString(), "not yet today: yesterday's").toBe("2026-12-06T10:00:00.000Z");
    expect(previousMatch("0 3 * * 0", at)?.toISOString(), "weekly, on Sundays").toBe("2026-12-06T03:00:00.000Z");
    expect(previousMatch("0 3 1 * *", at)?.toISOString(), "the 1st, six days back").toBe("2026-12-01T03:00:00.000Z");
    expect(previousMatch("0 3 15 * *", at), "the 15th of November is past the lookback").toBeNull();
    expect(previousMatch("0 3 *", at), "no expression").toBeNull();
  });
});

describe("startJobScheduler", () => {
  const calls: { path: string; authorization: string | undefined }[] = [];
  /** Each call as the scheduler made it: the test's clock then, and the URL. */
  const made: string[] = [];
  let server: http.Server;
  let origin: string;
  /** The minute the scheduler is in, as the test's clock says. */
  let clock = 0;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      calls.push({ path: request.url ?? "", authorization: request.headers.authorization });
      response.writeHead(request.url === "/api/cron/broken" ? 500 : 200, { "Content-Type": "application/json" });
      response.end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  /**
   * Runs the scheduler from `start` through `minutes` minutes of the test's clock: each timer
   * fires at once, the clock jumping to the minute it waited for. Returns what it logged.
   */
  async function run(crons: { path: string; schedule: string }[], start: string, minutes: number, secret = "the-cron-secret-0123456789") {
    calls.length = 0;
    made.length = 0;
    clock = Date.parse(start);
    const logged: { level: string; fields: Record<string, unknown>; message: string }[] = [];
    let fired = 0;
    const done = new Promise<void>((resolve) => {
      const scheduler = startJobScheduler({
        crons,
        origin,
        secret,
        now: () => clock,
        fetchImpl: (url: string | URL | Request, init?: RequestInit) => {
          made.push(`${new Date(clock).toISOString().slice(11, 16)} ${new URL(String(url)).pathname}`);
          return fetch(url, init);
        },
        log: (level: string, fields: Record<string, unknown>, message: string) => logged.push({ level, fields, message }),
        setTimer: (callback: () => void, delay: number) => {
          if (fired++ === minutes) {
            scheduler.stop();
            resolve();
            return undefined;
          }
          clock += delay;
          return setTimeout(callback, 0);
        },
      });
    });
    await done;
    return logged;
  }

  it("calls each job's route with the secret at the minutes its schedule names, and at no other", async () => {
    const crons = [
      { path: "/api/cron/prune-events", schedule: "0 3 * * *" },
      { path: "/api/cron/campaign-mail", schedule: "*/20 3 * * *" },
    ];
    // 02:58:30 → 03:00, 03:01, …, 03:40: 42 minutes.
    const logged = await run(crons, "2026-12-07T02:58:30Z", 42);
    await expect.poll(() => calls.length).toBe(4);
    expect(calls.map((call) => call.path).sort()).toEqual(["/api/cron/campaign-mail", "/api/cron/campaign-mail", "/api/cron/campaign-mail", "/api/cron/prune-events"]);
    expect(made.sort()).toEqual([
      "03:00 /api/cron/campaign-mail",
      "03:00 /api/cron/prune-events",
      "03:20 /api/cron/campaign-mail",
      "03:40 /api/cron/campaign-mail",
    ]);
    expect(new Set(calls.map((call) => call.authorization))).toEqual(new Set(["Bearer the-cron-secret-0123456789"]));
    expect(logged).toEqual([]);
  });

  it("at its start, after the delay asked, calls each job once with the last minute it was due — and not at all without the option", async () => {
    const crons = [
      { path: "/api/cron/prune-events", schedule: "0 3 * * *" },
      { path: "/api/cron/campaign-mail", schedule: "0 7 * * *" },
      { path: "/api/cron/monthly", schedule: "0 3 15 * *" },
    ];
    calls.length = 0;
    const start = Date.parse("2026-12-07T09:15:30Z");
    const timers: number[] = [];
    const quiet = startJobScheduler({
      crons,
      origin,
      secret: "the-cron-secret-0123456789",
      now: () => start,
      setTimer: (_callback: () => void, delay: number) => {
        timers.push(delay);
        return undefined;
      },
    });
    // Without the option: only the timer of the next minute (30 s on), no catch-up.
    expect(timers).toEqual([30_000]);
    const scheduler = startJobScheduler({ crons, origin, secret: "the-cron-secret-0123456789", catchUpAfterMs: 0, now: () => start });
    try {
      await expect.poll(() => calls.length).toBe(2);
      expect(calls.map((call) => call.path).sort()).toEqual([
        "/api/cron/campaign-mail?missed=2026-12-07T07%3A00%3A00.000Z",
        "/api/cron/prune-events?missed=2026-12-07T03%3A00%3A00.000Z",
      ]);
      expect(new Set(calls.map((call) => call.authorization))).toEqual(new Set(["Bearer the-cron-secret-0123456789"]));
    } finally {
      scheduler.stop();
      quiet.stop();
    }
  });

  it("logs a call its route answered with an error, or that reached no server, and goes on", async () => {
    const logged = await run(
      [
        { path: "/api/cron/broken", schedule: "* * * * *" },
        { path: "http://127.0.0.1:1/api/cron/nowhere", schedule: "0 * * * *" },
      ],
      "2026-12-07T09:59:10Z",
      2,
    );
    await expect.poll(() => logged.length).toBe(3);
    expect(logged.filter((line) => line.fields.status === 500)).toHaveLength(2);
    expect(logged.every((line) => line.level === "error" && line.message === "A scheduled job's call failed")).toBe(true);
    expect(logged.find((line) => line.fields.job === "http://127.0.0.1:1/api/cron/nowhere")?.fields.error).toEqual(expect.any(String));
  });
});
