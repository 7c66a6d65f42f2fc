// A bounded black-box fuzz of everything a stranger can send: the public ad endpoints, the
// management API, better-auth's routes, the pages, and every server action of every form
// (posted the way a browser without JavaScript posts it, and through the fetch protocol with
// a raw `Next-Action` header). Thousands of malformed requests; for each the same promise:
// no 5xx, and no stack trace, SQL, Prisma internals, error page or secret in the answer.
//
// Reproducible: every case draws from its own stream of a seeded PRNG (FUZZ_SEED, printed at
// the start), named in each failure as `area#n`, whatever ran before or beside it.
//
// Its own production instance on its own database, so nothing here disturbs the other specs.
// PostgreSQL, not PGlite: PGlite is one connection inside the server process, so a dozen
// concurrent requests queue behind each other and the fuzz would measure that queue; Postgres
// lets the instance run its real pool, as deployed.
//
// The test logic is here: the areas, sending, and judging the answers. The cases themselves —
// random inputs, requests per area, crawled forms, the other organisations' rows — are in
// tests/e2e/support/fuzz/.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import http from "node:http";
import type net from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { sleep, startPostgres, type PostgresServer } from "@/tests/support/services";
import { generate, type FuzzCase, type FuzzResponse, type FuzzRun, type PendingCase } from "./support/fuzz/cases";
import { checkQuery } from "./support/database";
import { insertFixtures, otherOrganisationsSnapshot, sha256 } from "./support/fuzz/fixtures";
import { actionCases, crawlForms, ROLE_PAGES } from "./support/fuzz/forms";
import { excerpt, findLeaks, HUGE, NASTY_IDS, NASTY_STRINGS } from "./support/fuzz/inputs";
import { apiCase, authApiCase, cronCase, healthCase, pageCase, pathCase, reportsCsvCase, serveCase, trackingCase } from "./support/fuzz/requests";
import { startAppInstance, stopAppInstance, type Instance } from "./support/instances";
import { demoAccounts, demoSession, type StorageState } from "./support/sign-in";

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_125) >>> 0;
const SECRET = randomBytes(32).toString("hex");
const CRON_SECRET = randomBytes(24).toString("hex");
/** Requests in flight: enough to overlap the database, not so many that two cores only queue. */
const CONCURRENCY = 12;
// The tests' timeouts leave room for a busy CI machine (two cores, load ~10), where the fuzz
// runs about four times slower than on an idle one: the forms test took 3.8 minutes there.

