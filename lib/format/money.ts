// Money is stored in integer micro-units (1 USD = 1,000,000) as BigInt. These helpers turn
// what a person types ("12.50") into micro-units exactly, with string and BigInt arithmetic
// only: a float never touches a stored amount.

export const MICROS_PER_UNIT = 1_000_000n;
const FRACTION_DIGITS = 6;

/** Amounts above this are refused (a billion dollars; well inside Number's exact range). */
export const MAX_MONEY_MICROS = 1_000_000_000n * MICROS_PER_UNIT;

/** Why a typed amount was refused. */
export type MoneyProblem = "empty" | "negative" | "precision" | "format" | "too_large";

export type MoneyCheck = { ok: true; micros: bigint } | { ok: false; problem: MoneyProblem };

/**
 * Reads a decimal amount: digits, optionally a dot and up to six digits ("12", "12.5",
 * "0.000001", ".5"). No signs, exponents, separators or currency symbols: "1e3", "-1",
 * "1,000" and "$5" are refused rather than guessed at.
 */
export function checkMoney(text: string): MoneyCheck {
  const value = text.trim();
  if (value === "") return { ok: false, problem: "empty" };
  if (/^-\s*(\d|\.\d)/.test(value)) return { ok: false, problem: "negative" };
  const match = /^(\d*)(?:\.(\d+))?$/.exec(value);
  if (!match || (match[1] === "" && match[2] === undefined)) return { ok: false, problem: "format" };
  const whole = match[1] || "0";
  const fraction = match[2] ?? "";
  if (fraction.length > FRACTION_DIGITS) return { ok: false, problem: "precision" };
  const micros = BigInt(whole) * MICROS_PER_UNIT + BigInt(fraction.padEnd(FRACTION_DIGITS, "0") || "0");
  if (micros > MAX_MONEY_MICROS) return { ok: false, problem: "too_large" };
  return { ok: true, micros };
}

/** Micro-units of a typed amount, or null when it is not a plain decimal amount. */
export function parseMicros(text: string): bigint | null {
  const result = checkMoney(text);
  return result.ok ? result.micros : null;
}

/**
 * The amount as a plain decimal string, for form fields: at least `minFractionDigits`
 * decimals, more only when needed (4_000_000n → "4.00", 1n → "0.000001").
 */
export function microsToDecimal(micros: bigint, minFractionDigits = 2): string {
  const negative = micros < 0n;
  const absolute = negative ? -micros : micros;
  const whole = absolute / MICROS_PER_UNIT;
  let fraction = (absolute % MICROS_PER_UNIT).toString().padStart(FRACTION_DIGITS, "0");
  while (fraction.length > minFractionDigits && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

// How money is shown, one rule everywhere (pages, tables, admin): an *amount* — spend, earnings,
// a budget, a total — to the cent, rounded half up ("$1,234.57"), as on an invoice; a *price per
// unit* — CPM, CPC, eCPM, eCPC, a floor price — exact, with the decimals it has up to the
// micro-unit ("$0.000125", "$4.00"), as cents would round a fair price of a single impression to
// nothing. What machines read (CSV files, the API) keeps the exact decimal of either.

const groupThousands = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** The amount rounded to whole cents, half away from zero (1_234_565_000n → 1_234_570_000n). */
export function roundToCents(micros: bigint): bigint {
  return ((micros + (micros >= 0n ? 5_000n : -5_000n)) / 10_000n) * 10_000n;
}

/** "$1,234.57": grouped, with the sign before the dollar and the decimals `microsToDecimal` gives. */
function dollars(micros: bigint, minFractionDigits: number): string {
  const [whole = "0", fraction] = microsToDecimal(micros < 0n ? -micros : micros, minFractionDigits).split(".");
  return `${micros < 0n ? "-" : ""}$${groupThousands(whole)}${fraction ? `.${fraction}` : ""}`;
}

/** An amount (spend, earnings, budget, total), to the cent: 4_000n → "$0.00", 1_234_565_000n → "$1,234.57". */
export function formatMoney(micros: bigint): string {
  return dollars(roundToCents(micros), 2);
}

/** A price per unit (CPM, CPC, eCPM, eCPC, floor), exact: 125n → "$0.000125", 4_000_000n → "$4.00". */
export function formatPrice(micros: bigint): string {
  return dollars(micros, 2);
}

/** Share of `part` in `whole` as a percentage with two decimals, exact (null when whole is 0). */
export function percentOf(part: bigint, whole: bigint): number | null {
  if (whole <= 0n) return null;
  return Number((part * 10_000n) / whole) / 100;
}
