// A closed-loop HTTP load generator on node:http: `concurrency` keep-alive connections, each
// sending its next request as soon as the previous answer has been read, for `durationMs`.
// Every request's latency (first byte written → last byte read) is recorded, so p50/p99 are
// exact, not bucketed. Small on purpose: at the ~1k req/s a Next.js route serves on two
// cores it costs the client a few percent of a core, the same for every route compared.
import http from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import { percentile } from "./statistics";

export interface LoadRequest {
  method?: "GET" | "POST";
  /** Path and query, e.g. `/api/serve?placement=p1`. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Sees every answer of this request (tracking checks `Marquee-Event`). */
  onResponse?: (status: number, headers: IncomingHttpHeaders) => void;
}

export interface LoadOptions {
  /** Origin of the server, e.g. http://127.0.0.1:3000. */
  origin: string;
  concurrency: number;
  durationMs: number;
  /** Builds the next request (called once per request, so each may differ). */
  next: () => LoadRequest;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  /** Answered requests per second (any status). */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  /** Count per HTTP status. */
  statuses: Record<number, number>;
  /** Answers with a 5xx status. */
  serverErrors: number;
  /** Requests that got no answer (connection refused or reset, timeout). */
  failures: number;
}

const REQUEST_TIMEOUT_MS = 10_000;
/** A server that refuses every request would spin the loop: give up after this many in a row. */
const MAX_CONSECUTIVE_FAILURES = 200;

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency, maxFreeSockets: options.concurrency });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let failures = 0;
  let consecutiveFailures = 0;
  let serverErrors = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(options.durationMs) * 1_000_000n;
  let lastAnswer = started;

  const send = (request: LoadRequest) =>
    new Promise<void>((resolve) => {
      const begin = process.hrtime.bigint();
      const headers: Record<string, string> = { ...request.headers };
      if (request.body !== undefined) headers["content-length"] = String(Buffer.byteLength(request.body));
      const req = http.request(
        { agent, host: target.hostname, port: target.port, method: request.method ?? "GET", path: request.path, headers, timeout: REQUEST_TIMEOUT_MS },
        (res) => {
          res.on("data", () => {});
          res.on("end", () => {
            const end = process.hrtime.bigint();
            const status = res.statusCode ?? 0;
            latencies.push(Number(end - begin) / 1e6);
            statuses[status] = (statuses[status] ?? 0) + 1;
            if (status >= 500) serverErrors += 1;
            consecutiveFailures = 0;
            lastAnswer = end;
            request.onResponse?.(status, res.headers);
            resolve();
          });
          res.on("error", () => fail());
        },
      );
      const fail = () => {
        failures += 1;
        consecutiveFailures += 1;
        resolve();
      };
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", fail);
      req.end(request.body);
    });

  const loop = async () => {
    while (process.hrtime.bigint() < deadline && consecutiveFailures < MAX_CONSECUTIVE_FAILURES) {
      await send(options.next());
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  agent.destroy();
  if (consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
    throw new Error(`The server stopped answering (${consecutiveFailures} failed requests in a row at ${options.origin})`);
  }

  const seconds = Number(lastAnswer - started) / 1e9;
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    seconds,
    rps: seconds > 0 ? latencies.length / seconds : 0,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    meanMs: sorted.length ? sorted.reduce((sum, value) => sum + value, 0) / sorted.length : 0,
    maxMs: sorted.length ? sorted[sorted.length - 1]! : 0,
    statuses,
    serverErrors,
    failures,
  };
}
