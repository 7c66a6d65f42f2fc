// The one mapping between the active set's envelope and the string stored in Redis under
// `active_campaigns`. The value is gzipped: at 10,000 campaigns its JSON is ~10.6 MB, over
// the 10 MB request limit of Upstash's Free and Pay-as-you-go plans (which refuses the write
// with "ERR max request size exceeded"), and every new instance would move all of it.
// Gzipped and base64-encoded (Upstash values travel as JSON text) it is ~0.7 MB.
//
// A value can also be stored in parts (`gzp`, with a PartCodec): each part gzipped on its own,
// the first decoded with the envelope, the others only when the value asks for them. The active
// set uses it so that a new instance's first ad decodes its placement's share, not 10 MB
// (lib/ads/active-set-parts.ts).
import { promisify } from "node:util";
import { gunzip, gunzipSync, gzip } from "node:zlib";

export interface Envelope<T> {
  generation: string;
  /** Random id of this write: with the generation, tells a copy from every other copy. */
  build: string;
  value: T;
}

/** A value's parts, decoded on demand: part 0 comes decoded with the envelope. */
export interface LazyParts {
  readonly count: number;
  /** Part `index` (1 ≤ index < count), decoded now; throws when it is damaged. */
  get(index: number): unknown;
  /** The same, decompressed on zlib's threads (for reading ahead off the request path). */
  load(index: number): Promise<unknown>;
  /**
   * Says that a part cannot be read or does not hold what the head says (the codec judges):
   * whoever decoded the copy is told (decodeEnvelope's `onDamaged`), drops it and reads the
   * value from its source again instead.
   */
  reportDamage(): void;
}

/** How a value is stored in parts (each a JSON value) and put together again from them. */
export interface PartCodec<T> {
  split(value: T): unknown[];
  join(head: unknown, parts: LazyParts): T;
}

/**
 * `gz1:<generation>/<build>:<base64 of the gzipped JSON value>`, or in parts
 * `gzp:<generation>/<build>:<base64 of gzipped JSON part>,<…>,…`. The head stays plain text so
 * that a GETRANGE of its first bytes tells whether the shared copy changed (stampOf).
 */
const FORMAT = "gz1:";
const PARTS_FORMAT = "gzp:";
const GZIP_HEAD_PATTERN = /^gz[1p]:(\d+)\/([\w-]+):/;
/** The format written before gz1 (plain JSON), by an older deployment during a rolling deploy. */
const JSON_HEAD_PATTERN = /^\{"generation":"(\d+)","build":"([\w-]+)",/;

/**
 * Bytes of the stored value that hold its stamp: `gz1:<up to 20 digits>/<build>:` or the
 * JSON format's `{"generation":"<up to 20 digits>","build":"<build>",`, the build 16 characters
 * or 32 (with the fingerprint of the database version it was loaded under:
 * lib/cache/active-campaigns-cache.ts).
 */
export const HEAD_BYTES = 96;

// The async API: zlib works on the thread pool, so a serving instance's event loop keeps
// answering while a new copy is compressed (~90 ms at 10,000 campaigns) or decompressed
// (~40 ms); the sync API would stall every request in flight for that long.
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** The string to store. Default compression level: the value is written once per load and read by every instance. */
export async function encodeEnvelope<T>(envelope: Envelope<T>, codec?: PartCodec<T>): Promise<string> {
  if (codec) {
    // The parts are compressed side by side on zlib's threads.
    const parts = await Promise.all(codec.split(envelope.value).map((part) => gzipAsync(JSON.stringify(part))));
    return `${PARTS_FORMAT}${envelope.generation}/${envelope.build}:${parts.map((part) => part.toString("base64")).join(",")}`;
  }
  const compressed = await gzipAsync(JSON.stringify(envelope.value));
  return `${FORMAT}${envelope.generation}/${envelope.build}:${compressed.toString("base64")}`;
}

/**
 * The envelope in a stored string, gzp (with the codec that wrote it), gz1 or the older plain JSON (an older deployment's copy is
 * the same set under the same generation check, so reading it saves a database load);
 * undefined for anything else or anything damaged (then the set is loaded from the database).
 * A value in parts is checked part by part as it is read, later: `onDamaged` hears of a part
 * found damaged then, with the copy's stamp ("<generation>/<build>").
 */
export async function decodeEnvelope<T>(raw: string, codec?: PartCodec<T>, onDamaged?: (stamp: string) => void): Promise<Envelope<T> | undefined> {
  if (raw.startsWith(PARTS_FORMAT)) {
    const head = GZIP_HEAD_PATTERN.exec(raw);
    // Without the codec that wrote it, a value in parts cannot be put together: a miss.
    if (!head || !codec) return undefined;
    try {
      const pieces = raw.slice(head[0].length).split(",");
      const first = JSON.parse((await gunzipWhole(Buffer.from(pieces[0]!, "base64"))).toString("utf8")) as unknown;
      if (first === null || typeof first !== "object") return undefined;
      const piece = (index: number): Buffer => {
        const text = index >= 1 ? pieces[index] : undefined;
        if (text === undefined) throw new Error(`The shared copy has no part ${index} (it has ${pieces.length}).`);
        return Buffer.from(text, "base64");
      };
      const parts: LazyParts = {
        count: pieces.length,
        // Small (one part of the value): on the calling thread, when a decision needs it.
        get: (index) => JSON.parse(gunzipSync(piece(index)).toString("utf8")) as unknown,
        load: async (index) => JSON.parse((await gunzipAsync(piece(index))).toString("utf8")) as unknown,
        reportDamage: () => onDamaged?.(`${head[1]}/${head[2]}`),
      };
      return { generation: head[1]!, build: head[2]!, value: codec.join(first, parts) };
    } catch {
      return undefined;
    }
  }
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
