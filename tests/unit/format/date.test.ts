import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatMonth, parseDateTimeInput, startOfDayIn, startOfMonthIn, toDateTimeInput, zoneAbbreviation } from "@/lib/format/date";

// One date format everywhere, in the organisation's zone, and dates typed into the dashboard
// read in that zone: across the March and October changes of New York (2027-03-14, 2027-11-07)
// and Berlin (2027-03-28, 2027-10-31).

describe("formatDate", () => {
  it("writes the day, the month's short name and the year: 3 Dec 2026", () => {
    expect(formatDate(new Date("2026-12-03T12:00:00Z"), "UTC")).toBe("3 Dec 2026");
  });

  it("is the day in the zone, not in UTC", () => {
    const lateEvening = new Date("2026-12-04T02:30:00Z");
    expect(formatDate(lateEvening, "UTC")).toBe("4 Dec 2026");
    expect(formatDate(lateEvening, "America/New_York")).toBe("3 Dec 2026");
    expect(formatDate(new Date("2026-12-31T23:30:00Z"), "Asia/Tokyo")).toBe("1 Jan 2027");
  });
});

describe("formatDateTime", () => {
  it("writes a 24-hour time and the zone's short name: 3 Dec 2026, 14:05 CET", () => {
    expect(formatDateTime(new Date("2026-12-03T13:05:00Z"), "Europe/Berlin")).toBe("3 Dec 2026, 14:05 CET");
    expect(formatDateTime(new Date("2026-12-03T13:05:00Z"), "UTC")).toBe("3 Dec 2026, 13:05 UTC");
  });

  it("follows New York's spring change: EST before, EDT after", () => {
    expect(formatDateTime(new Date("2027-03-14T06:59:00Z"), "America/New_York")).toBe("14 Mar 2027, 01:59 EST");
    expect(formatDateTime(new Date("2027-03-14T07:00:00Z"), "America/New_York")).toBe("14 Mar 2027, 03:00 EDT");
  });

  it("follows Berlin's autumn change: the repeated hour told apart by CEST and CET", () => {
    expect(formatDateTime(new Date("2027-10-31T00:30:00Z"), "Europe/Berlin")).toBe("31 Oct 2027, 02:30 CEST");
    expect(formatDateTime(new Date("2027-10-31T01:30:00Z"), "Europe/Berlin")).toBe("31 Oct 2027, 02:30 CET");
  });

  it("names a zone without a common abbreviation by its offset", () => {
    expect(zoneAbbreviation(new Date("2026-12-03T00:00:00Z"), "Asia/Kolkata")).toBe("GMT+5:30");
    expect(formatDateTime(new Date("2026-12-03T00:00:00Z"), "Asia/Tokyo")).toBe("3 Dec 2026, 09:00 GMT+9");
  });
});

describe("formatMonth", () => {
  it("is the month in the zone", () => {
    expect(formatMonth(new Date("2027-01-01T03:00:00Z"), "UTC")).toBe("January 2027");
    expect(formatMonth(new Date("2027-01-01T03:00:00Z"), "America/Los_Angeles")).toBe("December 2026");
  });
});

describe("toDateTimeInput", () => {
  it("shows the moment as a clock in the zone reads it", () => {
    expect(toDateTimeInput(new Date("2027-03-14T07:30:00Z"), "America/New_York")).toBe("2027-03-14T03:30");
    expect(toDateTimeInput(new Date("2027-07-01T12:00:45Z"), "Europe/Berlin")).toBe("2027-07-01T14:00");
    expect(toDateTimeInput(new Date("2027-07-01T12:00:45Z"), "UTC")).toBe("2027-07-01T12:00");
  });
});

describe("parseDateTimeInput", () => {
  it("reads a wall-clock time in the zone, with the offset of that day", () => {
    expect(parseDateTimeInput("2027-01-15T09:00", "America/New_York")).toEqual(new Date("2027-01-15T14:00:00Z"));
    expect(parseDateTimeInput("2027-07-15T09:00", "America/New_York")).toEqual(new Date("2027-07-15T13:00:00Z"));
    expect(parseDateTimeInput("2027-07-15", "Europe/Berlin")).toEqual(new Date("2027-07-14T22:00:00Z"));
  });

  it("reads a time the clocks skip (02:30 on New York's spring-forward night) as the moment a person meant: 03:30 EDT, 07:30Z", () => {
    const start = parseDateTimeInput("2027-03-14T02:30", "America/New_York");
    expect(start).toEqual(new Date("2027-03-14T07:30:00Z"));
    expect(formatDateTime(start!, "America/New_York")).toBe("14 Mar 2027, 03:30 EDT");
  });

  it("reads a time the clocks repeat (02:30 on Berlin's fall-back night) as its first occurrence", () => {
    expect(parseDateTimeInput("2027-10-31T02:30", "Europe/Berlin")).toEqual(new Date("2027-10-31T00:30:00Z"));
  });

  it("comes back unchanged through toDateTimeInput on ordinary days", () => {
    for (const text of ["2027-03-13T23:59", "2027-03-14T03:00", "2027-11-07T00:15", "2027-11-08T12:00"]) {
      expect(toDateTimeInput(parseDateTimeInput(text, "America/New_York")!, "America/New_York")).toBe(text);
    }
  });

  it("refuses what is not a date and time, or not a real one", () => {
    for (const text of ["", "tomorrow", "2027-02-29T00:00", "2027-05-01T24:00", "2027-13-01", "2027-05-01T09:60", "03/14/2027 2:30 AM"]) {
      expect(parseDateTimeInput(text, "Europe/Berlin")).toBeNull();
    }
  });
});

describe("the start of a day and of a month in a zone", () => {
  it("is the zone's midnight, whatever its offset that day", () => {
    const now = new Date("2027-03-14T12:00:00Z");
    expect(startOfDayIn(now, "America/New_York")).toEqual(new Date("2027-03-14T05:00:00Z"));
    expect(startOfMonthIn(now, "America/New_York")).toEqual(new Date("2027-03-01T05:00:00Z"));
    expect(startOfMonthIn(now, "Europe/Berlin")).toEqual(new Date("2027-02-28T23:00:00Z"));
    expect(startOfDayIn(now, "UTC")).toEqual(new Date("2027-03-14T00:00:00Z"));
  });
});
