/** Dates as the letters print them: in WITA (Asia/Makassar, UTC+8), "3 Desember 2026". */

const ZONE = "Asia/Makassar";

const dateFormat = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}:${withTime}`;
  let f = dateFormat.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "id-ID", {
      timeZone: ZONE,
      day: "numeric",
      month: "long",
      year: "numeric",
      ...(withTime ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } : {}),
    });
    dateFormat.set(key, f);
  }
  return f;
}

function parse(value: string): Date {
  // A plain date (2026-12-03) is a calendar day in Bali, not midnight UTC.
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+08:00`) : new Date(value);
}

/** "3 Desember 2026" (the day in WITA). */
export function formatDate(value: string | null | undefined, locale = "id"): string {
  if (!value) return "";
  const date = parse(value);
  // Some answers carry a date already written out ("3 Desember 2026"): show it as it is.
  if (Number.isNaN(date.getTime())) return value;
  return formatter(locale, false).format(date);
}

/** "3 Desember 2026 14.05 WITA". */
export function formatDateTime(value: string | null | undefined, locale = "id"): string {
  if (!value) return "";
  const date = parse(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = formatter(locale, true).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const sep = locale === "en" ? ":" : ".";
  return `${get("day")} ${get("month")} ${get("year")} ${get("hour")}${sep}${get("minute")} WITA`;
}

/** Rupiah as written in Indonesian: "Rp15.000.000". */
export function formatRupiah(value: number | null | undefined): string {
  if (value == null) return "";
  return `Rp${new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 }).format(value)}`;
}
