// Random inputs and the leak check of the black-box fuzz (tests/e2e/fuzz.spec.ts). Everything
// random comes from a seeded PRNG, and every case draws from its own stream (seed, area, case
// number), so one failing case is reproduced alone, whatever ran before or beside it.

// ─── Randomness ─────────────────────────────────────────────────────────────

/** mulberry32: a tiny, fast 32-bit PRNG; plenty for choosing inputs. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a over the parts: the seed of one case's stream. */
export function streamSeed(...parts: (string | number)[]): number {
  let hash = 0x811c9dc5;
  for (const char of parts.join("\u0000")) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  float(): number {
    return this.next();
  }

  /** 0 … max-1 */
  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  /** min … max, both included */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(items.length)]!;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = this.int(i + 1);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }
}

// ─── Hostile values ─────────────────────────────────────────────────────────

/** 100 kB: far past every field's limit, well under the servers' body limits. */
export const HUGE = "x".repeat(100_000);

/**
 * Text that has broken parsers before: numbers JavaScript reads strangely, encodings, control
 * and direction characters, injection fragments, hostile URLs, impossible dates. None of it
 * looks like a leak to findLeaks (checked by the spec before it sends anything), so an echo of
 * an input in a form's "keep what you typed" is never mistaken for one.
 */
export const NASTY_STRINGS: readonly string[] = [
  "",
  " ",
  "   \t  ",
  "0",
  "-0",
  "-1",
  "1",
  "1.5",
  "-0.01",
  "0.0000001",
  "1.1234567",
  "1e309",
  "-1e309",
  "1e-400",
  "NaN",
  "Infinity",
  "-Infinity",
  "0x10",
  "0b101",
  "0o17",
  "1_000",
  "1,000.50",
  "9007199254740993",
  "99999999999999999999999999999999",
  "-99999999999999999999999999999999.999999",
  "١٢٣",
  "１２３",
  "true",
  "false",
  "null",
  "undefined",
  "[]",
  "{}",
  '{"a":1}',
  "[object Object]",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "' OR '1'='1",
  "1; DROP TABLE campaign; --",
  "x' UNION select null, null --",
  "$1",
  "%s%s%s%n",
  "{{7*7}}",
  "${process.env.MARQUEE_SECRET}",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox",
  "http://",
  "https://",
  "https://exa mple.com/",
  "https://example.com/\u0000",
  "//evil.example/",
  "http://127.0.0.1:5432/",
  "file:///etc/passwd",
  "https://xn--80ak6aa92e.com/",
  "../../../../etc/passwd",
  "..\\..\\..\\windows\\win.ini",
  "%2e%2e%2f%2e%2e%2f",
  "%00",
  "%",
  "%E0%A4%A",
  "\u0000",
  "a\u0000b",
  "\u202Eevil\u202C",
  "\u200B\u200C\u200D\uFEFF",
  "שלום עולם",
  "مرحبا",
  "🏕️👨‍👩‍👧‍👦",
  "e\u0301\u0301\u0301",
  "\uD800",
  "\r\n\r\n",
  "line\nbreak",
  "\u0085\u2028\u2029",
  "2026-02-30T25:61",
  "0000-00-00T00:00",
  "9999-12-31T23:59",
  "275760-09-13T00:00",
  "-271821-04-20T00:00",
  "2026-05-01",
  "2026-05-01T09:00",
  "2026-05-01T09:00:00.000Z",
  "2026-05-01T09:00:00+99:00",
  "Invalid Date",
  "1970-01-01T00:00",
  "ACTIVE",
  "PAUSED",
  "ARCHIVED",
  "DRAFT",
  "COMPLETED",
  "active",
  "CPM",
  "CPC",
  "HOUSE",
  "SPONSORSHIP",
  "EVEN",
  "ASAP",
  "IMAGE",
  "TEXT",
  "HTML",
  "OWNER",
  "MEMBER",
  "APPROVE",
  "REJECT",
  "ADVERTISER",
  "PUBLISHER",
  "admin",
  "300x250",
  "300X250",
  "0x0",
  "99999x99999",
  "-300x250",
  "US",
  "us, de ,GB",
  "XX,ZZ,U$",
  "a@b",
  "@",
  "advertiser@marquee.local",
  "ADVERTISER@MARQUEE.LOCAL ",
  "x@example.com\u0000",
  "a".repeat(65) + "@example.com",
  "a".repeat(101),
  "a".repeat(257),
  "é".repeat(3_000),
  "😀".repeat(2_000),
  "a,".repeat(300),
];

