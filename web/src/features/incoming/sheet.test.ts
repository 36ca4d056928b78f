import { describe, expect, it } from "vitest";
import { childrenOf, isOverdue, positionsBelow, sheetProblems, witaDeadline } from "./sheet";

const POSITIONS = [
  { code: "KADIS", title: "Kepala Dinas", reports_to: null },
  { code: "KABID-APTIKA", title: "Kepala Bidang Aptika", reports_to: "KADIS" },
  { code: "SEKRETARIS", title: "Sekretaris", reports_to: "KADIS" },
  { code: "KASI-LAYANAN", title: "Kepala Seksi Layanan", reports_to: "KABID-APTIKA" },
  { code: "STAF", title: "Staf", reports_to: "KASI-LAYANAN" },
];

describe("the disposition sheet", () => {
  it("offers every position below mine, nearest first, and none above or beside", () => {
    expect(positionsBelow("KADIS", POSITIONS).map((p) => p.code)).toEqual(["KABID-APTIKA", "SEKRETARIS", "KASI-LAYANAN", "STAF"]);
    expect(positionsBelow("KABID-APTIKA", POSITIONS).map((p) => p.code)).toEqual(["KASI-LAYANAN", "STAF"]);
    expect(positionsBelow("STAF", POSITIONS)).toEqual([]);
    expect(positionsBelow(null, POSITIONS)).toEqual([]);
  });

  it("survives a reporting cycle in bad data", () => {
    const cycle = [{ code: "A", title: "A", reports_to: "B" }, { code: "B", title: "B", reports_to: "A" }];
    expect(positionsBelow("A", cycle).map((p) => p.code)).toEqual(["B"]);
  });

  it("names each missing part, and refuses a deadline already past", () => {
    const now = new Date("2026-12-03T08:00:00+08:00");
    expect(sheetProblems({ to: [], instructions: [], deadline: "" }, now)).toEqual(["to", "instructions", "deadline"]);
    expect(sheetProblems({ to: ["STAF"], instructions: ["pelajari"], deadline: "2026-12-03T07:59" }, now)).toEqual(["pastDeadline"]);
    expect(sheetProblems({ to: ["STAF"], instructions: ["pelajari"], deadline: "2026-12-03T08:01" }, now)).toEqual([]);
  });

  it("reads the typed deadline as Bali time", () => {
    expect(witaDeadline("2026-12-10T16:00")).toBe("2026-12-10T16:00:00+08:00");
    expect(new Date(witaDeadline("2026-12-10T16:00")).toISOString()).toBe("2026-12-10T08:00:00.000Z");
  });

  it("marks only open dispositions past their deadline as overdue", () => {
    const now = new Date("2026-12-03T08:00:00+08:00");
    expect(isOverdue({ state: "read", deadline: "2026-12-02T16:00:00+08:00" }, now)).toBe(true);
    expect(isOverdue({ state: "done", deadline: "2026-12-02T16:00:00+08:00" }, now)).toBe(false);
    expect(isOverdue({ state: "assigned", deadline: "2026-12-04T16:00:00+08:00" }, now)).toBe(false);
  });

  it("builds the tree of dispositions in the order they were made", () => {
    const tree = childrenOf([
      { id: "b", parent_id: "a", created_at: "2026-12-03T09:00:00+08:00" },
      { id: "a", parent_id: null, created_at: "2026-12-03T08:00:00+08:00" },
      { id: "c", parent_id: "a", created_at: "2026-12-03T08:30:00+08:00" },
    ]);
    expect(tree.get(null)!.map((d) => d.id)).toEqual(["a"]);
    expect(tree.get("a")!.map((d) => d.id)).toEqual(["c", "b"]);
  });
});
