import { describe, expect, it } from "vitest";
import { countsUnread, unreadIn } from "./unread";

const counts = { inbox: 2, cc: 1, dispositions: 0, incoming: 3 };

describe("unreadIn", () => {
  it("adds the boxes asked for", () => {
    expect(unreadIn(counts, "inbox", "cc")).toBe(3);
    expect(unreadIn(counts, "incoming")).toBe(3);
  });

  it("is zero while the counts load", () => {
    expect(unreadIn(undefined, "inbox")).toBe(0);
  });

  it("never shows a negative count", () => {
    expect(unreadIn({ ...counts, cc: -1 }, "inbox", "cc")).toBe(2);
  });
});

describe("countsUnread", () => {
  const user = (role: string, org: string | null) => ({ token: "t", actingFor: null, user: { username: "u", full_name: "U", role, org, position: null } });

  it("asks for the staff of an org", () => {
    expect(countsUnread(user("employee", "DISKOMINFOS"))).toBe(true);
    expect(countsUnread(user("operator", "BIROUMUM"))).toBe(true);
  });

  it("does not ask for citizens, the province admin or the signed-out", () => {
    expect(countsUnread(user("public", null))).toBe(false);
    expect(countsUnread(user("admin", null))).toBe(false);
    expect(countsUnread(null)).toBe(false);
  });
});