/** Id-shaped values: well-formed, of nobody, of another organisation (the spec adds those). */
export const NASTY_IDS: readonly string[] = [
  "",
  "0",
  "-1",
  "no-such-id",
  "clxxxxxxxxxxxxxxxxxxxxxxx",
  "a".repeat(64),
  "a".repeat(65),
  "../demo-campaign-spring",
  "demo-campaign-spring\u0000",
  "demo-campaign-spring ",
  "DEMO-CAMPAIGN-SPRING",
  "%",
  "' OR '1'='1",
  "🏕️",
];

const ALPHABETS = [
  "abcdefghijklmnopqrstuvwxyz0123456789",
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.",
  " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
  "\u0000\u0001\u0007\u0008\u000b\u000c\u001b\u007f",
  "éüßçøåñЖжḀ漢字テスト한국어",
  "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
  "\u0300\u0301\u0302\u0303\u0304\u200b\ufeff",
];

export function randomString(rng: Rng, maxLength = 40): string {
  const length = rng.int(maxLength + 1);
  const alphabets = [rng.pick(ALPHABETS), rng.pick(ALPHABETS)];
  let text = "";
  for (let i = 0; i < length; i += 1) {
    const alphabet = alphabets[rng.int(2)]!;
    text += [...alphabet][rng.int([...alphabet].length)];
  }
  return text;
}

/** One hostile text value: mostly from the list, sometimes random, sometimes huge or combined. */
export function nastyText(rng: Rng, ids: readonly string[] = []): string {
  const roll = rng.float();
  if (roll < 0.55) return rng.pick(NASTY_STRINGS);
  if (roll < 0.75) return randomString(rng);
  if (roll < 0.85 && ids.length > 0) return rng.pick(ids);
  if (roll < 0.9) return rng.pick(NASTY_IDS);
  if (roll < 0.95) return HUGE;
  return rng.pick(NASTY_STRINGS) + rng.pick(NASTY_STRINGS);
}

/** A printable Latin-1 header value (fetch and node:http refuse control characters in headers). */
export function headerSafe(value: string): string {
  return [...value].filter((char) => char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) <= 0x7e).join("").slice(0, 4_000);
}

// ─── JSON ───────────────────────────────────────────────────────────────────

/** A random JSON value, at most `depth` deep. */
export function randomJson(rng: Rng, depth = 3, ids: readonly string[] = []): unknown {
  const roll = rng.int(depth > 0 ? 12 : 9);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([0, -1, 1, 1.5, -0.000001, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, 1e21, 1e-7]);
    case 3:
      return rng.int(2_000) - 1_000;
    case 4:
    case 5:
    case 6:
      return nastyText(rng, ids);
    case 7:
      return rng.pick(ids.length ? ids : NASTY_IDS);
    case 8:
      return "";
    case 9:
      return Array.from({ length: rng.int(4) }, () => randomJson(rng, depth - 1, ids));
    case 10: {
      const value: Record<string, unknown> = {};
      for (let i = rng.int(4); i > 0; i -= 1) value[rng.pick(["a", "id", "__proto__", "constructor", "name", randomString(rng, 8)])] = randomJson(rng, depth - 1, ids);
      return value;
    }
    default:
      return Array.from({ length: rng.between(50, 300) }, () => rng.pick(["x", 1, null]));
  }
}

/** A valid body with a few of its fields broken: wrong types, dropped, unknown ones added. */
export function mutateJsonObject(rng: Rng, base: Record<string, unknown>, ids: readonly string[] = []): Record<string, unknown> {
  const body: Record<string, unknown> = { ...base };
  const keys = Object.keys(base);
  for (let round = rng.between(1, 3); round > 0; round -= 1) {
    const key = keys.length ? rng.pick(keys) : "name";
    switch (rng.int(6)) {
      case 0:
        delete body[key];
        break;
      case 1:
        body[randomString(rng, 12) || "extra"] = randomJson(rng, 2, ids);
        break;
      case 2:
        body[key] = nastyText(rng, ids);
        break;
      default:
        body[key] = randomJson(rng, 2, ids);
    }
  }
  return body;
}

/**
 * A request body as text: mostly a mutated JSON object, sometimes JSON that JavaScript reads
 * lossily (1e309, 2^64), broken, truncated, deeply nested or of the wrong shape.
 */
