// What each ad request, counted impression, duplicate beacon and click costs on Upstash (which
// bills per command, and per byte past a free allowance) and in Postgres statements — from the
// counters bench/load/command-cost.ts takes around a load window — and what a million of each
// costs at Upstash's public list prices. Pure arithmetic: unit-tested in tests/unit/bench.

/** Upstash Redis pay-as-you-go, as https://upstash.com/pricing/redis listed it when captured. */
export const UPSTASH_PRICES = {
  source: "https://upstash.com/pricing/redis",
  capturedOn: "2026-11-09",
  dollarsPer100kCommands: 0.2,
  freeBandwidthGBPerMonth: 200,
  dollarsPerGBPastFree: 0.03,
  /** The free tier the original Redis guide for this system quotes. */
  freeTierCommandsPerDay: 10_000,
} as const;

/** Issue 16's goals per event. */
export const COMMAND_GOALS = {
  /** Upstash commands per ad request without frequency caps (the in-process copy does the work). */
  commandsPerAdNoCaps: 0.01,
  /** With caps: at most one command per ad, in at most one request. */
  commandsPerAdCaps: 1,
  requestsPerAdCaps: 1,
  /** Per counted impression: at most 2 commands in 1 request. */
  commandsPerImpression: 2,
  requestsPerImpression: 1,
  commandsPerDuplicate: 1,
  /** Postgres statements per event, on average. */
  statementsPerEvent: 1,
} as const;

/** What the counters moved by over one load window. */
export interface TrafficDelta {
  /** Calls per command name, as redis-server counted them (INFO commandstats). */
  commandsByName: Record<string, number>;
  /** HTTP requests the Upstash REST bridge carried, and their body bytes each way. */
  upstashRequests: number;
  requestBytes: number;
  responseBytes: number;
  /** Statements the app sent to Postgres (pg_stat_statements), the bench's own left out. */
  postgresStatements: number;
}

export type CostedEvent = "ad request · no caps" | "ad request · caps on all" | "counted impression" | "duplicate beacon" | "counted click";

export interface CostMeasurement {
  event: CostedEvent;
  /** Scenario the window ran in. */
  scenario: string;
  seconds: number;
  /**
   * HTTP requests of the window, and the events among them: an answered ad request (an ad or
   * no fill — a viewer past every cap costs the cap read too); a counted beacon; a duplicate;
   * an accepted click.
   */
  httpRequests: number;
  events: number;
  delta: TrafficDelta;
}

export interface PerEvent {
  commands: number;
  upstashRequests: number;
  /** Body bytes per Upstash request, up (request) and down (response); null without a request. */
  requestBytesPerRequest: number | null;
  responseBytesPerRequest: number | null;
  /** Both ways, per event: what Upstash's bandwidth counts. */
  bytes: number;
  postgresStatements: number;
}

export function totalCommands(delta: TrafficDelta): number {
  return Object.values(delta.commandsByName).reduce((sum, calls) => sum + calls, 0);
}

export function perEvent(measurement: CostMeasurement): PerEvent {
  const { delta, events } = measurement;
  const per = (value: number) => (events > 0 ? value / events : Number.NaN);
  const perRequest = (bytes: number) => (delta.upstashRequests > 0 ? bytes / delta.upstashRequests : null);
  return {
    commands: per(totalCommands(delta)),
    upstashRequests: per(delta.upstashRequests),
    requestBytesPerRequest: perRequest(delta.requestBytes),
    responseBytesPerRequest: perRequest(delta.responseBytes),
    bytes: per(delta.requestBytes + delta.responseBytes),
    postgresStatements: per(delta.postgresStatements),
  };
}

export interface MillionCost {
  commands: number;
  /** Dollars for the commands at the pay-as-you-go price. */
  commandDollars: number;
  /** Upstash bandwidth (both ways), and its price once the month's free allowance is used up. */
  gigabytes: number;
  bandwidthDollarsPastFree: number;
}

export function costPerMillion(per: Pick<PerEvent, "commands" | "bytes">, prices = UPSTASH_PRICES): MillionCost {
  const commands = per.commands * 1_000_000;
  const gigabytes = (per.bytes * 1_000_000) / 1e9;
  return {
    commands,
    commandDollars: (commands / 100_000) * prices.dollarsPer100kCommands,
    gigabytes,
    bandwidthDollarsPastFree: gigabytes * prices.dollarsPerGBPastFree,
  };
}

/** Events a day that a free tier of so many commands a day pays for: Infinity when an event costs none. */
export function eventsPerDayInFreeTier(commandsPerEvent: number, commandsPerDay: number = UPSTASH_PRICES.freeTierCommandsPerDay): number {
  if (commandsPerEvent <= 0) return Number.POSITIVE_INFINITY;
  return Math.floor(commandsPerDay / commandsPerEvent);
}

