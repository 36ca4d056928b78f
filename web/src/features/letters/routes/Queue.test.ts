import { describe, expect, it } from "vitest";
import { byUrgencyAndAge } from "./Queue";

const step = (urgency: string, waiting_since: string, overdue = false) =>
  ({ urgency, waiting_since, overdue }) as Parameters<typeof byUrgencyAndAge>[0];

describe("the approval queue order", () => {
  it("puts the most urgent first, then the longest waiting", () => {
    const items = [
      step("biasa", "2026-12-01T08:00:00+08:00"),
      step("sangat_segera", "2026-12-03T08:00:00+08:00"),
      step("biasa", "2026-11-30T08:00:00+08:00"),
      step("segera", "2026-12-02T08:00:00+08:00"),
    ];
    expect(items.sort(byUrgencyAndAge).map((i) => `${i.urgency}@${(i.waiting_since ?? "").slice(5, 10)}`)).toEqual([
      "sangat_segera@12-03", "segera@12-02", "biasa@11-30", "biasa@12-01",
    ]);
  });
});
