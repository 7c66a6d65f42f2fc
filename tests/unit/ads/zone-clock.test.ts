import { describe, expect, it, vi } from "vitest";

const HOUR = 3_600_000;

/** zone-clock.ts with its caches empty (a new instance). */
async function freshClock() {
  vi.resetModules();
  return import("@/lib/ads/zone-clock");
}

describe("a zone's local day known from the shared copy's writer (knowZoneDay)", () => {
  // Ordinary days and days the clocks change, east and west of Greenwich, and a half-hour zone.
  const days: [string, string][] = [
    ["Europe/Berlin", "2026-06-10T00:00:00Z"],
    ["Europe/Berlin", "2026-03-29T00:00:00Z"],
    ["Europe/Berlin", "2026-10-25T00:00:00Z"],
    ["America/New_York", "2026-03-08T06:00:00Z"],
    ["America/New_York", "2026-11-01T06:00:00Z"],
    ["America/New_York", "2026-07-04T06:00:00Z"],
    ["Asia/Kolkata", "2026-06-10T00:00:00Z"],
    ["Australia/Lord_Howe", "2026-04-05T00:00:00Z"],
    ["UTC", "2026-12-31T12:00:00Z"],
  ];

  it.each(days)("reads %s around %s exactly as Intl does, every 10 minutes of the day", async (timeZone, around) => {
    const start = Date.parse(around);
    const writer = await freshClock();
    const written = writer.zoneClock(timeZone, start);
    const expected = Array.from({ length: 2 * 24 * 6 }, (_, i) => writer.zoneClock(timeZone, start - 12 * HOUR + i * 600_000));

    const reader = await freshClock();
    reader.knowZoneDay(timeZone, written);
    const read = Array.from({ length: 2 * 24 * 6 }, (_, i) => reader.zoneClock(timeZone, start - 12 * HOUR + i * 600_000));
    expect(read).toEqual(expected);
  });

  it("answers from the known day without Intl inside it, and asks Intl outside it or on a day the clocks change", async () => {
    const reader = await freshClock();
    const dayStart = Date.parse("2026-06-09T22:00:00Z"); // midnight in Berlin, summer time
    // A deliberately wrong weekday shows where the answer came from.
    reader.knowZoneDay("Europe/Berlin", { day: "2026-06-10", weekday: 6, dayStart, dayEnd: dayStart + 24 * HOUR });
    expect(reader.zoneClock("Europe/Berlin", dayStart + 13.5 * HOUR)).toEqual({ day: "2026-06-10", weekday: 6, hour: 13, dayStart, dayEnd: dayStart + 24 * HOUR });
    expect(reader.zoneClock("Europe/Berlin", dayStart + 24 * HOUR).weekday).toBe(4);

    const springForward = Date.parse("2026-03-28T23:00:00Z");
    reader.knowZoneDay("Europe/Berlin", { day: "2026-03-29", weekday: 6, dayStart: springForward, dayEnd: springForward + 23 * HOUR });
    expect(reader.zoneClock("Europe/Berlin", springForward + 5 * HOUR)).toMatchObject({ day: "2026-03-29", weekday: 0, hour: 6 });
  });
});
