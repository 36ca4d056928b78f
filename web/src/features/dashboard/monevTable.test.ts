import { describe, expect, it } from "vitest";
import type { MonevLine } from "./api";
import { sortLines, withEveryOrg } from "./monevTable";

const line = (org: string, signed: number, onTime: number | null): MonevLine => ({
  org, letters_drafted: 0, letters_signed: signed, signing_average_seconds: null, submissions_answered: onTime == null ? 0 : 1,
  submissions_answered_on_time: onTime ? 1 : 0, answered_on_time_percent: onTime, dispositions_open: 0, dispositions_overdue: 0,
});
const names = new Map([["SETDA", "Sekretariat Daerah"], ["BIROUMUM", "Biro Umum"], ["DISKOMINFOS", "Dinas Kominfos"]]);
const lines = [line("SETDA", 3, null), line("BIROUMUM", 9, 50), line("DISKOMINFOS", 1, 100)];

describe("the monev table's sorting", () => {
  it("sorts by a figure either way", () => {
    expect(sortLines(lines, "letters_signed", false, names).map((l) => l.org)).toEqual(["BIROUMUM", "SETDA", "DISKOMINFOS"]);
    expect(sortLines(lines, "letters_signed", true, names).map((l) => l.org)).toEqual(["DISKOMINFOS", "SETDA", "BIROUMUM"]);
  });

  it("keeps an org with nothing to measure last in both directions", () => {
    expect(sortLines(lines, "answered_on_time_percent", true, names).at(-1)?.org).toBe("SETDA");
    expect(sortLines(lines, "answered_on_time_percent", false, names).at(-1)?.org).toBe("SETDA");
  });

  it("sorts orgs by their names, not their codes", () => {
    expect(sortLines(lines, "org", true, names).map((l) => l.org)).toEqual(["BIROUMUM", "DISKOMINFOS", "SETDA"]);
  });
});

describe("the monev table's orgs", () => {
  it("lists an org with nothing counted yet with zeros and no ratios", () => {
    const all = withEveryOrg([line("SETDA", 3, null)], ["SETDA", "DINKES"]);
    expect(all.map((l) => l.org)).toEqual(["SETDA", "DINKES"]);
    expect(all[1]).toMatchObject({ letters_signed: 0, answered_on_time_percent: null });
  });
});
