import { describe, expect, it } from "vitest";
import type { Position, Unit } from "./api";
import { buildTree, possibleSuperiors } from "./tree";

const unit = (code: string, parent: string | null): Unit => ({ org: "X", code, name: code, parent });
const pos = (code: string, level: "II" | "III" | "IV" | "staff", u: string): Position => ({
  org: "X", code, title: code, level, unit: u, reports_to: null, holder: null, holder_name: null,
});

describe("the org tree", () => {
  it("nests units under their parents with their positions highest level first", () => {
    const tree = buildTree([unit("DINAS", null), unit("BIDANG", "DINAS"), unit("SEKSI", "BIDANG")],
      [pos("STAF", "staff", "SEKSI"), pos("KASI", "IV", "SEKSI"), pos("KADIS", "II", "DINAS")]);
    expect(tree).toHaveLength(1);
    expect(tree[0].positions.map((p) => p.code)).toEqual(["KADIS"]);
    expect(tree[0].children[0].children[0].positions.map((p) => p.code)).toEqual(["KASI", "STAF"]);
  });

  it("offers as superiors only positions of a higher level", () => {
    const all = [pos("KADIS", "II", "D"), pos("KABID", "III", "D"), pos("KASI", "IV", "D"), pos("STAF", "staff", "D")];
    expect(possibleSuperiors(all[2], all).map((p) => p.code)).toEqual(["KADIS", "KABID"]);
  });
});
