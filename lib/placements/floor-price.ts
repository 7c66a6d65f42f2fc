// Money typed by a person ("1.50") to integer micro-units (1_500_000n) and back, by string
// arithmetic only: a float ever in between would turn 0.29 into 289_999.99… micro-units.

const MICROS_PER_UNIT = 1_000_000n;
const DECIMAL = /^(\d*)(?:\.(\d*))?$/;

export type DecimalParseResult =
  | { ok: true; micros: bigint }
  | { ok: false; reason: "empty" | "format" | "negative" | "precision" };

/** "1.5" → 1_500_000n. At most 6 decimal places; no sign, exponent, thousands separator or currency sign. */
export function parseDecimalToMicros(text: string): DecimalParseResult {
  const value = text.trim();
  if (value === "") return { ok: false, reason: "empty" };
  if (/^-\s*[\d.]/.test(value)) return { ok: false, reason: "negative" };
  const match = DECIMAL.exec(value);
  const whole = match?.[1] ?? "";
  const fraction = match?.[2] ?? "";
  if (!match || (whole === "" && fraction === "")) return { ok: false, reason: "format" };
  if (fraction.length > 6) return { ok: false, reason: "precision" };
  return { ok: true, micros: BigInt(whole || "0") * MICROS_PER_UNIT + BigInt(fraction.padEnd(6, "0")) };
}

/** 1_500_000n → "1.50": at least two decimals, more only when they are not zero. */
export function formatMicros(micros: bigint): string {
  const negative = micros < 0n;
  const absolute = negative ? -micros : micros;
  const whole = absolute / MICROS_PER_UNIT;
  const fraction = (absolute % MICROS_PER_UNIT).toString().padStart(6, "0").replace(/0+$/, "").padEnd(2, "0");
  return `${negative ? "-" : ""}${whole.toString()}.${fraction}`;
}

/** 1_234_500_000n → "$1,234.50" (dollars, two decimals, rounded half up, for reports). */
export function formatDollars(micros: bigint): string {
  const cents = (micros + (micros >= 0n ? 5_000n : -5_000n)) / 10_000n;
  const negative = cents < 0n;
  const absolute = negative ? -cents : cents;
  const whole = (absolute / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}$${whole}.${(absolute % 100n).toString().padStart(2, "0")}`;
}
