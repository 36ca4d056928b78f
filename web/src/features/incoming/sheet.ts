/** Pure rules of the disposition sheet (lembar disposisi): who is below me, and what the form still needs. */

export interface PositionLike {
  code: string;
  title: string;
  reports_to: string | null;
}

/** Every position below `mine` in the reports_to tree, nearest first (then by title). */
export function positionsBelow<T extends PositionLike>(mine: string | null, positions: T[]): T[] {
  if (!mine) return [];
  const depth = new Map<string, number>([[mine, 0]]);
  const byBoss = new Map<string, T[]>();
  for (const p of positions) if (p.reports_to) byBoss.set(p.reports_to, [...(byBoss.get(p.reports_to) ?? []), p]);
  const found: T[] = [];
  const queue = [mine];
  while (queue.length) {
    const boss = queue.shift()!;
    for (const p of byBoss.get(boss) ?? []) {
      if (depth.has(p.code)) continue; // a cycle in bad data must not loop
      depth.set(p.code, depth.get(boss)! + 1);
      found.push(p);
      queue.push(p.code);
    }
  }
  return found.sort((a, b) => depth.get(a.code)! - depth.get(b.code)! || a.title.localeCompare(b.title));
}

export interface SheetInput {
  to: string[];
  instructions: string[];
  deadline: string; // the value of <input type="datetime-local">, read as WITA
}

export type SheetProblem = "to" | "instructions" | "deadline" | "pastDeadline";

/** "2026-12-10T16:00" typed in Bali → the ISO instant with its offset, "2026-12-10T16:00:00+08:00". */
export function witaDeadline(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}+08:00`;
}

/** What the sheet still needs before it can be sent, field by field (empty: ready). */
export function sheetProblems(input: SheetInput, now: Date): SheetProblem[] {
  const problems: SheetProblem[] = [];
  if (!input.to.length) problems.push("to");
  if (!input.instructions.length) problems.push("instructions");
  if (!input.deadline) problems.push("deadline");
  else if (!(new Date(witaDeadline(input.deadline)).getTime() > now.getTime())) problems.push("pastDeadline");
  return problems;
}

/** An open disposition past its deadline stands out. */
export function isOverdue(d: { state: string; deadline: string }, now: Date): boolean {
  return (d.state === "assigned" || d.state === "read") && new Date(d.deadline).getTime() < now.getTime();
}

/** The dispositions as a tree: the children of each disposition (null: the first ones, from the addressee). */
export function childrenOf<T extends { id: string; parent_id: string | null; created_at: string }>(items: T[]): Map<string | null, T[]> {
  const tree = new Map<string | null, T[]>();
  for (const d of [...items].sort((a, b) => a.created_at.localeCompare(b.created_at))) {
    tree.set(d.parent_id, [...(tree.get(d.parent_id) ?? []), d]);
  }
  return tree;
}

/** My position and those above it, up to the head (who may sign a reply I draft). */
export function chainUp<T extends PositionLike>(mine: string | null, positions: T[]): T[] {
  const byCode = new Map(positions.map((p) => [p.code, p]));
  const chain: T[] = [];
  let code = mine;
  while (code && byCode.has(code) && !chain.some((p) => p.code === code)) {
    const p = byCode.get(code)!;
    chain.push(p);
    code = p.reports_to;
  }
  return chain;
}
