import http from "node:http";
import https from "node:https";
import tls from "node:tls";
import { errors, type Requester, type UpstashRequest, type UpstashResponse } from "@upstash/redis";

/** What one POST to Upstash's REST API answered. */
export interface UpstashHttpAnswer {
  status: number;
  syncToken: string | undefined;
  text: string;
}

/**
 * Upstash's REST API over node:http(s), with a keep-alive agent: the transport of the
 * @upstash/redis client (its `Requester`), which otherwise goes through `fetch`. Undici's
 * fetch took several times the CPU of node:http per request, and a capped ad makes one
 * request, as does a counted impression of a capped campaign: see "Upstash's transport" in
 * the README. The client keeps everything else — the commands, their encoding, pipelines,
 * their replies.
 *
 * What the client's own transport does and this keeps: the Bearer token, JSON bodies
 * (`responseEncoding: false`: no `upstash-encoding`, replies as JSON strings), read-your-writes
 * (the `upstash-sync-token` the last answer carried goes with the next request), an answer
 * that is not 2xx thrown as an `UpstashError` with Upstash's error text. Not kept: retries
 * (the store has its deadline and circuit breaker; a retried SET NX would read as a duplicate)
 * and streaming (subscriptions, which Marquee does not use). Each request is given up after
 * `timeoutMs` with an error named TimeoutError, as an `AbortSignal.timeout` would.
 */
export class UpstashHttp implements Requester {
  readYourWrites = true;
  upstashSyncToken = "";
  private readonly base: URL;
  private readonly transport: typeof http | typeof https;
  private readonly agent: http.Agent;
  private readonly authorization: string;

  constructor(
    private readonly options: {
      url: string;
      token: string;
      timeoutMs: number;
      /** Certificate authorities to trust besides the system's (PEM): a private endpoint's, or a test's. */
      ca?: string;
    },
  ) {
    this.base = new URL(options.url.replace(/\/$/, ""));
    if (this.base.protocol !== "https:" && this.base.protocol !== "http:") throw new Error("The Upstash REST URL must start with https:// (or http:// for a local bridge).");
    this.transport = this.base.protocol === "https:" ? https : http;
    this.agent = new this.transport.Agent({ keepAlive: true, scheduling: "lifo", ...(options.ca && { ca: [...tls.rootCertificates, options.ca] }) });
    this.authorization = `Bearer ${options.token}`;
  }

  async request<TResult = unknown>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
    if (req.isStreaming) throw new Error("Upstash subscriptions are not supported by this transport.");
    const answer = await this.post(`/${(req.path ?? []).join("/")}`, JSON.stringify(req.body), {
      ...req.headers,
      ...(this.readYourWrites ? { "upstash-sync-token": this.upstashSyncToken } : {}),
    });
    if (answer.status < 200 || answer.status > 299) throw new errors.UpstashError(errorText(answer));
    if (this.readYourWrites) this.upstashSyncToken = answer.syncToken ?? "";
    try {
      return JSON.parse(answer.text) as UpstashResponse<TResult>;
    } catch (error) {
      throw new errors.UpstashJSONParseError(answer.text.slice(0, 200), { cause: error });
    }
  }

  /** One POST of `body` (JSON) to `path`, under the deadline. */
  post(path: string, body: string, headers: Record<string, string> = {}): Promise<UpstashHttpAnswer> {
    return new Promise((resolve, reject) => {
      const request = this.transport.request(
        {
          protocol: this.base.protocol,
          hostname: this.base.hostname,
          port: this.base.port,
          path: `${this.base.pathname.replace(/\/$/, "")}${path}`,
          method: "POST",
          agent: this.agent,
          headers: { ...headers, authorization: this.authorization, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", fail);
          response.on("end", () => {
            clearTimeout(timer);
            const syncToken = response.headers["upstash-sync-token"];
            resolve({ status: response.statusCode ?? 0, syncToken: Array.isArray(syncToken) ? syncToken[0] : syncToken, text: Buffer.concat(chunks).toString("utf8") });
          });
        },
      );
      const timer = setTimeout(() => {
        const error = new Error(`No answer within ${this.options.timeoutMs} ms`);
        error.name = "TimeoutError";
        request.destroy(error);
      }, this.options.timeoutMs);
      function fail(error: Error) {
        clearTimeout(timer);
        reject(error);
      }
      request.on("error", fail);
      request.end(body);
    });
  }

  /** Closes the idle keep-alive connections. */
  close(): void {
    this.agent.destroy();
  }
}

/** Upstash's error text of an answer that is not 2xx (`{"error": "..."}`), else its status ("502 Bad Gateway"). */
function errorText(answer: UpstashHttpAnswer): string {
  try {
    const body = JSON.parse(answer.text) as { error?: unknown };
    if (typeof body.error === "string") return body.error;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  return `${answer.status} ${http.STATUS_CODES[answer.status] ?? ""}`.trim();
}
