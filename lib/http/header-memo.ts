// What a header's value means, worked out once per distinct value. A site's requests carry few
// distinct User-Agents (browser builds) and Origins (its own pages), and the hot routes read
// both on every request — a bot pattern of ~400 alternatives, three device patterns, a URL
// parse, a hash. Each reading is a pure function of the value, so remembering it changes no
// answer; it only skips the work the second time.

/**
 * `read`, remembered for up to `size` distinct values of at most MEMO_VALUE_LENGTH characters.
 * Past that it starts over: a client that sends a new value with every request costs the
 * reading again, never memory (at most `size` × MEMO_VALUE_LENGTH characters are kept).
 */
export function memoByValue<T>(read: (value: string) => T, size: number): ((value: string) => T) & { readonly size: number } {
  const known = new Map<string, T>();
  const memo = (value: string): T => {
    if (value.length > MEMO_VALUE_LENGTH) return read(value);
    if (known.has(value)) return known.get(value)!;
    const meaning = read(value);
    if (known.size >= size) known.clear();
    known.set(value, meaning);
    return meaning;
  };
  return Object.defineProperty(memo, "size", { get: () => known.size }) as typeof memo & { readonly size: number };
}

/** Longer values are read every time, not kept (a User-Agent or an Origin is far shorter; a Referer may not be). */
export const MEMO_VALUE_LENGTH = 512;

/** How many distinct values each of the hot routes' readings keeps. */
export const HEADER_MEMO_SIZE = 1_000;
