import { describe, expect, it } from "vitest";
import { parseRecord, toQuery } from "./api";

describe("the archive search", () => {
  it("sends only the filters that are filled in, trimmed", () => {
    expect(toQuery({ org: "BIROUMUM", q: "  jaringan ", kind: undefined, from: "", to: "2026-12-31" })).toEqual({
      org: "BIROUMUM",
      q: "jaringan",
      to: "2026-12-31",
    });
  });

  it("reads a record handle as its kind and id, and refuses anything else", () => {
    expect(parseRecord("letter-abc123")).toEqual({ kind: "letter", id: "abc123" });
    expect(parseRecord("incoming-x-y")).toEqual({ kind: "incoming", id: "x-y" });
    expect(parseRecord("submission-1")).toBeNull();
  });
});
