// The one mapping between the active set's envelope and the string stored in Redis under
// `active_campaigns`. The value is gzipped: at 10,000 campaigns its JSON is ~10.6 MB, over
// the 10 MB request limit of Upstash's Free and Pay-as-you-go plans (which refuses the write
// with "ERR max request size exceeded"), and every new instance would move all of it.
// Gzipped and base64-encoded (Upstash values travel as JSON text) it is ~0.7 MB.
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";

export interface Envelope<T> {
  generation: string;
  /** Random id of this write: with the generation, tells a copy from every other copy. */
  build: string;
  value: T;
}

/**
 * `gz1:<generation>/<build>:<base64 of the gzipped JSON value>`. The head stays plain text so
 * that a GETRANGE of its first bytes tells whether the shared copy changed (stampOf).
 */
const FORMAT = "gz1:";
const GZIP_HEAD_PATTERN = /^gz1:(\d+)\/([\w-]+):/;
/** The format written before gz1 (plain JSON), by an older deployment during a rolling deploy. */
const JSON_HEAD_PATTERN = /^\{"generation":"(\d+)","build":"([\w-]+)",/;

/**
 * Bytes of the stored value that hold its stamp: `gz1:<up to 20 digits>/<16 chars>:` or the
 * JSON format's `{"generation":"<up to 20 digits>","build":"<16 chars>",`.
 */
export const HEAD_BYTES = 96;

// The async API: zlib works on the thread pool, so a serving instance's event loop keeps
// answering while a new copy is compressed (~90 ms at 10,000 campaigns) or decompressed
// (~40 ms); the sync API would stall every request in flight for that long.
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** The string to store. Default compression level: the value is written once per load and read by every instance. */
export async function encodeEnvelope<T>(envelope: Envelope<T>): Promise<string> {
  const compressed = await gzipAsync(JSON.stringify(envelope.value));
  return `${FORMAT}${envelope.generation}/${envelope.build}:${compressed.toString("base64")}`;
}

/**
 * The envelope in a stored string, gz1 or the older plain JSON (an older deployment's copy is
 * the same set under the same generation check, so reading it saves a database load);
 * undefined for anything else or anything damaged (then the set is loaded from the database).
 */
export async function decodeEnvelope<T>(raw: string): Promise<Envelope<T> | undefined> {
  if (raw.startsWith(FORMAT)) {
    const head = GZIP_HEAD_PATTERN.exec(raw);
    if (!head) return undefined;
    try {
      const json = (await gunzipWhole(Buffer.from(raw.slice(head[0].length), "base64"))).toString("utf8");
      const value = JSON.parse(json) as T | undefined;
      return value === undefined || value === null ? undefined : { generation: head[1]!, build: head[2]!, value };
    } catch {
      return undefined;
    }
  }
  try {
    const parsed = JSON.parse(raw) as Partial<Envelope<T>>;
    return typeof parsed.generation === "string" && typeof parsed.build === "string" && parsed.value !== undefined
      ? (parsed as Envelope<T>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** "<generation>/<build>" from the head of a stored value (its first HEAD_BYTES); undefined when there is none. */
export function stampOf(head: string): string | undefined {
  const match = GZIP_HEAD_PATTERN.exec(head) ?? JSON_HEAD_PATTERN.exec(head);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

// A new instance waits for this decode before its first ad. zlib's default 16 KiB output
// pieces cost a callback each and a copy of the whole to join them: measured in the
// cold-start profiles at 10,000 campaigns, ~65 ms of the first ad's CPU (profiled), ~9 ms in
// one piece.

/** Larger outputs are decompressed in pieces of this size (and joined). */
const MAX_PIECE_BYTES = 64 * 1024 * 1024;
const MIN_PIECE_BYTES = 64 * 1024;

/**
 * Gunzip into one buffer sized from the gzip trailer (the uncompressed length, mod 2^32).
 * A trailer that misstates the length fails zlib's own length check: a damaged value, a miss.
 */
function gunzipWhole(compressed: Buffer): Promise<Buffer> {
  const declared = compressed.length >= 4 ? compressed.readUInt32LE(compressed.length - 4) : 0;
  return gunzipAsync(compressed, { chunkSize: Math.min(MAX_PIECE_BYTES, Math.max(MIN_PIECE_BYTES, declared)) });
}
