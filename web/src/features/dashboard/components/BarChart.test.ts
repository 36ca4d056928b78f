import { describe, expect, it } from "vitest";
import { wrapLabel } from "./BarChart";

describe("chart labels on a phone", () => {
  it("keeps a short label on one line and breaks a long one between words", () => {
    expect(wrapLabel("Eselon II")).toBe("Eselon II");
    expect(wrapLabel("Konsep diajukan → ditandatangani")).toEqual(["Konsep diajukan", "→ ditandatangani"]);
  });
});
