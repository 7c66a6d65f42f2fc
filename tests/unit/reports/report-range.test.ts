import { describe, expect, it } from "vitest";
import { presetDates, reportBuckets, reportRange } from "@/lib/reports/report-range";

describe("presetDates", () => {
  const now = new Date("2026-03-29T22:30:00Z"); // Monday 00:30 in Berlin, Sunday in UTC and New York

  it("resolves today and the last 7 and 30 days on the local date of the zone", () => {
    expect(presetDates("today", "UTC", now)).toEqual({ from: "2026-03-29", to: "2026-03-29" });
    expect(presetDates("today", "Europe/Berlin", now)).toEqual({ from: "2026-03-30", to: "2026-03-30" });
    expect(presetDates("7d", "Europe/Berlin", now)).toEqual({ from: "2026-03-24", to: "2026-03-30" });
    expect(presetDates("30d", "America/New_York", now)).toEqual({ from: "2026-02-28", to: "2026-03-29" });
  });
});

describe("reportRange", () => {
  it("is the half-open range of rollup hours of the local dates", () => {
    const range = reportRange("2026-03-28", "2026-03-30", "Europe/Berlin");
    expect(range.startUtc.toISOString()).toBe("2026-03-27T23:00:00.000Z");
    expect(range.endUtc.toISOString()).toBe("2026-03-30T22:00:00.000Z");
  });
});

describe("reportBuckets", () => {
  it("has one bucket per local date, starting at local midnight", () => {
    const buckets = reportBuckets(reportRange("2026-10-24", "2026-10-26", "Europe/Berlin"), "day");
    expect(buckets.map((bucket) => [bucket.key, bucket.label, bucket.start.toISOString()])).toEqual([
      ["2026-10-24", "2026-10-24", "2026-10-23T22:00:00.000Z"],
      ["2026-10-25", "2026-10-25", "2026-10-24T22:00:00.000Z"],
      ["2026-10-26", "2026-10-26", "2026-10-25T23:00:00.000Z"],
    ]);
  });

  it("has 23 hour buckets on the spring-forward day and 25 on the fall-back day, never merged", () => {
    expect(reportBuckets(reportRange("2026-03-29", "2026-03-29", "Europe/Berlin"), "hour")).toHaveLength(23);
    const fallBack = reportBuckets(reportRange("2026-10-25", "2026-10-25", "Europe/Berlin"), "hour");
    expect(fallBack).toHaveLength(25);
    expect(fallBack.slice(1, 5).map((bucket) => bucket.label)).toEqual([
      "2026-10-25 01:00 +02:00",
      "2026-10-25 02:00 +02:00",
      "2026-10-25 02:00 +01:00",
      "2026-10-25 03:00 +01:00",
    ]);
    expect(new Set(fallBack.map((bucket) => bucket.key)).size).toBe(25);
  });

  it("keys hour buckets by their UTC hour", () => {
    const [first] = reportBuckets(reportRange("2026-03-08", "2026-03-08", "America/New_York"), "hour");
    expect(first).toEqual({ key: "2026-03-08T05:00:00Z", label: "2026-03-08 00:00 -05:00", start: new Date("2026-03-08T05:00:00Z") });
  });
});