let postgres: PostgresServer | undefined;
let databaseUrl = "";
let database: pg.Pool | undefined;
let instance: Instance | undefined;
/** This run's seed, and the instance with its secrets and API keys: what the cases are made for. */
let run: FuzzRun;
let othersBefore = "";
const sessions: Partial<Record<keyof typeof demoAccounts, StorageState>> = {};
/** Requests sent, by area, over the whole spec (the log's closing line). */
const totals: Record<string, number> = {};
/** Requests sent again on a fresh connection (see send), over the whole spec. */
let resentTotal = 0;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  const startedAt = Date.now();
  console.log(`[fuzz] FUZZ_SEED=${SEED} (set FUZZ_SEED to replay a run)`);
  postgres = await startPostgres();
  databaseUrl = await postgres.createDatabase("marquee_fuzz");
  // Migrations and demo seed as `npm start` applies them; a child process because Playwright's
  // loader cannot import the ESM-only generated Prisma client (see tracking-storm.spec.ts).
  const prepare = spawnSync(path.join(process.cwd(), "node_modules", ".bin", "tsx"), ["scripts/db/prepare.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: databaseUrl, MARQUEE_SECRET: SECRET, MARQUEE_DEMO: "1" },
    encoding: "utf8",
  });
  if (prepare.status !== 0) throw new Error(`Database preparation failed:\n${prepare.stdout}\n${prepare.stderr}`);
  database = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // An idle connection that Postgres closes must not crash the worker: the pool replaces it.
  database.on("error", () => {});
  const keys = await insertFixtures(database);
  othersBefore = await otherOrganisationsSnapshot(database);

  instance = await startInstance();
  run = { seed: SEED, url: instance.url, secret: SECRET, cronSecret: CRON_SECRET, keys };
  // Signed in once per account, before anything fuzzes the sign-in limits.
  for (const role of ["advertiser", "publisher", "admin"] as const) {
    sessions[role] = await demoSession(browser, instance.url, demoAccounts[role].email, demoAccounts[role].password);
  }
  console.log(`[fuzz] instance ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus || !instance) return;
  const state = instance.process.exitCode !== null || instance.process.signalCode !== null ? `exited (${instance.process.exitCode ?? instance.process.signalCode})` : "running";
  await testInfo.attach("fuzz instance output", { body: `${state}\n${instance.output()}`, contentType: "text/plain" });
  console.log(`[fuzz] instance ${state}; last output:\n${instance.output().slice(-4_000)}`);
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  const summary = Object.entries(totals).map(([area, count]) => `${area} ${count}`).join(", ");
  const total = Object.values(totals).reduce((sum, count) => sum + count, 0);
  console.log(`[fuzz] ${total} requests (seed ${SEED}): ${summary}; ${resentTotal} sent again on a fresh connection after a kept-alive one was closed under them`);
  agent.destroy();
  if (instance) await stopAppInstance(instance);
  await database?.end().catch(() => {});
  await postgres?.stop().catch(() => {});
});

// ─── The tests ──────────────────────────────────────────────────────────────
// Not serial: a failing area must not hide the others (Playwright then restarts the worker,
// and the remaining tests get a fresh instance).

test("the fuzz's own inputs never look like a leak", () => {
  // Forms echo what was typed; an input that matched findLeaks would be a false alarm.
  for (const value of [...NASTY_STRINGS, ...NASTY_IDS, HUGE]) expect(findLeaks(value, secrets()), excerpt(value)).toEqual([]);
});

test("public endpoints answer malformed requests with a 4xx and leak nothing", async () => {
  test.setTimeout(300_000);
  const logFrom = instance!.output().length;
  const cases = [
    ...generate(run, "serve", 400, serveCase),
    ...generate(run, "impression", 450, (rng, id) => trackingCase(rng, id, run, "/api/i", ["GET", "POST", "HEAD", "OPTIONS"])),
    ...generate(run, "click", 250, (rng, id) => trackingCase(rng, id, run, "/c", ["GET", "HEAD"])),
    ...generate(run, "health", 60, healthCase),
    ...generate(run, "cron", 60, cronCase),
    ...generate(run, "reports-anonymous", 40, (rng, id) => reportsCsvCase(rng, id, undefined)),
    ...generate(run, "pages", 200, (rng, id) => pageCase(rng, id, undefined)),
    ...generate(run, "paths", 160, pathCase),
  ];
  await expectClean(await runCases(cases), logFrom);
});

test("better-auth's routes answer malformed requests with a 4xx and leak nothing", async () => {
  test.setTimeout(180_000);
  const logFrom = instance!.output().length;
  await expectClean(await runCases(generate(run, "auth-api", 300, authApiCase)), logFrom);
  // Sign-up must never grant the platform role, whatever the body says.
  expect(await scalar(`SELECT count(*) FROM "user" WHERE "role" <> 'user'`), "operators").toBe(1);
});

test("the management API answers malformed requests with a 4xx and its JSON error", async () => {
  test.setTimeout(300_000);
  const logFrom = instance!.output().length;
  await expectClean(await runCases(generate(run, "api-v1", 1_200, apiCase)), logFrom);
});

test("every dashboard form's server action survives mutated posts, with and without JavaScript", async ({ browser }) => {
  test.setTimeout(600_000);
  const logFrom = instance!.output().length;
  const failures: string[] = [];
  for (const role of ["advertiser", "publisher", "admin"] as const) {
    const session = sessions[role]!;
    const crawl = await crawlForms(browser, run.url, session, ROLE_PAGES[role], secrets());
    failures.push(...crawl.failures);
    console.log(`[fuzz] ${role}: ${crawl.pages.length} pages, ${crawl.forms.length} forms (${crawl.forms.map((form) => form.label).join(" | ")})`);
    expect(crawl.forms.length, `${role}'s forms`).toBeGreaterThan(0);
    // Forms that may take the account out of its own organisation (members) go last.
    const [ordinary, members] = partition(crawl.forms, (form) => !form.page.startsWith("/settings/members"));
    const cookie = cookieHeader(session);
    const signedInRequests = [
      ...generate(run, `pages-${role}`, 40, (rng, id) => pageCase(rng, id, cookie, crawl.pages)),
      ...(role === "admin" ? [] : generate(run, `reports-${role}`, 60, (rng, id) => reportsCsvCase(rng, id, cookie))),
    ];
    failures.push(...(await runCases([...signedInRequests, ...actionCases(run, role, ordinary, cookie, crawl.actionIds)])));
    failures.push(...(await runCases(actionCases(run, `${role}-members`, members, cookie, crawl.actionIds))));
  }
  await expectClean(failures, logFrom);
});

