import { describe, expect, it } from "vitest";
import { fileProblem, MAX_BYTES } from "./upload";

function file(type: string, size: number): File {
  return new File([new Uint8Array(size)], "f", { type });
}

describe("the file check before an upload", () => {
  it("accepts a PDF", () => {
    expect(fileProblem(file("application/pdf", 10))).toBeNull();
  });

  it("refuses a type the API does not take", () => {
    expect(fileProblem(file("application/zip", 10))).toBe("type");
  });

  it("refuses a file over 10 MiB and an empty one", () => {
    expect(fileProblem(file("image/png", MAX_BYTES + 1))).toBe("size");
    expect(fileProblem(file("image/png", 0))).toBe("empty");
  });
});
