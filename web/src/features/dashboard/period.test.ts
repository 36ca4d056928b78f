import { describe, expect, it } from "vitest";
import { formatPeriod, hours, recentMonths, thisMonth } from "./period";

describe("monitoring periods", () => {
  it("takes this month in WITA, which is already January when UTC is still in December", () => {
    expect(thisMonth(new Date("2026-12-31T16:30:00Z"))).toBe("2027-01");
    expect(thisMonth(new Date("2026-12-31T15:59:00Z"))).toBe("2026-12");
  });

  it("offers the months up to this one across a new year, newest first", () => {
    expect(recentMonths("2027-02", 4)).toEqual(["2027-02", "2027-01", "2026-12", "2026-11"]);
  });

  it("writes a month the Indonesian way and a year as itself", () => {
    expect(formatPeriod("2026-12")).toBe("Desember 2026");
    expect(formatPeriod("2026-08", "id", true)).toBe("Agu");
    expect(formatPeriod("2026")).toBe("2026");
  });

  it("shows seconds as hours with one decimal", () => {
    expect(hours(5400)).toBe(1.5);
    expect(hours(null)).toBe(0);
  });
});
