import type { Position, Unit } from "./api";

const RANK: Record<string, number> = { I: 0, II: 1, III: 2, IV: 3, staff: 4 };

export interface UnitNode {
  unit: Unit;
  positions: Position[];
  children: UnitNode[];
}

/** Units as a tree (roots: no parent, or a parent not in the list), each with its positions, highest level first. */
export function buildTree(units: Unit[], positions: Position[]): UnitNode[] {
  const nodes = new Map(units.map((unit) => [unit.code, { unit, positions: [] as Position[], children: [] as UnitNode[] }]));
  for (const p of positions) if (p.unit) nodes.get(p.unit)?.positions.push(p);
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    node.positions.sort((a, b) => (RANK[a.level] ?? 9) - (RANK[b.level] ?? 9) || a.code.localeCompare(b.code));
    const parent = node.unit.parent ? nodes.get(node.unit.parent) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** Positions `position` may report to: higher level, not itself. */
export function possibleSuperiors(position: Position, positions: Position[]): Position[] {
  return positions.filter((p) => p.code !== position.code && (RANK[p.level] ?? 9) < (RANK[position.level] ?? 9));
}
