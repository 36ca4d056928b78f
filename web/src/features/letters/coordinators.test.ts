import { describe, expect, it } from "vitest";
import { parseCoordinators } from "./api";

describe("the positions asked for paraf koordinasi", () => {
  it("are read from a comma list, upper-cased, each once", () => {
    expect(parseCoordinators(" biroumum/karo, SEKRETARIS,,BIROUMUM/KARO ")).toEqual(["BIROUMUM/KARO", "SEKRETARIS"]);
    expect(parseCoordinators("   ")).toEqual([]);
  });
});
