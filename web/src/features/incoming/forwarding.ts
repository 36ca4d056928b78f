/** Forwarding (teruskan) an incoming letter: who may, and where it may still go. */

interface Forwardable {
  org: string;
  addressed_to: string | null;
  dispositions: { to_position: string }[];
  forwarded_to: { kind: string; code: string }[];
}

/**
 * As the API decides it: the org's operators, who keep the register, and the positions that may dispose the
 * letter — its addressee and those it was disposed to. (A letter registered without an addressee goes to the
 * org's head, whom only the API knows: it answers 403 to anyone else, shown as the form's error.)
 */
export function mayForward(letter: Forwardable, user: { role: string; org: string | null }, position: string | null): boolean {
  if (user.org !== letter.org) return false;
  if (user.role === "operator") return true;
  return !!position && (position === letter.addressed_to || letter.dispositions.some((d) => d.to_position === position));
}

/** The targets of `kind` a letter has not been forwarded to yet (a second time is refused), never its own org. */
export function openTargets<T extends { code: string }>(letter: Forwardable, kind: "org" | "unit", targets: T[]): T[] {
  const done = new Set(letter.forwarded_to.filter((f) => f.kind === kind).map((f) => f.code));
  return targets.filter((t) => !done.has(t.code) && !(kind === "org" && t.code === letter.org));
}
