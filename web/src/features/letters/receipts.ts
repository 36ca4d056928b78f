/** Read receipts (tanda baca) of a sent letter: who may see them and how they are summed up. */

/** The states in which a letter has reached its recipients (the API keeps receipts from then on). */
const DELIVERED = ["signed", "sent", "archived"];

/** The API shows a letter's receipts to its drafter and its signatory, once the letter is delivered. */
export function seesReceipts(
  letter: { state: string; drafter_position?: string | null; signatory?: string | null },
  position: string | null,
): boolean {
  return DELIVERED.includes(letter.state) && !!position && [letter.drafter_position, letter.signatory].includes(position);
}

/** How many recipients opened the letter, of how many ("Dibaca 3 dari 4"). */
export function readCount(items: { opened_at: string | null }[]): { read: number; total: number } {
  return { read: items.filter((r) => !!r.opened_at).length, total: items.length };
}

/** Recipients not read yet first (the ones to chase), then in the API's order: inbox, cc, other orgs. */
export function unreadFirst<T extends { opened_at: string | null }>(items: T[]): T[] {
  return [...items.filter((r) => !r.opened_at), ...items.filter((r) => !!r.opened_at)];
}
