import { Link } from "react-router-dom";
import type { Schemas } from "@/shared/api/client";
import { useI18n, type MessageKey } from "@/shared/i18n";
import { formatDateTime } from "@/shared/format/date";
import { Loading } from "@/shared/ui/Loading";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireSignIn } from "@/shared/ui/RequireSignIn";
import { typeName, useApprovals } from "../api";

type Approval = Schemas["ApprovalOut"];
const URGENCY_RANK: Record<string, number> = { sangat_segera: 0, segera: 1, biasa: 2 };

/** Most urgent first, then the longest waiting. */
export function byUrgencyAndAge(a: Approval, b: Approval): number {
  const rank = (URGENCY_RANK[a.urgency] ?? 3) - (URGENCY_RANK[b.urgency] ?? 3);
  if (rank) return rank;
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  return (a.waiting_since ?? "").localeCompare(b.waiting_since ?? "");
}

export function Queue() {
  const { t } = useI18n();
  return (
    <Page title={t("approvals.title")} wide>
      <RequireSignIn staff>
        <List />
      </RequireSignIn>
    </Page>
  );
}

function List() {
  const { t, lang } = useI18n();
  const queue = useApprovals();
  if (queue.isPending) return <Loading />;
  if (queue.isError) return <QueryError error={queue.error} />;
  const items = [...queue.data.items].sort(byUrgencyAndAge);
  if (!items.length) return <p>{t("approvals.none")}</p>;
  return (
    <ul className="list" data-testid="approvals">
      {items.map((a) => (
        <li key={`${a.letter_id}-${a.round}-${a.index}`} className={a.overdue || a.urgency !== "biasa" ? "list__item--urgent" : undefined}>
          <Link to={`/surat/${a.letter_id}`}>{a.subject}</Link>
          <p className="meta">
            {typeName(t, a.type)} · {t(`letters.urgency.${a.urgency}` as MessageKey)}
            {a.kind === "paraf" && ` · ${t("chains.paraf")}`}
            {a.org && a.position.includes("/") && ` · ${t("chains.otherOrg", { org: a.org })}`}
            {a.waiting_since && ` · ${t("approvals.since", { when: formatDateTime(a.waiting_since, lang) })}`}
            {a.overdue && <strong> · {t("approvals.overdue")}</strong>}
          </p>
        </li>
      ))}
    </ul>
  );
}
