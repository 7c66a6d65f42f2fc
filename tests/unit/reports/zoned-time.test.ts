import { describe, expect, it } from "vitest";
import {
  addDays,
  daysInclusive,
  firstHourOfLocalDate,
  formatUtcOffset,
  isIsoDate,
  localDate,
  localHourLabel,
  utcHourKey,
  utcOffsetMinutes,
} from "@/lib/reports/zoned-time";

const at = (iso: string) => Date.parse(iso);

describe("localDate", () => {
  it("is the calendar date on the wall clock of the zone", () => {
    expect(localDate(at("2026-03-28T23:30:00Z"), "UTC")).toBe("2026-03-28");
    expect(localDate(at("2026-03-28T23:30:00Z"), "Europe/Berlin")).toBe("2026-03-29");
    expect(localDate(at("2026-03-29T03:30:00Z"), "America/New_York")).toBe("2026-03-28");
  });
});

describe("utcOffsetMinutes", () => {
  it("follows Europe/Berlin across both clock changes of 2026", () => {
    expect(utcOffsetMinutes(at("2026-03-29T00:59:59Z"), "Europe/Berlin")).toBe(60);
    expect(utcOffsetMinutes(at("2026-03-29T01:00:00Z"), "Europe/Berlin")).toBe(120);
    expect(utcOffsetMinutes(at("2026-10-25T00:59:59Z"), "Europe/Berlin")).toBe(120);
    expect(utcOffsetMinutes(at("2026-10-25T01:00:00Z"), "Europe/Berlin")).toBe(60);
  });

  it("gives half-hour offsets and negative ones", () => {
    expect(utcOffsetMinutes(at("2026-06-01T00:00:00Z"), "Asia/Kolkata")).toBe(330);
    expect(utcOffsetMinutes(at("2026-01-15T12:00:00Z"), "America/New_York")).toBe(-300);
    expect(formatUtcOffset(330)).toBe("+05:30");
    expect(formatUtcOffset(-300)).toBe("-05:00");
    expect(formatUtcOffset(0)).toBe("+00:00");
  });
});

describe("firstHourOfLocalDate", () => {
  it("is local midnight in UTC", () => {
    expect(new Date(firstHourOfLocalDate("2026-03-29", "UTC")).toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(new Date(firstHourOfLocalDate("2026-03-29", "Europe/Berlin")).toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(new Date(firstHourOfLocalDate("2026-03-30", "Europe/Berlin")).toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(new Date(firstHourOfLocalDate("2026-11-01", "America/New_York")).toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(new Date(firstHourOfLocalDate("2026-11-02", "America/New_York")).toISOString()).toBe("2026-11-02T05:00:00.000Z");
  });

  it("gives 23 hours to the day the clocks go forward and 25 to the day they go back", () => {
    const hours = (date: string, zone: string) => (firstHourOfLocalDate(addDays(date, 1), zone) - firstHourOfLocalDate(date, zone)) / 3_600_000;
    expect(hours("2026-03-29", "Europe/Berlin")).toBe(23);
    expect(hours("2026-10-25", "Europe/Berlin")).toBe(25);
    expect(hours("2026-03-08", "America/New_York")).toBe(23);
    expect(hours("2026-11-01", "America/New_York")).toBe(25);
    expect(hours("2026-07-01", "Europe/Berlin")).toBe(24);
  });

  it("in a half-hour zone, is the first whole UTC hour that starts on the date (00:30 local)", () => {
    const first = firstHourOfLocalDate("2026-06-01", "Asia/Kolkata");
    expect(new Date(first).toISOString()).toBe("2026-05-31T19:00:00.000Z");
    expect(localHourLabel(first, "Asia/Kolkata")).toBe("2026-06-01 00:30 +05:30");
    expect(localDate(first - 3_600_000, "Asia/Kolkata")).toBe("2026-05-31");
  });
});

describe("localHourLabel", () => {
  it("tells apart the two 02:00 hours of the night the clocks go back", () => {
    expect(localHourLabel(at("2026-10-25T00:00:00Z"), "Europe/Berlin")).toBe("2026-10-25 02:00 +02:00");
    expect(localHourLabel(at("2026-10-25T01:00:00Z"), "Europe/Berlin")).toBe("2026-10-25 02:00 +01:00");
  });

  it("keys UTC hours as the report's SQL does", () => {
    expect(utcHourKey(at("2026-10-25T01:59:59.999Z"))).toBe("2026-10-25T01:00:00Z");
  });
});

describe("calendar dates", () => {
  it("adds days across months and years", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(daysInclusive("2026-03-01", "2026-03-31")).toBe(31);
    expect(daysInclusive("2026-03-29", "2026-03-29")).toBe(1);
  });

  it("accepts only real dates written YYYY-MM-DD", () => {
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("2026-2-3")).toBe(false);
    expect(isIsoDate("2026-02-28T00:00:00Z")).toBe(false);
  });
});
