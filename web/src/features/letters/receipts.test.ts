import { describe, expect, it } from "vitest";
import { translate } from "@/shared/i18n";
import { readCount, seesReceipts, unreadFirst } from "./receipts";

const receipt = (code: string, opened_at: string | null) => ({ code, opened_at });

describe("readCount", () => {
  it("counts the recipients who opened the letter, of all of them", () => {
    const items = [receipt("SEKRETARIS", "2026-12-03T14:05:00+08:00"), receipt("KABID-APTIKA", null), receipt("BIROUMUM", "2026-12-03T15:00:00+08:00"), receipt("SETDA", "2026-12-04T08:00:00+08:00")];
    const count = readCount(items);
    expect(count).toEqual({ read: 3, total: 4 });
    expect(translate("id", "letter.receipts.summary", count)).toBe("Dibaca 3 dari 4");
    expect(translate("en", "letter.receipts.summary", count)).toBe("Read by 3 of 4");
  });

  it("is nought of nought before anyone is recorded", () => {
    expect(readCount([])).toEqual({ read: 0, total: 0 });
  });
});

describe("unreadFirst", () => {
  it("puts those who have not opened it yet at the top, otherwise keeping the order", () => {
    const items = [receipt("A", "2026-12-03T14:05:00+08:00"), receipt("B", null), receipt("C", null)];
    expect(unreadFirst(items).map((r) => r.code)).toEqual(["B", "C", "A"]);
  });
});

describe("seesReceipts", () => {
  const letter = { state: "sent", drafter_position: "PRANATA-KOMPUTER", signatory: "KADIS" };

  it("shows them to the drafter and the signatory of a sent letter", () => {
    expect(seesReceipts(letter, "PRANATA-KOMPUTER")).toBe(true);
    expect(seesReceipts(letter, "KADIS")).toBe(true);
    expect(seesReceipts({ ...letter, state: "archived" }, "KADIS")).toBe(true);
  });

  it("hides them from the reviewers and recipients, and before the letter is sent", () => {
    expect(seesReceipts(letter, "KASI-LAYANAN")).toBe(false);
    expect(seesReceipts(letter, null)).toBe(false);
    expect(seesReceipts({ ...letter, state: "in_review" }, "KADIS")).toBe(false);
  });
});
