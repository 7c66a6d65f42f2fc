// The Upstash REST transport (lib/redis/upstash-http.ts) against servers this test starts:
// what goes on the wire, read-your-writes, answers that are not 2xx, and HTTPS. The store
// over the real bridge and redis-server is in store-contract.test.ts.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { StoreReplyError } from "@/lib/redis/store";
import { UpstashHttp } from "@/lib/redis/upstash-http";
import { UpstashStore } from "@/lib/redis/upstash-store";

const TOKEN = "transport-test-token";
const TIMEOUT_MS = 15_000;

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

/** A server that records every request and answers each with the next of `answers` (the last one repeats). */
async function startRecorder(answers: Answer[], tlsOptions?: https.ServerOptions) {
  const seen: Seen[] = [];
  let connections = 0;
  const handler = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      seen.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)]!;
      response.writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers });
      response.end(answer.body);
    });
  };
  const server = tlsOptions ? https.createServer(tlsOptions, handler) : http.createServer(handler);
  server.on(tlsOptions ? "secureConnection" : "connection", () => (connections += 1));
  const sockets = new Set<net.Socket>();
  server.on("connection", (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `${tlsOptions ? "https" : "http"}://127.0.0.1:${port}`,
    seen,
    connections: () => connections,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function recorder(answers: Answer[], tlsOptions?: https.ServerOptions) {
  const server = await startRecorder(answers, tlsOptions);
  cleanups.push(server.close);
  return server;
}

function transport(url: string, options: { ca?: string } = {}) {
  const client = new UpstashHttp({ url, token: TOKEN, timeoutMs: TIMEOUT_MS, ...options });
  cleanups.push(() => client.close());
  return client;
}

describe("UpstashHttp", () => {
  it("posts each request as JSON with the Bearer token to the path's endpoint, over one kept-alive connection", async () => {
    const server = await recorder([{ body: JSON.stringify([{ result: "1" }, { result: null }]) }]);
    const client = transport(`${server.url}/`);

    for (let i = 0; i < 3; i += 1) {
      expect(await client.request({ path: ["pipeline"], body: [["MGET", "a", "b"], ["GET", "c"]] })).toEqual([{ result: "1" }, { result: null }]);
    }

    expect(server.seen).toHaveLength(3);
    for (const request of server.seen) {
      expect(request.method).toBe("POST");
      expect(request.url).toBe("/pipeline");
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(request.headers["content-type"]).toBe("application/json");
      // Replies as JSON strings: the client decodes no base64 (lib/redis/upstash-store.ts).
      expect(request.headers["upstash-encoding"]).toBeUndefined();
      expect(JSON.parse(request.body)).toEqual([["MGET", "a", "b"], ["GET", "c"]]);
    }
    expect(server.connections()).toBe(1);
  });

  it("sends back the sync token the last answer carried (read-your-writes)", async () => {
    const server = await recorder([
      { headers: { "upstash-sync-token": "sync-1" }, body: JSON.stringify({ result: "OK" }) },
      { headers: { "upstash-sync-token": "sync-2" }, body: JSON.stringify({ result: "OK" }) },
      { body: JSON.stringify({ result: "OK" }) },
    ]);
    const client = transport(server.url);

    for (let i = 0; i < 4; i += 1) await client.request({ path: [], body: ["SET", "k", "v"] });

    expect(server.seen.map((request) => request.url)).toEqual(["/", "/", "/", "/"]);
    expect(server.seen.map((request) => request.headers["upstash-sync-token"])).toEqual(["", "sync-1", "sync-2", ""]);
  });

  it("throws Upstash's error text for an answer that is not 2xx; the store tells a refused command from an outage", async () => {
    const refusing = await recorder([{ status: 400, body: JSON.stringify({ error: "ERR max request size exceeded" }) }]);
    await expect(transport(refusing.url).request({ path: ["pipeline"], body: [["SET", "k", "v"]] })).rejects.toThrow(/^ERR max request size exceeded$/);
    const refusingStore = new UpstashStore({ url: refusing.url, token: TOKEN, timeoutMs: TIMEOUT_MS });
    cleanups.push(() => refusingStore.close());
    await expect(refusingStore.exec([{ op: "set", key: "k", value: "v" }])).rejects.toBeInstanceOf(StoreReplyError);

    // A proxy's error page in front of Upstash: an outage, said with its status, not a refused command.
    const failing = await recorder([{ status: 502, headers: { "content-type": "text/html" }, body: "<html>Bad gateway</html>" }]);
    const failingStore = new UpstashStore({ url: failing.url, token: TOKEN, timeoutMs: TIMEOUT_MS });
    cleanups.push(() => failingStore.close());
    const error = await failingStore.exec([{ op: "get", key: "k" }]).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(StoreReplyError);
    expect(error?.message).toBe("Upstash request failed: 502 Bad Gateway");
  });

  it("throws a parse error naming the body when a 2xx answer is not JSON", async () => {
    const server = await recorder([{ body: "not json" }]);
    await expect(transport(server.url).request({ path: [], body: ["GET", "k"] })).rejects.toThrow(/not json/);
  });

  describe("over HTTPS", () => {
    function selfSignedCertificate() {
      const folder = mkdtempSync(path.join(tmpdir(), "marquee-tls-"));
      cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
      const key = path.join(folder, "key.pem");
      const cert = path.join(folder, "cert.pem");
      execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore" });
      return { key: readFileSync(key, "utf8"), cert: readFileSync(cert, "utf8") };
    }

    it("speaks TLS to an https URL and refuses a certificate it does not trust", async () => {
      const certificate = selfSignedCertificate();
      const server = await recorder([{ body: JSON.stringify({ result: "PONG" }) }], certificate);

      await expect(transport(server.url).request({ path: [], body: ["PING"] })).rejects.toThrow(/self[- ]signed certificate/);
      expect(server.seen).toHaveLength(0);

      const trusting = transport(server.url, { ca: certificate.cert });
      expect(await trusting.request({ path: [], body: ["PING"] })).toEqual({ result: "PONG" });
      expect(await trusting.request({ path: [], body: ["PING"] })).toEqual({ result: "PONG" });
      expect(server.seen.map((request) => request.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
      expect(server.connections()).toBe(1); // one kept-alive connection (the refused handshake never completed)
    });
  });

  it("refuses a URL that is neither https:// nor http://", () => {
    expect(() => new UpstashHttp({ url: "redis://127.0.0.1:6379", token: TOKEN, timeoutMs: TIMEOUT_MS })).toThrow(/https:\/\//);
  });
});
