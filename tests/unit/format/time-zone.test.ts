import { describe, expect, it } from "vitest";
import { isTimeZone, startOfZonedDay, zonedDayKey, zonedParts, zonedTimeToUtc, zoneOffsetMs } from "@/lib/format/time-zone";

// Wall-clock time both ways across the changes that go wrong: the hour skipped in March, the
// hour repeated in October/November, a half-hour zone and a zone whose change is 30 minutes.

const iso = (date: Date) => date.toISOString();
const HOUR = 3_600_000;

describe("zonedParts", () => {
  it("reads Berlin's clock either side of the spring-forward (29 March 2026, 01:00Z)", () => {
    expect(zonedParts(new Date("2026-03-29T00:59:00Z"), "Europe/Berlin")).toMatchObject({ day: 29, hour: 1, minute: 59, weekday: 0 });
    expect(zonedParts(new Date("2026-03-29T01:00:00Z"), "Europe/Berlin")).toMatchObject({ day: 29, hour: 3, minute: 0 });
  });

  it("reads the repeated hour twice in New York (1 November 2026)", () => {
    expect(zonedParts(new Date("2026-11-01T05:30:00Z"), "America/New_York")).toMatchObject({ hour: 1, minute: 30 });
    expect(zonedParts(new Date("2026-11-01T06:30:00Z"), "America/New_York")).toMatchObject({ hour: 1, minute: 30 });
  });

  it("reads the weekday in the zone, not UTC's", () => {
    // Wednesday 02:00Z is Tuesday evening in New York, Wednesday in Kolkata.
    expect(zonedParts(new Date("2026-06-10T02:00:00Z"), "America/New_York").weekday).toBe(2);
    expect(zonedParts(new Date("2026-06-10T02:00:00Z"), "Asia/Kolkata").weekday).toBe(3);
  });
});

describe("zoneOffsetMs", () => {
  it("gives each side of a change its own offset", () => {
    expect(zoneOffsetMs(new Date("2026-03-29T00:59:00Z"), "Europe/Berlin")).toBe(1 * HOUR);
    expect(zoneOffsetMs(new Date("2026-03-29T01:00:00Z"), "Europe/Berlin")).toBe(2 * HOUR);
    expect(zoneOffsetMs(new Date("2026-10-25T00:59:00Z"), "Europe/Berlin")).toBe(2 * HOUR);
    expect(zoneOffsetMs(new Date("2026-10-25T01:00:00Z"), "Europe/Berlin")).toBe(1 * HOUR);
    expect(zoneOffsetMs(new Date("2026-01-15T12:00:00Z"), "America/New_York")).toBe(-5 * HOUR);
    expect(zoneOffsetMs(new Date("2026-07-15T12:00:00Z"), "America/New_York")).toBe(-4 * HOUR);
  });

  it("keeps half hours: Kolkata +05:30 all year, Lord Howe +10:30 / +11", () => {
    expect(zoneOffsetMs(new Date("2026-01-15T12:00:00Z"), "Asia/Kolkata")).toBe(5.5 * HOUR);
    expect(zoneOffsetMs(new Date("2026-07-15T12:00:00Z"), "Asia/Kolkata")).toBe(5.5 * HOUR);
    expect(zoneOffsetMs(new Date("2026-01-15T12:00:00Z"), "Australia/Lord_Howe")).toBe(11 * HOUR);
    expect(zoneOffsetMs(new Date("2026-07-15T12:00:00Z"), "Australia/Lord_Howe")).toBe(10.5 * HOUR);
  });
});

