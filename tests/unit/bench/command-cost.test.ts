import { describe, expect, it } from "vitest";
import {
  activeSetChecksPerSecond,
  costPerMillion,
  costRows,
  eventsPerDayInFreeTier,
  perEvent,
  trimmed,
  withCostGoals,
  type CostMeasurement,
  type TrafficDelta,
} from "@/bench/report/command-cost";

const delta = (overrides: Partial<TrafficDelta> = {}): TrafficDelta => ({
  commandsByName: {},
  upstashRequests: 0,
  requestBytes: 0,
  responseBytes: 0,
  postgresStatements: 0,
  ...overrides,
});

const window = (event: CostMeasurement["event"], events: number, traffic: Partial<TrafficDelta>, seconds = 10): CostMeasurement => ({
  event,
  scenario: "test",
  seconds,
  httpRequests: events,
  events,
  delta: delta(traffic),
});

describe("per event", () => {
  it("divides commands, requests, bytes and statements by the window's events", () => {
    const measured = window("ad request · caps on all", 1_000, {
      commandsByName: { mget: 1_000, getrange: 20, get: 20 },
      upstashRequests: 400,
      requestBytes: 400 * 150,
      responseBytes: 400 * 50,
      postgresStatements: 3,
    });
    expect(perEvent(measured)).toEqual({
      commands: 1.04,
      upstashRequests: 0.4,
      requestBytesPerRequest: 150,
      responseBytesPerRequest: 50,
      bytes: 80,
      postgresStatements: 0.003,
    });
  });

  it("has no bytes per request when no request was made", () => {
    const per = perEvent(window("counted impression", 10, { postgresStatements: 10 }));
    expect(per).toMatchObject({ commands: 0, upstashRequests: 0, requestBytesPerRequest: null, responseBytesPerRequest: null, bytes: 0, postgresStatements: 1 });
  });
});

describe("cost per million at Upstash's list prices", () => {
  it("prices commands at $0.20 per 100,000 and counts bandwidth in GB both ways", () => {
    // 2 commands an event: 2 million commands = 20 × 100,000 = $4.00; 500 bytes an event = 0.5 GB.
    expect(costPerMillion({ commands: 2, bytes: 500 })).toEqual({ commands: 2_000_000, commandDollars: 4, gigabytes: 0.5, bandwidthDollarsPastFree: 0.015 });
  });

  it("costs nothing for an event without commands", () => {
    expect(costPerMillion({ commands: 0, bytes: 0 })).toEqual({ commands: 0, commandDollars: 0, gigabytes: 0, bandwidthDollarsPastFree: 0 });
  });
});

describe("events a day in the free 10,000 commands", () => {
  it("is 10,000 ÷ the commands per event, rounded down", () => {
    expect(eventsPerDayInFreeTier(2)).toBe(5_000);
    expect(eventsPerDayInFreeTier(0.003)).toBe(3_333_333);
    expect(eventsPerDayInFreeTier(1, 500)).toBe(500);
  });

  it("has no limit for events that cost no command", () => {
    expect(eventsPerDayInFreeTier(0)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("the goal rows", () => {
  it("passes a counted impression of 2 commands in 1 request and 1 statement, and misses one of 3 commands", () => {
    const [ok, over] = costRows([
      window("counted impression", 100, { commandsByName: { incrby: 100, expire: 100 }, upstashRequests: 100, postgresStatements: 100 }),
      window("counted impression", 100, { commandsByName: { set: 100, get: 100, incrby: 100 }, upstashRequests: 100, postgresStatements: 100 }),
    ]);
    expect(ok!.pass).toBe(true);
    expect(ok!.commandsByName).toBe("incrby 1, expire 1");
    expect(over!.pass).toBe(false);
  });

  it("misses serving without caps above 0.01 commands per ad request, and more than one statement per event", () => {
    const [commands, statements] = costRows([
      window("ad request · no caps", 1_000, { commandsByName: { getrange: 6, get: 6 } }),
      window("duplicate beacon", 100, { postgresStatements: 150 }),
    ]);
    expect(commands!.per.commands).toBe(0.012);
    expect(commands!.pass).toBe(false);
    expect(statements!.pass).toBe(false);
  });

  it("misses a window that measured no event rather than passing it", () => {
    expect(costRows([window("counted click", 0, {})])[0]!.pass).toBe(false);
  });

  it("adds the misses to the other tables' and keeps the measurements", () => {
    const measurements = [window("duplicate beacon", 10, { commandsByName: { get: 20 } })];
    const goals = withCostGoals({ goalsMissed: ["an earlier miss"] }, measurements);
    expect(goals.goalsMissed).toHaveLength(2);
    expect(goals.goalsMissed[1]).toMatch(/^duplicate beacon: 2 Upstash commands/);
    expect(goals.commandCost?.measurements).toBe(measurements);
    expect(withCostGoals({ goalsMissed: [] }, []).commandCost).toBeNull();
  });
});

it("reads the active set's checks a second from the GETRANGEs of the serving window", () => {
  expect(activeSetChecksPerSecond(window("ad request · no caps", 5_000, { commandsByName: { getrange: 19, get: 19 } }, 10))).toBeCloseTo(1.9);
});

it("writes small numbers with at most 3 significant digits", () => {
  expect([trimmed(0), trimmed(2), trimmed(0.0123456), trimmed(1.04), trimmed(Number.NaN), trimmed(Number.POSITIVE_INFINITY)]).toEqual(["0", "2", "0.0123", "1.04", "—", "∞"]);
});
