import { useMemo, useState } from "react";
import { formatDateTime } from "@/shared/format/date";
import { useI18n, type MessageKey } from "@/shared/i18n";
import { Loading } from "@/shared/ui/Loading";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { readsEveryOrg, RequireRole } from "@/shared/ui/RequireRole";
import { useMonev, useOrgNames, type Monev as Figures } from "../api";
import { ChartFigure } from "../components/ChartFigure";
import { PeriodPicker } from "../components/PeriodPicker";
import { MONEV_COLUMNS, sortLines, withEveryOrg, type MonevColumn } from "../monevTable";
import { formatPeriod, hours, thisMonth } from "../period";

/** The province's monitoring and evaluation: the province-wide admin and the auditor. */
export function Monev() {
  const { t } = useI18n();
  const [period, setPeriod] = useState(thisMonth());
  return (
    <Page title={t("admin.monev.title")} wide>
      <RequireRole allowed={readsEveryOrg}>
        <p>{t("admin.monev.lead")}</p>
        <div className="filters">
          <PeriodPicker value={period} onChange={setPeriod} years />
        </div>
        <Figures period={period} />
      </RequireRole>
    </Page>
  );
}

function Figures({ period }: { period: string }) {
  const monev = useMonev(period);
  const names = useOrgNames();
  if (monev.isPending || names.isPending) return <Loading />;
  if (monev.isError) return <QueryError error={monev.error} />;
  return <Table figures={monev.data} names={names.data ?? new Map()} />;
}

function Table({ figures, names }: { figures: Figures; names: Map<string, string> }) {
  const { t, lang } = useI18n();
  const [sort, setSort] = useState<{ column: MonevColumn; ascending: boolean }>({ column: "letters_signed", ascending: false });
  const lines = useMemo(() => sortLines(withEveryOrg(figures.orgs, names.keys()), sort.column, sort.ascending, names), [figures, sort, names]);
  const col = (c: MonevColumn) => t(`admin.monev.col.${c}` as MessageKey);
  const name = (org: string) => names.get(org) ?? org;
  const chart = useMemo(
    () => ({ labels: lines.map((l) => names.get(l.org) ?? l.org), series: [{ label: t("admin.monev.col.letters_signed"), values: lines.map((l) => l.letters_signed) }] }),
    [lines, names, t],
  );
  if (!lines.length) return <p>{t("admin.none")}</p>;
  return (
    <div data-testid="monev">
      <p className="meta">
        {formatPeriod(figures.period, lang)} · {t("admin.asOf", { when: formatDateTime(figures.as_of, lang) })}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t("admin.monev.title")}>
        <table className="data-table data-table--sortable">
          <caption className="visually-hidden">{t("admin.monev.title")}</caption>
          <thead>
            <tr>
              {MONEV_COLUMNS.map((c) => (
                <th key={c} scope="col" aria-sort={sort.column === c ? (sort.ascending ? "ascending" : "descending") : undefined}>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t("admin.monev.sortBy", { column: col(c) })}
                    onClick={() => setSort((s) => ({ column: c, ascending: s.column === c ? !s.ascending : c === "org" }))}
                  >
                    {col(c)}
                    <span aria-hidden="true">{sort.column === c ? (sort.ascending ? " ▲" : " ▼") : ""}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.org}>
                <th scope="row">{name(l.org)}</th>
                <td>{l.letters_drafted}</td>
                <td>{l.letters_signed}</td>
                <td>{l.signing_average_seconds == null ? "–" : t("admin.monev.hours", { hours: hours(l.signing_average_seconds) })}</td>
                <td>
                  {l.answered_on_time_percent == null
                    ? "–"
                    : t("admin.monev.onTime", { percent: l.answered_on_time_percent, onTime: l.submissions_answered_on_time, answered: l.submissions_answered })}
                </td>
                <td className={l.dispositions_overdue ? "overdue" : undefined}>{l.dispositions_overdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ChartFigure
        title={t("admin.monev.chartTitle")}
        text={formatPeriod(figures.period, lang)}
        {...chart}
        headers={[col("org"), col("letters_signed")]}
        horizontal
      />
    </div>
  );
}