export function jsonBodyText(rng: Rng, base: Record<string, unknown>, ids: readonly string[] = []): string {
  const valid = JSON.stringify(base);
  switch (rng.int(14)) {
    case 0:
      return "";
    case 1:
      return valid.slice(0, rng.int(valid.length));
    case 2:
      return `${valid.slice(0, -1)},}`;
    case 3:
      return rng.pick(["null", "[]", "true", "0", '"x"', "{}", "[{}]", "1e309", "{'name': 'x'}", "{name: 1}", "NaN", "\u0000", "\ufeff{}"]);
    case 4: {
      // Numbers past what a double holds, in place of a field's value.
      const key = rng.pick(Object.keys(base).length ? Object.keys(base) : ["weight"]);
      return JSON.stringify({ ...base, [key]: "__NUMBER__" }).replace('"__NUMBER__"', rng.pick(["1e309", "-1e309", "18446744073709551616", "-0", "1E400", "0.1e-999", "123456789012345678901234567890"]));
    }
    case 5:
      return `${"[".repeat(5_000)}${"]".repeat(5_000)}`;
    case 6:
      return `{"a":${'{"a":'.repeat(2_000)}1${"}".repeat(2_001)}`;
    case 7:
      return JSON.stringify({ ...base, [rng.pick(Object.keys(base).length ? Object.keys(base) : ["name"])]: HUGE });
    case 8:
      return `\ufeff${valid}`;
    case 9:
      return JSON.stringify([base]);
    default:
      return JSON.stringify(mutateJsonObject(rng, base, ids));
  }
}

// ─── What a response must never contain ─────────────────────────────────────

/** Each pattern names what it catches; checked over every response body. */
const LEAK_PATTERNS: readonly { what: string; pattern: RegExp }[] = [
  { what: "a stack trace", pattern: /^\s*at (?:async )?\S[^\n]*(?::\d+:\d+\)?|<anonymous>\)?)\s*$/m },
  { what: "a stack trace", pattern: /at ignore-listed frames/ },
  { what: "a node_modules path", pattern: /node_modules[\\/]/ },
  { what: "a source line reference", pattern: /\.(?:ts|tsx|js|mjs|cjs)[:(]\d+(?::\d+)?/ },
  { what: "a build path", pattern: /\.next[\w-]*[\\/]server[\\/]/ },
  { what: "SQL", pattern: /\b(?:SELECT|INSERT INTO|UPDATE|DELETE FROM)\s+"?public"?\./ },
  { what: "SQL", pattern: /"public"\."[a-z_]+"/ },
  { what: "SQL", pattern: /\bINSERT INTO "/ },
  { what: "SQL", pattern: /\bSELECT\s+(?:"|\*\s+FROM\s+")/ },
  { what: "a database error", pattern: /relation "[^"]*" does not exist|column "[^"]*" (?:of relation "[^"]*" )?does not exist|violates (?:unique|foreign key|not-null|check) constraint|invalid input syntax for type|value too long for type|out of range for type|duplicate key value/i },
  { what: "Prisma internals", pattern: /\bprisma\b|PrismaClient|Invalid `[^`]*` invocation|\bP[1-5]\d{3}\b/i },
  { what: "a server error page", pattern: /Application error: a server-side exception|An error occurred in the Server Components render|Internal Server Error/ },
  // app/error.tsx: an exception no code caught reached the page.
  { what: "the app's error page (app/error.tsx)", pattern: /We could not load this page/ },
  // A numeric digest is what Next puts in place of an unhandled exception's message
  // (NEXT_REDIRECT / NEXT_HTTP_ERROR_FALLBACK digests are redirect() and notFound()).
  { what: "an unhandled exception's digest", pattern: /digest\\{0,3}"\s*:\s*\\{0,3}"\d+/ },
  { what: "a JavaScript error", pattern: /\b(?:TypeError|ReferenceError|SyntaxError|RangeError|URIError): / },
];

/** What `body` leaks: stack traces, SQL, Prisma internals, error pages, or one of `secrets`. */
export function findLeaks(body: string, secrets: readonly string[]): string[] {
  const found = new Set<string>();
  for (const { what, pattern } of LEAK_PATTERNS) {
    const match = pattern.exec(body);
    if (match) found.add(`${what}: ${JSON.stringify(excerptAround(body, match.index, match[0].length))}`);
  }
  for (const secret of secrets) {
    const at = secret ? body.indexOf(secret) : -1;
    if (at >= 0) found.add(`a secret (${secret.slice(0, 6)}…)`);
  }
  return [...found];
}

function excerptAround(text: string, index: number, length: number): string {
  return text.slice(Math.max(0, index - 60), index + length + 60);
}

/** The first characters of a body for an assertion message, with control characters shown. */
export function excerpt(value: unknown, max = 300): string {
  const text = typeof value === "string" ? value : value === undefined ? "" : String(value);
  const shown = JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
  return text.length > max ? `${shown} (${text.length} chars)` : shown;
}