test("the sign-in, sign-up and invitation forms survive mutated posts while signed out", async ({ browser }) => {
  test.setTimeout(180_000);
  const logFrom = instance!.output().length;
  // A fresh invitation: the members forms may have revoked, and the join forms used, the others.
  const token = randomBytes(32).toString("base64url");
  await checkQuery(database!, `INSERT INTO "verification" ("id", "identifier", "value", "expiresAt", "updatedAt") VALUES ($1, 'invite:demo-org-advertiser', $2, $3, now())`, [
    `fuzz-invitation-${randomBytes(4).toString("hex")}`,
    `${sha256(token)}:MEMBER`,
    new Date(Date.now() + 86_400_000),
  ]);
  const crawl = await crawlForms(browser, run.url, { cookies: [], origins: [] }, ["/sign-in", "/sign-up", `/invite/${token}`], secrets());
  console.log(`[fuzz] signed out: ${crawl.forms.length} forms (${crawl.forms.map((form) => form.label).join(" | ")})`);
  expect(crawl.forms.length, "the sign-in, sign-up and invitation forms").toBeGreaterThanOrEqual(3);
  await expectClean([...crawl.failures, ...(await runCases(actionCases(run, "signed-out", crawl.forms, undefined, crawl.actionIds)))], logFrom);
});

/**
 * The promise, for one test's requests: no failing response, nothing unexpected in the
 * server's log since `logFrom`, and not one row of another organisation changed.
 */
async function expectClean(failures: readonly string[], logFrom: number): Promise<void> {
  const log = instance!.output().slice(logFrom);
  const unexpected = unexpectedLogEntries(log);
  if (failures.length || unexpected.length) {
    // Everything, for the one who reads the report: every failure, and this test's server log.
    const info = test.info();
    writeFileSync(info.outputPath("failures.txt"), failures.join("\n\n"));
    writeFileSync(info.outputPath("instance-output.txt"), log);
    await info.attach("failures", { path: info.outputPath("failures.txt"), contentType: "text/plain" });
    await info.attach("instance output of this test", { path: info.outputPath("instance-output.txt"), contentType: "text/plain" });
  }
  const shown = failures.slice(0, 15).join("\n\n");
  expect.soft(failures.length, `${failures.length} failing request(s); the first ${Math.min(15, failures.length)}:\n\n${shown}`).toBe(0);
  expect.soft(unexpected, `unexpected entries in the instance's output:\n${unexpected.slice(0, 10).join("\n---\n")}`).toEqual([]);
  expect(await otherOrganisationsSnapshot(database!), "rows of the other organisations").toBe(othersBefore);
}

async function scalar(sql: string): Promise<number> {
  const { rows } = await database!.query<{ count: string }>(sql);
  return Number(rows[0]?.count ?? 0);
}

// ─── Sending and judging ────────────────────────────────────────────────────

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
/** Sockets of the agent that have been given a request, and when each was last handed back. */
const usedSockets = new WeakSet<net.Socket>();
const idleSince = new WeakMap<net.Socket, number>();
agent.on("free", (socket: net.Socket) => idleSince.set(socket, performance.now()));
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** One answer slower than this under the fuzz's load is a failure too (a cheap request that is expensive). */
const SLOW_SECONDS = 10;

/**
 * Sends one case and reads the whole answer.
 *
 * Connections are kept alive, as browsers keep them. The server (`next start`, Node's defaults)
 * closes one that has been idle for 5 s; Node 20's agent does not act on the
 * `Keep-Alive: timeout=5` it announces, and drops the socket only once it has read the server's
 * FIN. On a busy machine the client can hand the socket to the next request before it gets to
 * read that FIN, and the request goes into a connection the server has already closed: "socket
 * hang up" or ECONNRESET without a byte of answer (3 requests of a CI run). As browsers do, such
 * a request is sent again, once, on a connection of its own, and counted (see runCases) — only
 * when the connection had already carried an earlier request and not one byte of answer came
 * back. A reset of a new connection, or after the answer started, and anything that goes wrong
 * the second time, stay failures: a request the server itself breaks fails again.
 */
