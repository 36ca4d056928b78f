import { useMemo, useState } from "react";
import { useSession, type SessionUser } from "@/shared/auth/session";
import { formatDateTime } from "@/shared/format/date";
import { useI18n, type MessageKey } from "@/shared/i18n";
import { Loading } from "@/shared/ui/Loading";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { readsEveryOrg, RequireRole } from "@/shared/ui/RequireRole";
import { useDashboard, useOrgNames, type Dashboard as Figures } from "../api";
import { ChartFigure } from "../components/ChartFigure";
import { PeriodPicker } from "../components/PeriodPicker";
import { formatPeriod, hours, thisMonth } from "../period";

const LEVELS = ["I", "II", "III", "IV", "staff"] as const;
const SERIES = ["letters_drafted", "letters_signed", "incoming_registered", "submissions_received", "dispositions_done"] as const;
const STAGES = ["letter_signing", "review_step", "verification", "first_disposition", "disposition"] as const;

/** Staff of an org, the province-wide admin and the auditor (who choose the org). */
const mayRead = (user: SessionUser) => user.role !== "public" && (!!user.org || readsEveryOrg(user));

export function Dashboard() {
  const { t } = useI18n();
  return (
    <Page title={t("admin.dashboard.title")} wide>
      <RequireRole allowed={mayRead}>
        <Controls />
      </RequireRole>
    </Page>
  );
}

function Controls() {
  const { t } = useI18n();
  const current = useSession();
  const everyOrg = !!current && readsEveryOrg(current.user);
  const [period, setPeriod] = useState(thisMonth());
  const [org, setOrg] = useState<string>("");
  const names = useOrgNames();
  const chosenOrg = everyOrg ? org || names.data?.keys().next().value : undefined;
  const figures = useDashboard(chosenOrg, period, !everyOrg || !!chosenOrg);
  return (
    <>
      <div className="filters">
        {everyOrg && (
          <div className="field picker">
            <label htmlFor="org">{t("admin.org")}</label>
            <select id="org" value={chosenOrg ?? ""} onChange={(e) => setOrg(e.target.value)}>
              {[...(names.data ?? new Map<string, string>())].map(([code, name]) => (
                <option key={code} value={code}>{name}</option>
              ))}
            </select>
          </div>
        )}
        <PeriodPicker value={period} onChange={setPeriod} />
      </div>
      {figures.isPending ? <Loading /> : figures.isError ? <QueryError error={figures.error} /> : <Charts figures={figures.data} />}
    </>
  );
}

function Charts({ figures }: { figures: Figures }) {
  const { t, lang } = useI18n();
  const backlog = figures.backlog;
  const charts = useMemo(() => {
    const d = (key: string) => t(`admin.dashboard.${key}` as MessageKey);
    return {
      levels: { labels: LEVELS.map((l) => d(`levelName.${l}`)), series: [{ label: d("letters"), values: LEVELS.map((l) => backlog.letters_waiting_by_level[l] ?? 0) }] },
      months: {
        labels: figures.months.map((m) => formatPeriod(m.period, lang, true)),
        series: SERIES.map((s) => ({ label: d(`series.${s}`), values: figures.months.map((m) => m.throughput[s]) })),
      },
      stages: { labels: STAGES.map((s) => d(`stageName.${s}`)), series: [{ label: d("hours"), values: STAGES.map((s) => hours(figures.month.turnaround[s].average_seconds)) }] },
      dispositions: { labels: [d("open"), d("overdue")], series: [{ label: d("count"), values: [backlog.dispositions_open, backlog.dispositions_overdue] }] },
    };
  }, [figures, backlog, lang, t]);
  const tiles: [string, number][] = [
    [t("admin.dashboard.inReview"), backlog.letters_in_review],
    [t("admin.dashboard.awaitingVerification"), backlog.submissions_awaiting_verification],
    [t("admin.dashboard.dispositionsOpen"), backlog.dispositions_open],
    [t("admin.dashboard.dispositionsOverdue"), backlog.dispositions_overdue],
    [t("admin.dashboard.paperless"), figures.paperless_pages],
  ];
  return (
    <div data-testid="dashboard">
      <p className="meta">{t("admin.asOf", { when: formatDateTime(figures.as_of, lang) })}</p>
      <h2 className="visually-hidden">{t("admin.dashboard.tiles")}</h2>
      <dl className="tiles">
        {tiles.map(([label, value], i) => (
          <div key={label} className={i === 3 && value > 0 ? "tile tile--alert" : "tile"}>
            <dt>{label}</dt>
            <dd>{value.toLocaleString(lang === "en" ? "en-GB" : "id-ID")}</dd>
          </div>
        ))}
      </dl>
      <div className="chart-grid">
        <ChartFigure title={t("admin.dashboard.backlogTitle")} text={t("admin.dashboard.backlogText")} headers={[t("admin.dashboard.level"), t("admin.dashboard.letters")]} {...charts.levels} />
        <ChartFigure
          title={t("admin.dashboard.throughputTitle")}
          text={t("admin.dashboard.throughputText", { year: figures.year.period })}
          headers={[t("admin.dashboard.month"), ...charts.months.series.map((s) => s.label)]}
          {...charts.months}
        />
        <ChartFigure
          title={t("admin.dashboard.turnaroundTitle")}
          text={t("admin.dashboard.turnaroundText", { period: formatPeriod(figures.month.period, lang) })}
          headers={[t("admin.dashboard.stage"), t("admin.dashboard.hours")]}
          horizontal
          {...charts.stages}
        />
        <ChartFigure title={t("admin.dashboard.overdueTitle")} text={t("admin.dashboard.overdueText")} headers={[t("admin.dashboard.state"), t("admin.dashboard.count")]} {...charts.dispositions} />
      </div>
    </div>
  );
}
