import { Link } from "react-router-dom";
import { useI18n, type MessageKey } from "@/shared/i18n";
import { formatDateTime } from "@/shared/format/date";
import { Loading } from "@/shared/ui/Loading";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireSignIn } from "@/shared/ui/RequireSignIn";
import { useVerificationQueue } from "../api";

export const OPERATOR = ["operator"];

/** The operator's verification queue: submissions received or resubmitted, oldest first. */
export function Queue() {
  const { t } = useI18n();
  return (
    <Page title={t("ops.queue.title")} wide>
      <RequireSignIn roles={OPERATOR}>
        <p>{t("ops.queue.lead")}</p>
        <p>
          <Link className="button button--secondary" to="/operator/surat-kertas">
            {t("ops.queue.registerPaper")}
          </Link>
        </p>
        <QueueList />
      </RequireSignIn>
    </Page>
  );
}

function QueueList() {
  const { t, lang } = useI18n();
  const queue = useVerificationQueue();
  if (queue.isPending) return <Loading />;
  if (queue.isError) return <QueryError error={queue.error} />;
  if (!queue.data.length) return <p>{t("ops.queue.none")}</p>;
  return (
    <ol className="list" data-testid="ops-queue">
      {queue.data.map((s) => (
        <li key={s.id}>
          <Link to={`/operator/pengajuan/${s.id}`}>{s.subject}</Link>
          <p className="meta">
            <span className={`tag tag--${s.state}`}>{t(`ops.state.${s.state}` as MessageKey)}</span> · {s.code} ·{" "}
            {String(s.sender.name ?? s.sender.company_name ?? "")} · {t("ops.queue.since", { when: formatDateTime(s.updated_at, lang) })}
          </p>
        </li>
      ))}
    </ol>
  );
}