/**
 * The in-process copy of the active set is checked against Redis (GETRANGE of the shared
 * copy's head + GET of the generation) about twice a second on a busy instance, and once per
 * ad when ads come further apart than its TTL: a cost per instance and second, not per ad.
 */
export function activeSetChecksPerSecond(measurement: CostMeasurement): number {
  return (measurement.delta.commandsByName.getrange ?? 0) / measurement.seconds;
}

export interface CostRow {
  event: CostedEvent;
  events: number;
  per: PerEvent;
  /** "getrange 0.002, get 0.002" per event. */
  commandsByName: string;
  million: MillionCost;
  freeTierPerDay: number;
  goal: string;
  /** null: reported only. */
  pass: boolean | null;
}

const GOAL_TEXT: Record<CostedEvent, string> = {
  "ad request · no caps": `≤ ${COMMAND_GOALS.commandsPerAdNoCaps} commands; ≤ ${COMMAND_GOALS.statementsPerEvent} statement`,
  "ad request · caps on all": `≤ ${COMMAND_GOALS.commandsPerAdCaps} command in ≤ ${COMMAND_GOALS.requestsPerAdCaps} request; ≤ ${COMMAND_GOALS.statementsPerEvent} statement`,
  "counted impression": `≤ ${COMMAND_GOALS.commandsPerImpression} commands in ≤ ${COMMAND_GOALS.requestsPerImpression} request; ≤ ${COMMAND_GOALS.statementsPerEvent} statement`,
  "duplicate beacon": `≤ ${COMMAND_GOALS.commandsPerDuplicate} command; ≤ ${COMMAND_GOALS.statementsPerEvent} statement`,
  "counted click": `≤ ${COMMAND_GOALS.statementsPerEvent} statement`,
};

function meetsGoal(event: CostedEvent, per: PerEvent): boolean {
  const statements = per.postgresStatements <= COMMAND_GOALS.statementsPerEvent;
  switch (event) {
    case "ad request · no caps":
      return per.commands <= COMMAND_GOALS.commandsPerAdNoCaps && statements;
    case "ad request · caps on all":
      return per.commands <= COMMAND_GOALS.commandsPerAdCaps && per.upstashRequests <= COMMAND_GOALS.requestsPerAdCaps && statements;
    case "counted impression":
      return per.commands <= COMMAND_GOALS.commandsPerImpression && per.upstashRequests <= COMMAND_GOALS.requestsPerImpression && statements;
    case "duplicate beacon":
      return per.commands <= COMMAND_GOALS.commandsPerDuplicate && statements;
    case "counted click":
      return statements;
  }
}

export function costRows(measurements: CostMeasurement[]): CostRow[] {
  return measurements.map((measurement) => {
    const per = perEvent(measurement);
    const commandsByName = Object.entries(measurement.delta.commandsByName)
      .filter(([, calls]) => calls > 0)
      .sort(([, a], [, b]) => b - a)
      .map(([name, calls]) => `${name} ${trimmed(calls / measurement.events)}`)
      .join(", ");
    return {
      event: measurement.event,
      events: measurement.events,
      per,
      commandsByName: commandsByName || "none",
      million: costPerMillion(per),
      freeTierPerDay: eventsPerDayInFreeTier(per.commands),
      goal: GOAL_TEXT[measurement.event],
      // A window without events measured nothing: a miss, not a pass.
      pass: measurement.events > 0 ? meetsGoal(measurement.event, per) : false,
    };
  });
}

/** A small number as people read it: 3 significant digits at most, no exponent, no trailing zeros. */
export function trimmed(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "—" : "∞";
  if (value === 0) return "0";
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return String(Number(value.toFixed(Math.min(digits, 6))));
}

const dollars = (value: number) => `$${value < 10 ? value.toFixed(2) : Math.round(value).toLocaleString("en")}`;
const count = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString("en") : "unlimited (no command)");
const verdict = (pass: boolean | null) => (pass === null ? "info" : pass ? "PASS" : "MISS");

export const PER_EVENT_HEADER = ["event", "events", "Upstash commands / event", "requests / event", "bytes / request up · down", "Postgres statements / event", "goal", "result"];
export const perEventCells = (row: CostRow) => [
  row.event,
  row.events.toLocaleString("en"),
  `${trimmed(row.per.commands)} (${row.commandsByName})`,
  trimmed(row.per.upstashRequests),
  row.per.requestBytesPerRequest === null ? "—" : `${Math.round(row.per.requestBytesPerRequest)} · ${Math.round(row.per.responseBytesPerRequest ?? 0)}`,
  trimmed(row.per.postgresStatements),
  row.goal,
  verdict(row.pass),
];

const PLURAL: Record<CostedEvent, string> = {
  "ad request · no caps": "ad requests · no caps",
  "ad request · caps on all": "ad requests · caps on all",
  "counted impression": "counted impressions",
  "duplicate beacon": "duplicate beacons",
  "counted click": "counted clicks",
};

