/** Periods as the monitoring API names them (YYYY-MM, YYYY) in WITA, and as people read them ("Desember 2026"). */

const ZONE = "Asia/Makassar";

/** This month in Bali, "2026-12". */
export function thisMonth(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit" }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}`;
}

/** The `count` months up to `last`, newest first: the choices of a month picker. */
export function recentMonths(last: string, count = 24): string[] {
  const [year, month] = last.split("-").map(Number);
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) - i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  });
}

/** "Desember 2026" (or "Des" with short), "2026" for a year. */
export function formatPeriod(period: string, locale = "id", short = false): string {
  if (/^\d{4}$/.test(period)) return period;
  const [year, month] = period.split("-").map(Number);
  const date = new Date(Date.UTC(year, month - 1, 15));
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "id-ID", short ? { month: "short", timeZone: "UTC" } : { month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}

/** Seconds as hours with one decimal (0 when nothing was timed). */
export function hours(seconds: number | null | undefined): number {
  return seconds ? Math.round(seconds / 360) / 10 : 0;
}