function send(fuzzCase: FuzzCase, fresh = false): Promise<FuzzResponse> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const headers: Record<string, string | number> = { ...fuzzCase.headers };
    if (fuzzCase.body !== undefined) headers["content-length"] = Buffer.byteLength(fuzzCase.body);
    let answered = false;
    let reused = false;
    let idleMs = 0;
    let bytesReadBefore = 0;
    const request = http.request(
      // agent: false: a connection of its own, closed after the answer.
      { host: "127.0.0.1", port: instance!.port, method: fuzzCase.method, path: fuzzCase.path, headers, agent: fresh ? false : agent, timeout: fuzzCase.timeoutMs ?? 15_000 },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString("utf8"), seconds: (performance.now() - startedAt) / 1000 }),
        );
        response.on("error", reject);
      },
    );
    request.on("socket", (socket: net.Socket) => {
      // Not request.reusedSocket: it is false for a kept-alive socket handed to a queued request.
      reused = usedSockets.has(socket);
      usedSockets.add(socket);
      const now = performance.now();
      idleMs = reused ? now - (idleSince.get(socket) ?? now) : 0;
      bytesReadBefore = socket.bytesRead;
    });
    request.on("timeout", () => request.destroy(new Error(`no answer within ${(fuzzCase.timeoutMs ?? 15_000) / 1000} s`)));
    request.on("error", (error: NodeJS.ErrnoException) => {
      const nothingRead = !answered && (request.socket?.bytesRead ?? bytesReadBefore) === bytesReadBefore;
      const connection = fresh
        ? "sent again on a connection of its own, after a kept-alive one was closed under it"
        : reused
          ? `on a kept-alive connection idle for ${(idleMs / 1000).toFixed(1)} s`
          : "on a new connection";
      if (!fresh && reused && nothingRead && (error.code === "ECONNRESET" || error.code === "EPIPE")) {
        // eslint-disable-next-line no-restricted-syntax -- settles this request's own promise (resolve/reject above), which its caller awaits
        send(fuzzCase, true).then((response) => resolve({ ...response, resent: `${error.message} ${connection}` }), reject);
        return;
      }
      reject(new Error(`${error.message} (${connection}${nothingRead ? "" : ", after the answer started"})`, { cause: error }));
    });
    if (fuzzCase.body !== undefined) request.write(fuzzCase.body);
    request.end();
  });
}

function secrets(): string[] {
  const url = new URL(databaseUrl);
  return [SECRET, CRON_SECRET, databaseUrl, `${url.hostname}:${url.port}`, ...(url.password ? [url.password] : [])];
}

/** What Next.js answers, before any route runs, to a dynamic segment it cannot percent-decode. */
const NEXT_DECODE_500 = "Internal Server Error";

/**
 * A path whose %-escapes do not decode (`/c/%E0`). Next.js 16.4 answers those in a dynamic
 * segment with a bare 500 (vercel/next.js#92527, fix in #92557): a framework bug, accepted only
 * in exactly that form, and counted in the log line.
 */
function hasMalformedEscape(path: string): boolean {
  try {
    decodeURIComponent(path.split("?")[0]!);
    return false;
  } catch {
    return true;
  }
}

/**
 * Next.js and React's own refusals of a server-action payload they cannot decode (logged with
 * the digest the response carries). Anything else behind a digest is an exception of this app.
 */
const FRAMEWORK_REFUSALS = [
  /^⨯ SyntaxError: [^\n]*JSON/,
  /^⨯ Error: (?:Connection closed\.|Unexpected end of form|Unexpected end of multipart data|Malformed part header|Invalid forward reference\.|Invalid Server Actions? request\.|Multipart: Boundary not found)/,
  /^⨯ TypeError: CreateListFromArrayLike called on non-object/,
  /^⨯ Error: Server Function has too many bound arguments/,
  /Invariant: Missing 'next-action' header/,
];

const BARE_ERROR_ROW = /^0:\{[^\n]*\}\n1:E\{"digest":"(\d+)"\}\n?$/;

interface Verdict {
  problems: string[];
  /** Digests whose logged reason decides whether this refusal came from the framework. */
  digests: string[];
  frameworkBug?: string;
}

