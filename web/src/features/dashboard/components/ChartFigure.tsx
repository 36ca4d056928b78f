import { useId, type ReactNode } from "react";
import { useI18n } from "@/shared/i18n";
import { BarChart, type Series } from "./BarChart";

/** A chart with its title, a sentence saying what it shows, and the same numbers as a table. */
export function ChartFigure({ title, text, labels, series, headers, cell, horizontal, stacked }: {
  title: string;
  text: string;
  labels: string[];
  series: Series[];
  headers: [string, ...string[]];
  cell?: (value: number, seriesIndex: number) => ReactNode;
  horizontal?: boolean;
  stacked?: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <figure className="chart-figure" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p className="hint">{text}</p>
      <BarChart labels={labels} series={series} horizontal={horizontal} stacked={stacked} />
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`${t("admin.table")}: ${title}`}>
        <table className="data-table">
          <caption className="visually-hidden">{t("admin.table")}: {title}</caption>
          <thead>
            <tr>
              {headers.map((h) => (
                <th key={h} scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, row) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {series.map((s, i) => (
                  <td key={s.label}>{cell ? cell(s.values[row], i) : s.values[row]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