export const MILLION_HEADER = ["per million", "Upstash commands", "commands at $0.20 / 100k", "Upstash bandwidth", "bandwidth past the free 200 GB / month", "a day in 10,000 free commands"];
export const millionCells = (row: CostRow) => [
  PLURAL[row.event],
  count(row.million.commands),
  dollars(row.million.commandDollars),
  `${row.million.gigabytes.toFixed(3)} GB`,
  dollars(row.million.bandwidthDollarsPastFree),
  count(row.freeTierPerDay),
];

export function costLegend(measurements: CostMeasurement[]): string {
  const serve = measurements.find((measurement) => measurement.event === "ad request · no caps");
  const checks = serve ? activeSetChecksPerSecond(serve) : Number.NaN;
  const perDay = checks * 2 * 86_400;
  return (
    `Counted over one load window per event, after the scenario's measurement: commands as redis-server ran them (INFO commandstats), requests and body bytes as the Upstash REST bridge carried them, ` +
    `statements as Postgres counted them (pg_stat_statements, top level, BEGIN/COMMIT included; the bench's own queries left out) — every command and statement in the window, background work included. ` +
    `Prices: Upstash Redis pay-as-you-go, $${UPSTASH_PRICES.dollarsPer100kCommands.toFixed(2)} per 100,000 commands, bandwidth free up to ${UPSTASH_PRICES.freeBandwidthGBPerMonth} GB a month then $${UPSTASH_PRICES.dollarsPerGBPastFree} per GB ` +
    `(${UPSTASH_PRICES.source}, as captured ${UPSTASH_PRICES.capturedOn}); bytes here are bodies only, without HTTP headers. ` +
    (Number.isFinite(checks)
      ? `Serving's commands are mostly a cost per instance, not per ad: the in-process copy of the active set was checked ${checks.toFixed(2)} times a second (GETRANGE, and a read of the generation that joins the MGET of the moment's frequency-cap reads when there are any), ` +
        `${Math.round(perDay).toLocaleString("en")} commands a day for an instance busy all day (${dollars((perDay / 100_000) * UPSTASH_PRICES.dollarsPer100kCommands)}); ` +
        `an instance whose ad requests come more than a second apart checks once per request, 2 commands — so sparse traffic fits about ${Math.floor(UPSTASH_PRICES.freeTierCommandsPerDay / 2).toLocaleString("en")} ad requests a day in the free 10,000 commands, not the figure above. ` +
        `A full read of the shared copy (after a change, or its 5-minute expiry) moves the whole active set, gzipped (its size is in the micro-benchmarks' active-set rows), to every instance: most of serving's bytes.`
      : "")
  );
}

export interface CommandCostReport {
  prices: typeof UPSTASH_PRICES;
  measurements: CostMeasurement[];
  rows: CostRow[];
  legend: string;
}

/** The goal rows of the other tables, with the cost table and its misses added. */
export function withCostGoals<T extends { goalsMissed: string[] }>(goals: T, measurements: CostMeasurement[]): T & { commandCost: CommandCostReport | null } {
  if (measurements.length === 0) return { ...goals, commandCost: null };
  const rows = costRows(measurements);
  const missed = rows
    .filter((row) => row.pass === false)
    .map((row) => `${row.event}: ${trimmed(row.per.commands)} Upstash commands in ${trimmed(row.per.upstashRequests)} requests, ${trimmed(row.per.postgresStatements)} Postgres statements (goal ${row.goal})`);
  return {
    ...goals,
    goalsMissed: [...goals.goalsMissed, ...missed],
    commandCost: { prices: UPSTASH_PRICES, measurements, rows, legend: costLegend(measurements) },
  };
}

/** One line for the log: "counted impression: 12,345 in 10.0 s — 0 Upstash commands (…), 0 requests, 1.00 Postgres statements per event". */
export function describeCost(measurement: CostMeasurement): string {
  const [row] = costRows([measurement]);
  const per = row!.per;
  return (
    `${measurement.event}: ${measurement.events.toLocaleString("en")} of ${measurement.httpRequests.toLocaleString("en")} requests in ${measurement.seconds.toFixed(1)} s — ` +
    `per event ${trimmed(per.commands)} Upstash commands (${row!.commandsByName}) in ${trimmed(per.upstashRequests)} requests, ` +
    `${trimmed(per.postgresStatements)} Postgres statements${row!.pass ? "" : ` (goal ${row!.goal})`}`
  );
}

/** The two tables (per event; per million), text or markdown cells for bench-results' formatter. */
export function costTables(report: CommandCostReport): { perEvent: string[][]; perMillion: string[][] } {
  return { perEvent: report.rows.map(perEventCells), perMillion: report.rows.map(millionCells) };
}