/** What one response breaks of the promise; empty when it keeps it. */
function judge(fuzzCase: FuzzCase, response: FuzzResponse): Verdict {
  const problems: string[] = [];
  const digests: string[] = [];
  let leaks = findLeaks(response.text, secrets());
  const bare = BARE_ERROR_ROW.exec(response.text);
  if (fuzzCase.action && bare) {
    // Judged by the reason the server logged for this digest (see refusalReasons).
    digests.push(bare[1]!);
    leaks = leaks.filter((leak) => !leak.startsWith("an unhandled exception's digest"));
  } else if (response.status === 500 && (response.text === NEXT_DECODE_500 || fuzzCase.method === "HEAD") && hasMalformedEscape(fuzzCase.path)) {
    return { problems: [], digests, frameworkBug: "vercel/next.js#92527" };
  } else if (response.status >= 500) {
    problems.push(`status ${response.status}`);
  }
  problems.push(...leaks);
  if (response.seconds > SLOW_SECONDS) problems.push(`answered after ${response.seconds.toFixed(1)} s`);
  const contentType = String(response.headers["content-type"] ?? "");
  if (fuzzCase.apiErrors && response.status >= 400 && contentType.includes("application/json") && fuzzCase.method !== "HEAD") {
    try {
      const body = JSON.parse(response.text) as { error?: { code?: unknown; message?: unknown } };
      if (typeof body.error?.code !== "string" || typeof body.error.message !== "string" || body.error.message.trim() === "") {
        problems.push("a JSON error without { error: { code, message } }");
      }
    } catch {
      problems.push("a JSON error that is not JSON");
    }
  }
  problems.push(...(fuzzCase.check?.(response) ?? []));
  return { problems, digests };
}

/** The first line of the log entry that reported `digest`, or undefined when it is not (yet) logged. */
function loggedReason(output: string, digest: string): string | undefined {
  const at = output.indexOf(`digest: '${digest}'`);
  if (at < 0) return undefined;
  // The entry starts at the last line before the digest that is not indented.
  return output
    .slice(0, at)
    .split("\n")
    .findLast((line) => /^\S/.test(line))
    ?.trim();
}

/** Runs every case, CONCURRENCY at a time; returns one line per failed case. */
async function runCases(pending: readonly PendingCase[]): Promise<string[]> {
  const failures: string[] = [];
  const refusals: { fuzzCase: FuzzCase; response: FuzzResponse; digests: string[] }[] = [];
  const statuses: Record<string, Record<string, number>> = {};
  const frameworkBugs: Record<string, number> = {};
  const slowest: { id: string; seconds: number }[] = [];
  const resent: string[] = [];
  const startedAt = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < pending.length) {
      const item = pending[next++]!;
      const fuzzCase = typeof item === "function" ? await item() : item;
      const area = fuzzCase.id.replace(/:\d+/, "").split("#")[0]!;
      totals[area] = (totals[area] ?? 0) + 1;
      const byArea = (statuses[area] ??= {});
      try {
        const response = await send(fuzzCase);
        if (response.resent) resent.push(`${fuzzCase.id} (${response.resent})`);
        byArea[response.status] = (byArea[response.status] ?? 0) + 1;
        slowest.push({ id: fuzzCase.id, seconds: response.seconds });
        const verdict = judge(fuzzCase, response);
        if (verdict.frameworkBug) frameworkBugs[verdict.frameworkBug] = (frameworkBugs[verdict.frameworkBug] ?? 0) + 1;
        if (verdict.problems.length) failures.push(describeFailure(fuzzCase, response, verdict.problems));
        else if (verdict.digests.length) refusals.push({ fuzzCase, response, digests: verdict.digests });
      } catch (error) {
        failures.push(describeFailure(fuzzCase, undefined, [`no response: ${error instanceof Error ? error.message : String(error)}`]));
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - startedAt) / 1000;

  // Refusals behind a digest: the server logs the reason right after answering, which on a busy
  // machine can be seconds later. Wait for every digest (one missing after that is a failure).
  const allLogged = (output = instance!.output()) => refusals.every(({ digests }) => digests.every((digest) => output.includes(`digest: '${digest}'`)));
  for (const giveUpAt = performance.now() + 15_000; !allLogged() && performance.now() < giveUpAt; ) await sleep(100);
  let frameworkRefusals = 0;
  for (const { fuzzCase, response, digests } of refusals) {
    const reasons = digests.map((digest) => loggedReason(instance!.output(), digest));
    const unexplained = reasons.filter((reason) => !reason || !FRAMEWORK_REFUSALS.some((pattern) => pattern.test(reason)));
    if (unexplained.length) failures.push(describeFailure(fuzzCase, response, [`an exception of the app behind digest ${digests.join(", ")}: ${unexplained.map((reason) => reason ?? "(not in the log)").join("; ")}`]));
    else frameworkRefusals += 1;
  }

  slowest.sort((a, b) => b.seconds - a.seconds);
  const areas = Object.entries(statuses).map(([area, counts]) => `${area} ${JSON.stringify(counts)}`);
  const notes = [
    `slowest ${slowest.slice(0, 3).map(({ id, seconds: taken }) => `${id} ${taken.toFixed(2)} s`).join(", ")}`,
    ...(frameworkRefusals ? [`${frameworkRefusals} undecodable action payloads refused by Next.js/React`] : []),
    ...Object.entries(frameworkBugs).map(([bug, count]) => `${count} ran into the known framework bug ${bug}`),
    ...(resent.length ? [`${resent.length} sent again on a fresh connection after a kept-alive one was closed under them: ${resent.join(", ")}`] : []),
  ];
  resentTotal += resent.length;
  console.log(`[fuzz] ${pending.length} requests in ${seconds.toFixed(1)} s (${Math.round(pending.length / seconds)}/s): ${areas.join("; ")}\n[fuzz]   ${notes.join("; ")}`);
  if (failures.length) console.log(`[fuzz] ${failures.length} failures:\n${failures.map((failure) => failure.split("\n")[0]).slice(0, 200).join("\n")}`);
  return failures;
}

