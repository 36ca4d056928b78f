import { useI18n } from "@/shared/i18n";
import { formatPeriod, recentMonths, thisMonth } from "../period";

/** A month (and, with `years`, whole years) to read the figures of; this month first. */
export function PeriodPicker({ value, onChange, years = false }: { value: string; onChange: (period: string) => void; years?: boolean }) {
  const { t, lang } = useI18n();
  const months = recentMonths(thisMonth());
  const yearChoices = years ? [...new Set(months.map((m) => m.slice(0, 4)))] : [];
  return (
    <div className="field picker">
      <label htmlFor="period">{years ? t("admin.monthOrYear") : t("admin.period")}</label>
      <p className="hint" id="period-hint">{t("admin.periodHint")}</p>
      <select id="period" aria-describedby="period-hint" value={value} onChange={(e) => onChange(e.target.value)}>
        {months.map((m) => (
          <option key={m} value={m}>{formatPeriod(m, lang)}</option>
        ))}
        {yearChoices.map((y) => (
          <option key={y} value={y}>{t("admin.wholeYear", { year: y })}</option>
        ))}
      </select>
    </div>
  );
}
