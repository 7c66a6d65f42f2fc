// Day-parting ranges and presets (lib/model/day-parting.ts): what the campaign form shows as
// "From 09:00 to 17:00" maps to the stored hours and back without loss.
import { describe, expect, it } from "vitest";
import { HOURS } from "@/lib/model/options";
import { applySchedulePreset, hoursOfRange, hoursOfRanges, rangeLabel, rangesOfHours, SCHEDULE_PRESETS } from "@/lib/model/day-parting";

const preset = (id: string) => {
  const found = SCHEDULE_PRESETS.find((entry) => entry.id === id);
  if (!found) throw new Error(`no preset ${id}`);
  return found;
};

describe("hoursOfRange", () => {
  it("covers from up to, not including, to", () => {
    expect(hoursOfRange({ from: 9, to: 17 })).toEqual([9, 10, 11, 12, 13, 14, 15, 16]);
  });

  it("reads 24 as the midnight that ends the day", () => {
    expect(hoursOfRange({ from: 18, to: 24 })).toEqual([18, 19, 20, 21, 22, 23]);
    expect(hoursOfRange({ from: 0, to: 24 })).toEqual(HOURS);
  });

  it("wraps past midnight when from is after to", () => {
    expect(hoursOfRange({ from: 22, to: 2 })).toEqual([0, 1, 22, 23]);
  });

  it("covers nothing when from equals to", () => {
    expect(hoursOfRange({ from: 9, to: 9 })).toEqual([]);
  });
});

describe("hoursOfRanges", () => {
  it("joins several ranges, each hour once", () => {
    expect(hoursOfRanges([{ from: 12, to: 14 }, { from: 8, to: 10 }, { from: 13, to: 15 }])).toEqual([8, 9, 12, 13, 14]);
  });
});

describe("rangesOfHours", () => {
  it("makes the fewest ranges of consecutive hours", () => {
    expect(rangesOfHours([9, 10, 11, 14, 15])).toEqual([{ from: 9, to: 12 }, { from: 14, to: 16 }]);
  });

  it("keeps scattered hours as one-hour ranges", () => {
    expect(rangesOfHours([1, 5, 9])).toEqual([{ from: 1, to: 2 }, { from: 5, to: 6 }, { from: 9, to: 10 }]);
  });

  it("joins a run up to midnight with one from midnight", () => {
    expect(rangesOfHours([0, 1, 22, 23])).toEqual([{ from: 22, to: 2 }]);
  });

  it("makes one range of the whole day, and none of no hours (any hour)", () => {
    expect(rangesOfHours(HOURS)).toEqual([{ from: 0, to: 24 }]);
    expect(rangesOfHours([])).toEqual([]);
  });

  it("ignores what is not an hour of the day", () => {
    expect(rangesOfHours([-1, 24, 3.5, 3])).toEqual([{ from: 3, to: 4 }]);
  });

  it.each([[[1, 5, 9]], [[0, 23]], [[0, 1, 2, 3, 12, 22, 23]], [HOURS], [[7]], [[]]])("round-trips %j without loss", (hours) => {
    expect(hoursOfRanges(rangesOfHours(hours))).toEqual(hours);
  });

  it("round-trips every one of 2,000 random hour sets", () => {
    let seed = 15;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < 2000; run += 1) {
      const hours = HOURS.filter(() => random() < 0.5);
      expect(hoursOfRanges(rangesOfHours(hours))).toEqual(hours);
    }
  });
});

describe("rangeLabel", () => {
  it("reads as a clock range", () => {
    expect(rangeLabel({ from: 9, to: 17 })).toBe("09:00–17:00");
    expect(rangeLabel({ from: 18, to: 24 })).toBe("18:00–24:00");
  });
});

describe("schedule presets", () => {
  const scattered = { weekdays: [3], hours: [1, 5, 9] };

  it("Weekdays 9–17 is Monday to Friday, hours 9 to 16", () => {
    expect(applySchedulePreset(scattered, preset("weekdays-9-17"))).toEqual({ weekdays: [1, 2, 3, 4, 5], hours: [9, 10, 11, 12, 13, 14, 15, 16] });
  });

  it("Weekends sets Saturday and Sunday and keeps the hours", () => {
    expect(applySchedulePreset(scattered, preset("weekends"))).toEqual({ weekdays: [0, 6], hours: [1, 5, 9] });
  });

  it("Evenings 18–24 sets hours 18 to 23 and keeps the days", () => {
    expect(applySchedulePreset(scattered, preset("evenings"))).toEqual({ weekdays: [3], hours: [18, 19, 20, 21, 22, 23] });
  });

  it("All day clears the hours (any hour) and keeps the days", () => {
    expect(applySchedulePreset(scattered, preset("all-day"))).toEqual({ weekdays: [3], hours: [] });
  });

  it("Weekends then Evenings is weekend evenings", () => {
    expect(applySchedulePreset(applySchedulePreset(scattered, preset("weekends")), preset("evenings"))).toEqual({ weekdays: [0, 6], hours: [18, 19, 20, 21, 22, 23] });
  });
});