function describeFailure(fuzzCase: FuzzCase, response: FuzzResponse | undefined, problems: readonly string[]): string {
  const body = fuzzCase.bodyNote ?? (fuzzCase.body === undefined ? "" : excerpt(fuzzCase.body.toString(), 200));
  const headers = Object.entries(fuzzCase.headers ?? {})
    .filter(([name]) => name !== "cookie")
    .map(([name, value]) => `${name}: ${excerpt(value, 60)}`)
    .join(", ");
  return [
    `${fuzzCase.id} (FUZZ_SEED=${SEED}) ${fuzzCase.method} ${excerpt(fuzzCase.path, 200)} → ${response?.status ?? "no response"}: ${problems.join("; ")}`,
    headers && `  headers: ${headers}`,
    body && `  body: ${body.slice(0, 1_200)}`,
    response && `  response: ${excerpt(response.text, 400)}`,
  ]
    .filter(Boolean)
    .join("\n");
}

/**
 * Entries of the instance's output that report an error nobody expected: better-auth's note
 * about its base URL, Next.js reporting action ids it does not know and the cross-origin
 * action it refused, and the undecodable payloads (FRAMEWORK_REFUSALS) are expected.
 */
function unexpectedLogEntries(output: string): string[] {
  const expected = [
    /\[Better Auth\]: \[better-auth\] Base URL is not set/,
    /^(?:⨯ )?Error: Invalid Server Actions? request/,
    /Server Reference ID did not match the expected format|failed-to-find-server-action|Failed to find Server Action/,
    /does not match `origin` header with value `evil\.example`/,
    /^Missing `origin` header/,
    // better-auth logs the cross-site requests it refused (403) as errors.
    /^\S+ ERROR \[Better Auth\]: Invalid (?:origin|callbackURL): /,
    ...FRAMEWORK_REFUSALS,
  ];
  const entries = output.split(/\n(?=\S)/).map((entry) => entry.trim()).filter(Boolean);
  return entries.filter((entry) => /⨯|error|exception|unhandled/i.test(entry) && !expected.some((pattern) => pattern.test(entry)));
}

// ─── Helpers and the instance ───────────────────────────────────────────────

function cookieHeader(state: StorageState): string {
  return state.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

function startInstance(): Promise<Instance> {
  // The whole log is kept: refusal reasons are read back by digest.
  return startAppInstance("the fuzz instance", { DATABASE_URL: databaseUrl, MARQUEE_SECRET: SECRET, CRON_SECRET, DATABASE_POOL_SIZE: "10" }, { keepAllOutput: true });
}