describe("zonedTimeToUtc", () => {
  it("maps an ordinary reading exactly", () => {
    expect(iso(zonedTimeToUtc({ year: 2026, month: 1, day: 14, hour: 9 }, "America/New_York"))).toBe("2026-01-14T14:00:00.000Z");
    expect(iso(zonedTimeToUtc({ year: 2026, month: 7, day: 14, hour: 9 }, "America/New_York"))).toBe("2026-07-14T13:00:00.000Z");
    expect(iso(zonedTimeToUtc({ year: 2026, month: 6, day: 10, hour: 9 }, "Asia/Kolkata"))).toBe("2026-06-10T03:30:00.000Z");
  });

  it("reads a skipped time as the later one: 02:30 on Berlin's spring-forward night is 03:30 CEST", () => {
    expect(iso(zonedTimeToUtc({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, "Europe/Berlin"))).toBe("2026-03-29T01:30:00.000Z");
    expect(zonedParts(zonedTimeToUtc({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, "Europe/Berlin"), "Europe/Berlin")).toMatchObject({ hour: 3, minute: 30 });
    // New York, 8 March 2026: 02:30 does not happen; 03:30 EDT is 07:30Z.
    expect(iso(zonedTimeToUtc({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, "America/New_York"))).toBe("2026-03-08T07:30:00.000Z");
  });

  it("reads a repeated time as its first occurrence", () => {
    // Berlin, 25 October 2026: 02:30 CEST (00:30Z), then 02:30 CET (01:30Z).
    expect(iso(zonedTimeToUtc({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, "Europe/Berlin"))).toBe("2026-10-25T00:30:00.000Z");
    // New York, 1 November 2026: 01:30 EDT (05:30Z), then 01:30 EST (06:30Z).
    expect(iso(zonedTimeToUtc({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, "America/New_York"))).toBe("2026-11-01T05:30:00.000Z");
  });

  it("handles Lord Howe's 30-minute changes", () => {
    // 5 April 2026: at 02:00 +11 (15:00Z) clocks go back to 01:30; 01:45 happens twice, first at 14:45Z.
    expect(iso(zonedTimeToUtc({ year: 2026, month: 4, day: 5, hour: 1, minute: 45 }, "Australia/Lord_Howe"))).toBe("2026-04-04T14:45:00.000Z");
    // 4 October 2026: at 02:00 +10:30 (15:30Z) clocks go forward to 02:30; 02:15 never happens, read as 02:45 +11.
    const skipped = zonedTimeToUtc({ year: 2026, month: 10, day: 4, hour: 2, minute: 15 }, "Australia/Lord_Howe");
    expect(iso(skipped)).toBe("2026-10-03T15:45:00.000Z");
    expect(zonedParts(skipped, "Australia/Lord_Howe")).toMatchObject({ hour: 2, minute: 45 });
  });

  it("round-trips every hour of the change days", () => {
    for (const [timeZone, day] of [
      ["Europe/Berlin", "2026-03-29"],
      ["Europe/Berlin", "2026-10-25"],
      ["America/New_York", "2026-03-08"],
      ["America/New_York", "2026-11-01"],
      ["Asia/Kolkata", "2026-06-10"],
      ["Australia/Lord_Howe", "2026-04-05"],
      ["Australia/Lord_Howe", "2026-10-04"],
    ] as const) {
      const start = startOfZonedDay(new Date(`${day}T12:00:00Z`), timeZone).getTime();
      for (let at = start; at < start + 26 * HOUR; at += 15 * 60_000) {
        const p = zonedParts(new Date(at), timeZone);
        const back = zonedTimeToUtc(p, timeZone).getTime();
        // A repeated reading maps to its first occurrence, at most an hour earlier; others exactly.
        expect(at - back === 0 || at - back === HOUR || at - back === 30 * 60_000).toBe(true);
        expect(zonedParts(new Date(back), timeZone)).toMatchObject({ hour: p.hour, minute: p.minute });
      }
    }
  });
});

describe("days", () => {
  it("start at local midnight and last 23 or 25 hours on change days", () => {
    const length = (day: string, next: string, timeZone: string) =>
      startOfZonedDay(new Date(`${next}T12:00:00Z`), timeZone).getTime() - startOfZonedDay(new Date(`${day}T12:00:00Z`), timeZone).getTime();
    expect(iso(startOfZonedDay(new Date("2026-03-29T12:00:00Z"), "Europe/Berlin"))).toBe("2026-03-28T23:00:00.000Z");
    expect(length("2026-03-29", "2026-03-30", "Europe/Berlin")).toBe(23 * HOUR);
    expect(length("2026-10-25", "2026-10-26", "Europe/Berlin")).toBe(25 * HOUR);
    expect(length("2026-03-08", "2026-03-09", "America/New_York")).toBe(23 * HOUR);
    expect(length("2026-11-01", "2026-11-02", "America/New_York")).toBe(25 * HOUR);
    expect(length("2026-04-05", "2026-04-06", "Australia/Lord_Howe")).toBe(24.5 * HOUR);
    expect(length("2026-10-04", "2026-10-05", "Australia/Lord_Howe")).toBe(23.5 * HOUR);
    expect(iso(startOfZonedDay(new Date("2026-06-10T12:00:00Z"), "Asia/Kolkata"))).toBe("2026-06-09T18:30:00.000Z");
  });

  it("key the local date", () => {
    expect(zonedDayKey(new Date("2026-06-11T02:00:00Z"), "America/New_York")).toBe("2026-06-10");
    expect(zonedDayKey(new Date("2026-06-10T18:29:00Z"), "Asia/Kolkata")).toBe("2026-06-10");
    expect(zonedDayKey(new Date("2026-06-10T18:30:00Z"), "Asia/Kolkata")).toBe("2026-06-11");
  });
});

describe("isTimeZone", () => {
  it("accepts IANA names and UTC, refuses anything else", () => {
    for (const name of ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]) expect(isTimeZone(name)).toBe(true);
    for (const name of ["", "Mars/Olympus_Mons", "Europe/Berlin; DROP TABLE", "x".repeat(65)]) expect(isTimeZone(name)).toBe(false);
  });
});
