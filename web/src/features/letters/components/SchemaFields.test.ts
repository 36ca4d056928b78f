import { createElement } from "react";
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { cleaned, emptyOf, FieldsView, type JsonSchema } from "./SchemaFields";

const SURAT_TUGAS: JsonSchema = {
  type: "object",
  required: ["dasar", "pegawai", "periode"],
  properties: {
    dasar: { type: "array", minItems: 1, items: { type: "string" } },
    pegawai: { type: "array", title: "Kepada", minItems: 1, items: { type: "object", required: ["nama"], properties: { nama: { type: "string", title: "Nama" }, nip: { type: "string", title: "NIP" } } } },
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

describe("a letter's fields as read", () => {
  it("shows each part under its title from the schema", () => {
    const view = render(createElement(FieldsView, { schema: SURAT_TUGAS, value: { pegawai: [{ nama: "I Made", nip: "198503102010011002" }] } }));
    expect(view.container.textContent).toBe("KepadaNamaI MadeNIP198503102010011002");
  });
});
