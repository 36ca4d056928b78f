import { describe, expect, it } from "vitest";
import { cleaned, emptyOf, type JsonSchema } from "./SchemaFields";

const SURAT_TUGAS: JsonSchema = {
  type: "object",
  required: ["dasar", "pegawai", "periode"],
  properties: {
    dasar: { type: "array", minItems: 1, items: { type: "string" } },
    pegawai: { type: "array", minItems: 1, items: { type: "object", required: ["nama"], properties: { nama: { type: "string" }, nip: { type: "string" } } } },
    periode: { type: "object", required: ["mulai", "selesai"], properties: { mulai: { type: "string", format: "date" }, selesai: { type: "string", format: "date" } } },
    tempat: { type: "string" },
  },
};

describe("the fields form of a letter type", () => {
  it("starts with one row of each required list and every required part", () => {
    expect(emptyOf(SURAT_TUGAS)).toEqual({ dasar: [""], pegawai: [{ nama: "" }], periode: { mulai: "", selesai: "" } });
  });

  it("sends trimmed text and leaves out the optional parts left empty", () => {
    const value = { dasar: [" Peraturan Gubernur "], pegawai: [{ nama: "I Made", nip: "" }], periode: { mulai: "2026-12-14", selesai: "2026-12-16" }, tempat: "" };
    expect(cleaned(SURAT_TUGAS, value)).toEqual({ dasar: ["Peraturan Gubernur"], pegawai: [{ nama: "I Made" }], periode: { mulai: "2026-12-14", selesai: "2026-12-16" } });
  });
});
