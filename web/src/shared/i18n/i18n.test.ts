import { describe, expect, it } from "vitest";
import { en } from "./en";
import { id } from "./id";
import { translate } from "./index";

function keys(node: object, prefix = ""): string[] {
  return Object.entries(node).flatMap(([k, v]) => (typeof v === "string" ? [prefix + k] : keys(v, `${prefix}${k}.`)));
}

describe("the catalogues", () => {
  it("have the same keys in Indonesian and English", () => {
    expect(keys(en).sort()).toEqual(keys(id).sort());
  });

  it("have no empty text", () => {
    for (const key of keys(id)) expect(translate("id", key as never)).not.toBe("");
  });

  it("fill placeholders", () => {
    expect(translate("id", "common.page", { n: 2 })).toBe("Halaman 2");
  });
});
