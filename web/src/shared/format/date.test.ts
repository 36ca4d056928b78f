import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatRupiah } from "./date";

describe("dates in WITA, as letters print them", () => {
  it("writes the day in Indonesian", () => {
    expect(formatDate("2026-12-03T10:00:00+08:00")).toBe("3 Desember 2026");
  });

  it("uses the Bali day, not the UTC day, late in the evening UTC", () => {
    // 17:30 UTC on 2 December is 01:30 on 3 December in Bali.
    expect(formatDate("2026-12-02T17:30:00Z")).toBe("3 Desember 2026");
  });

  it("keeps a plain calendar date on its day", () => {
    expect(formatDate("2027-01-15")).toBe("15 Januari 2027");
  });

  it("adds the time with the WITA label", () => {
    expect(formatDateTime("2026-12-03T06:05:00Z")).toBe("3 Desember 2026 14.05 WITA");
  });

  it("shows a date the API already wrote out as it is", () => {
    expect(formatDate("3 Desember 2026")).toBe("3 Desember 2026");
  });

  it("writes rupiah with dots between thousands", () => {
    expect(formatRupiah(15000000)).toBe("Rp15.000.000");
  });
});
