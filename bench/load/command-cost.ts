// Counts what one load window costs where it is billed: the commands redis-server ran (INFO
// commandstats), the requests and body bytes the Upstash REST bridge carried (its
// /__bridge/traffic counters), and the statements the app sent to Postgres (pg_stat_statements,
// loaded by the bench's Postgres). The bench's own queries run as a role of their own and are
// left out. The arithmetic on the counts is in bench/report/command-cost.ts.
import type { IncomingHttpHeaders } from "node:http";
import IORedis from "ioredis";
import pg from "pg";
import type { CostedEvent, CostMeasurement, TrafficDelta } from "@/bench/report/command-cost";
import { sleep } from "@/scripts/services/common.mjs";
import type { BridgeTraffic } from "@/scripts/upstash-bridge/bridge.mjs";
import type { LoadTarget } from "./measure-against-ping";
import { runLoad } from "./run-load";

/** The Postgres role the meter reads as, so that its own statements can be left out. */
const OBSERVER_ROLE = "marquee_bench_observer";

/** The shared_preload_libraries setting the bench's Postgres needs for the statement counts. */
export const POSTGRES_SETTINGS = { shared_preload_libraries: "pg_stat_statements" } as const;

interface Counters {
  commandsByName: Map<string, number>;
  bridge: BridgeTraffic;
  postgresStatements: number;
}

export class TrafficMeter {
  private constructor(
    private readonly redis: IORedis,
    private readonly db: pg.Pool,
    private readonly bridge: { url: string; token: string },
  ) {}

  /**
   * Creates pg_stat_statements in the bench database and the observer role (as the database's
   * owner, `ownerUrl`), then connects as that role.
   */
  static async open(options: { redisUrl: string; ownerUrl: string; bridgeUrl: string; bridgeToken: string }): Promise<TrafficMeter> {
    const owner = new pg.Client({ connectionString: options.ownerUrl });
    await owner.connect();
    try {
      await owner.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      const exists = await owner.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [OBSERVER_ROLE]);
      if (exists.rowCount === 0) await owner.query(`CREATE ROLE ${OBSERVER_ROLE} LOGIN IN ROLE pg_read_all_stats`);
      await owner.query(`GRANT SELECT ON "impression", "click" TO ${OBSERVER_ROLE}`);
    } finally {
      await owner.end();
    }
    const url = new URL(options.ownerUrl);
    url.username = OBSERVER_ROLE;
    const db = new pg.Pool({ connectionString: url.toString(), max: 1 });
    db.on("error", () => {});
    const redis = new IORedis(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    await redis.connect();
    return new TrafficMeter(redis, db, { url: options.bridgeUrl, token: options.bridgeToken });
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    await this.db.end();
  }

  private async counters(): Promise<Counters> {
    const commandsByName = new Map<string, number>();
    for (const match of (await this.redis.info("commandstats")).matchAll(/^cmdstat_([\w|]+):calls=(\d+)/gm)) {
      if (match[1] !== "info") commandsByName.set(match[1]!, Number(match[2]));
    }
    const response = await fetch(`${this.bridge.url}/__bridge/traffic`, { headers: { authorization: `Bearer ${this.bridge.token}` } });
    if (!response.ok) throw new Error(`The Upstash bridge's counters answered HTTP ${response.status}`);
    const bridge = (await response.json()) as BridgeTraffic;
    const { rows } = await this.db.query<{ calls: string | null }>(
      `SELECT sum(calls) AS calls FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND userid <> (SELECT oid FROM pg_roles WHERE rolname = current_user)`,
    );
    return { commandsByName, bridge, postgresStatements: Number(rows[0]?.calls ?? 0) };
  }

  /** Every counter's movement while `run` ran. */
  async measure(run: () => Promise<void>): Promise<TrafficDelta> {
    const before = await this.counters();
    await run();
    const after = await this.counters();
    const commandsByName: Record<string, number> = {};
    for (const [name, calls] of after.commandsByName) {
      const moved = calls - (before.commandsByName.get(name) ?? 0);
      if (moved > 0) commandsByName[name] = moved;
    }
    return {
      commandsByName,
      upstashRequests: after.bridge.requests - before.bridge.requests,
      requestBytes: after.bridge.requestBytes - before.bridge.requestBytes,
      responseBytes: after.bridge.responseBytes - before.bridge.responseBytes,
      postgresStatements: after.postgresStatements - before.postgresStatements,
    };
  }

  /** Rows of a table, read as the observer (for waiting on work the app does after its answers). */
  async countRows(table: "impression" | "click"): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
    return Number(rows[0]!.n);
  }
}

export interface CostWindow {
  event: CostedEvent;
  scenario: string;
  origin: string;
  target: LoadTarget;
  /** Which answers are the window's events (an ad, a counted beacon, a duplicate, an accepted click). */
  isEvent: (status: number, headers: IncomingHttpHeaders) => boolean;
  seconds: number;
  concurrency: number;
  /**
   * Waits, inside the window, for work the app does after its answers (clicks are recorded in
   * after()): the window ends when it is done, so its commands and statements are counted.
   */
  settle?: () => Promise<void>;
}

/** One load window on one target, counted. The target's prepare() runs before the window. */
export async function measureCommandCost(meter: TrafficMeter, window: CostWindow): Promise<CostMeasurement> {
  await window.target.prepare?.(window.origin, window.seconds);
  let httpRequests = 0;
  let events = 0;
  let seconds = 0;
  const delta = await meter.measure(async () => {
    const result = await runLoad({
      origin: window.origin,
      concurrency: window.concurrency,
      durationMs: window.seconds * 1_000,
      next: () => {
        const request = window.target.next();
        return {
          ...request,
          onResponse: (status, headers) => {
            request.onResponse?.(status, headers);
            httpRequests += 1;
            if (window.isEvent(status, headers)) events += 1;
          },
        };
      },
    });
    seconds = result.seconds;
    await window.settle?.();
  });
  return { event: window.event, scenario: window.scenario, seconds, httpRequests, events, delta };
}

/** Waits until a table's row count stops moving (up to `timeoutMs`): the work after the answers is done. */
export async function untilRowsSettle(meter: TrafficMeter, table: "impression" | "click", timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  for (;;) {
    const rows = await meter.countRows(table);
    if (rows === last || Date.now() > deadline) return;
    last = rows;
    await sleep(1_000);
  }
}
