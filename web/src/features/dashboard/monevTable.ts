import type { MonevLine } from "./api";

export type MonevColumn = "org" | "letters_drafted" | "letters_signed" | "signing_average_seconds" | "answered_on_time_percent" | "dispositions_overdue";
export const MONEV_COLUMNS: MonevColumn[] = ["org", "letters_drafted", "letters_signed", "signing_average_seconds", "answered_on_time_percent", "dispositions_overdue"];

/** Lines sorted by a column (names by their org's name); lines without a figure (null) go last either way. */
export function sortLines(lines: MonevLine[], column: MonevColumn, ascending: boolean, names: Map<string, string>): MonevLine[] {
  const sign = ascending ? 1 : -1;
  return [...lines].sort((a, b) => {
    if (column === "org") return sign * (names.get(a.org) ?? a.org).localeCompare(names.get(b.org) ?? b.org, "id");
    const x = a[column];
    const y = b[column];
    if (x == null || y == null) return x == null ? (y == null ? 0 : 1) : -1;
    return sign * (x - y) || a.org.localeCompare(b.org);
  });
}

/** The API's lines plus an empty one for each known org with nothing counted yet, so every org shows. */
export function withEveryOrg(lines: MonevLine[], orgs: Iterable<string>): MonevLine[] {
  const seen = new Set(lines.map((l) => l.org));
  const empty = (org: string): MonevLine => ({
    org, letters_drafted: 0, letters_signed: 0, signing_average_seconds: null, submissions_answered: 0,
    submissions_answered_on_time: 0, answered_on_time_percent: null, dispositions_open: 0, dispositions_overdue: 0,
  });
  return [...lines, ...[...orgs].filter((org) => !seen.has(org)).map(empty)];
}
