/** Today in Bali (WITA) as YYYY-MM-DD: the first day an acting appointment may start. */
export function todayWita(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Makassar", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
