#!/usr/bin/env node
// Marquee's HTTP server wherever Vercel does not run it: `npm start`, `npm run dev`, the
// Docker image, the tests and the benchmark. It is Next.js's own request handler (the same
// one `next start` uses) behind a plain node:http server that does one more thing: it hands
// the app the TCP peer's address in a header of its own, replacing any copy the client sent.
// `next start` cannot: it only fills X-Forwarded-For from the socket when the client sent
// none, so there a client chooses its own address. lib/http/client.ts reads the header, and
// believes it only in a process this server marked.
//
//   node scripts/server.mjs [--dev] [--port 3000] [--hostname 127.0.0.1]
//
// PORT and HOSTNAME are read too (flags win). SIGTERM/SIGINT close the listener, let
// requests in flight finish (at most 10 s), then exit.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startJobScheduler } from "./job-scheduler.mjs";

const PEER_ADDRESS_HEADER = "x-marquee-peer"; // lib/http/client.ts: PEER_ADDRESS_HEADER
// The Host the request was addressed to, as it arrived: the proxy (proxy.ts) hands pages a
// rewritten Host, so links built from it would name the server's internal name.
const REQUEST_HOST_HEADER = "x-marquee-host"; // lib/http/client.ts: REQUEST_HOST_HEADER
// Next.js renders the page a server action redirects to by fetching it from this server, with
// the original request's headers: such a request carries this process's secret proof, and keeps
// the client's address and Host instead of getting this server's own.
const PROOF_HEADER = "x-marquee-proof";
const proof = Buffer.from(randomBytes(24).toString("base64url"));
const forwardedByThisServer = (value) => typeof value === "string" && value.length === proof.length && timingSafeEqual(Buffer.from(value), proof);
globalThis[Symbol.for("marquee.server")] = true;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function option(name) {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
}

const dev = process.argv.includes("--dev");
const port = Number(option("port") ?? process.env.PORT ?? 3000);
const hostname = option("hostname") ?? process.env.HOSTNAME ?? undefined;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port: ${option("port") ?? process.env.PORT}`);
  process.exit(1);
}
process.env.NODE_ENV ??= dev ? "development" : "production";
// The port this server listens on, for the app's own use (the first operator's setup link names it).
process.env.PORT = String(port);

// Production serves with the configuration the build recorded, as Next's standalone server.js
// does: the self-contained folder of the Docker image (scripts/standalone/assemble.mjs) has no
// next.config.js, and with one `next()` would warn that a standalone build needs server.js.
if (!dev && !process.env.__NEXT_PRIVATE_STANDALONE_CONFIG) {
  const recorded = path.join(root, process.env.NEXT_DIST_DIR || ".next", "required-server-files.json");
  // No build yet: next() below says so in its own words.
  if (existsSync(recorded)) process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(JSON.parse(readFileSync(recorded, "utf8")).config);
}

const { default: next } = await import("next");
const app = next({ dev, dir: root, port, hostname: hostname ?? "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((request, response) => {
  if (!forwardedByThisServer(request.headers[PROOF_HEADER])) {
    request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
    request.headers[REQUEST_HOST_HEADER] = request.headers.host ?? "";
    request.headers[PROOF_HEADER] = proof.toString();
  }
  // A body the app answered without reading to its end (a 401 before an upload is read, a 404):
  // its rest is read and dropped once the answer is out, so that the next request on the same
  // kept-alive connection is read at all. On Node 26, Next.js's reader of the body stays
  // attached to the request, paused, and that next request never got an answer (the fuzz spec,
  // tests/e2e/fuzz.spec.ts; README, Testing, Node versions).
  response.on("finish", () => {
    if (request.complete || request.destroyed) return;
    request.removeAllListeners("readable");
    request.removeAllListeners("data");
    request.resume();
  });
  handle(request, response);
});
// Longer than the usual load balancer's idle timeout (60 s), so that the server never closes
// a kept-alive connection the balancer is about to reuse.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
if (dev) app.setupWebSocketHandler?.(server);

server.listen(port, hostname, () => {
  const address = server.address();
  const shown = typeof address === "object" && address ? `${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}` : String(address);
  console.log(`Marquee ${dev ? "(development) " : ""}listening on http://${shown}`);
  startScheduledJobs(address);
});

// The jobs Vercel Cron runs from vercel.json, run here where it does not (scripts/job-scheduler.mjs):
// with CRON_SECRET set, in production. This server calls itself on the address it listens on.
let scheduler;
function startScheduledJobs(address) {
  const secret = process.env.CRON_SECRET;
  const file = path.join(root, "vercel.json");
  if (dev || !secret || typeof address !== "object" || !address || !existsSync(file)) return;
  const crons = JSON.parse(readFileSync(file, "utf8")).crons ?? [];
  const host = ["0.0.0.0", "::"].includes(address.address) ? "127.0.0.1" : address.family === "IPv6" ? `[${address.address}]` : address.address;
  // 10 s after the start, a run missed while no instance was up (a restart at 03:00) is made.
  scheduler = startJobScheduler({ crons, origin: `http://${host}:${address.port}`, secret, catchUpAfterMs: 10_000 });
  console.log(JSON.stringify({ level: "info", time: new Date().toISOString(), jobs: crons, message: "Scheduled jobs run by this server (UTC)" }));
}

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (closing) process.exit(1);
    closing = true;
    scheduler?.stop();
    server.close(() => process.exit(0));
    server.closeIdleConnections?.();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
