import { formatCount, type NumberStyle } from "@/lib/format/number";
import type { DeviceType } from "@/lib/generated/prisma/enums";

// One formatting of numbers for the report tables, their CSV files and the summary cards, in
// the two styles of NumberStyle (lib/format/number.ts, with formatCount).

/**
 * Money in micro-units as a decimal amount, exact: at least 2 decimals, up to the 6 that a
 * micro-unit has (4_000 → "0.004", 12_500_000 → "12.50", 1_234_567_891 → "1,234.567891").
 */
export function formatMicros(micros: bigint, style: NumberStyle = "display"): string {
  const negative = micros < 0n;
  const absolute = negative ? -micros : micros;
  const whole = absolute / 1_000_000n;
  const fraction = (absolute % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "").padEnd(2, "0");
  return `${negative ? "-" : ""}${formatCount(whole, style)}.${fraction}`;
}

/** Hundredths of a percent as "3.45%". */
export function formatPercentHundredths(hundredths: number): string {
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}%`;
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });

/** "Germany (DE)"; "Unknown (ZZ)" for the country of a viewer we could not place. */
export function formatCountry(code: string): string {
  if (code === "ZZ") return "Unknown (ZZ)";
  let name: string | undefined;
  try {
    name = regionNames.of(code);
  } catch {
    name = undefined;
  }
  return name && name !== code ? `${name} (${code})` : code;
}

const deviceNames: Record<DeviceType, string> = { DESKTOP: "Desktop", MOBILE: "Mobile", TABLET: "Tablet", OTHER: "Other" };

export function formatDevice(device: string): string {
  return deviceNames[device as DeviceType] ?? device;
}
