import { describe, expect, it } from "vitest";
import { mayForward, openTargets } from "./forwarding";

const letter = { org: "BIROUMUM", addressed_to: "KARO", dispositions: [{ to_position: "KABAG-TU" }], forwarded_to: [{ kind: "org", code: "SETDA" }] };
const staff = { role: "employee", org: "BIROUMUM" };

describe("mayForward", () => {
  it("lets the org's operators forward any letter of their register", () => {
    expect(mayForward(letter, { role: "operator", org: "BIROUMUM" }, null)).toBe(true);
  });

  it("lets the addressee and the positions it was disposed to forward it", () => {
    expect(mayForward(letter, staff, "KARO")).toBe(true);
    expect(mayForward(letter, staff, "KABAG-TU")).toBe(true);
  });

  it("does not offer it to other staff or to another org", () => {
    expect(mayForward(letter, staff, "KASUBBAG-PERSURATAN")).toBe(false);
    expect(mayForward(letter, staff, null)).toBe(false);
    expect(mayForward(letter, { role: "operator", org: "SETDA" }, null)).toBe(false);
  });
});

describe("openTargets", () => {
  const orgs = [{ code: "BIROUMUM" }, { code: "DISKOMINFOS" }, { code: "SETDA" }];

  it("leaves out the own org and those it went to already", () => {
    expect(openTargets(letter, "org", orgs).map((o) => o.code)).toEqual(["DISKOMINFOS"]);
  });

  it("keeps a unit named like an org it went to (targets count per kind)", () => {
    expect(openTargets(letter, "unit", [{ code: "SETDA" }, { code: "TU" }]).map((u) => u.code)).toEqual(["SETDA", "TU"]);
  });
});
