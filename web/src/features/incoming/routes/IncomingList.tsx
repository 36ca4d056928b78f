import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useI18n, type MessageKey } from "@/shared/i18n";
import { formatDate, formatDateTime } from "@/shared/format/date";
import { Loading } from "@/shared/ui/Loading";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireSignIn } from "@/shared/ui/RequireSignIn";
import { UnreadBadge } from "@/shared/unread/UnreadBadge";
import { Pager } from "@/features/letters/components/Pager";
import { useIncomingList, useMyDispositions, usePositionTitle } from "../api";
import { isOverdue } from "../sheet";

export const LEADERS_AND_STAFF = ["employee"];
type Tab = "mine" | "all";

/** Incoming letters for leaders and their staff: the dispositions to me (overdue ones stand out) and the org's list. */
export function IncomingList() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const tab: Tab = params.get("tab") === "all" ? "all" : "mine";
  return (
    <Page title={t("ops.incoming.title")} wide>
      <RequireSignIn roles={LEADERS_AND_STAFF}>
        <nav aria-label={t("ops.incoming.title")} className="tabs">
          <ul>
            <li>
              <Link to="/surat-masuk?tab=mine" aria-current={tab === "mine" ? "page" : undefined}>
                {t("ops.incoming.mine")}
                <UnreadBadge boxes={["dispositions"]} testId="unread-mine" />
              </Link>
            </li>
            <li>
              <Link to="/surat-masuk?tab=all" aria-current={tab === "all" ? "page" : undefined}>
                {t("ops.incoming.title")}
                <UnreadBadge boxes={["incoming"]} testId="unread-all" />
              </Link>
            </li>
          </ul>
        </nav>
        {tab === "mine" ? <MyDispositions /> : <AllIncoming />}
      </RequireSignIn>
    </Page>
  );
}

function MyDispositions() {
  const { t, lang } = useI18n();
  const [cursors, setCursors] = useState<string[]>([]);
  const page = useMyDispositions(cursors.at(-1));
  const title = usePositionTitle();
  if (page.isPending) return <Loading />;
  if (page.isError) return <QueryError error={page.error} />;
  const now = new Date();
  return (
    <>
      <p>{t("ops.incoming.mineLead")}</p>
      {!page.data.items.length ? (
        <p>{t("ops.incoming.noneMine")}</p>
      ) : (
        <ul className="list" data-testid="my-dispositions">
          {page.data.items.map((d) => {
            const overdue = isOverdue(d, now);
            return (
              <li key={d.id} className={overdue ? "list__item--urgent" : undefined}>
                <Link to={`/disposisi/${d.id}`}>{d.subject}</Link>
                <p className="meta">
                  {t("ops.sheet.agenda")} {d.agenda_number} · {t("ops.sheet.from2")} {title(d.from_position)} · {t(`ops.dstate.${d.state}` as MessageKey)} ·{" "}
                  {t("ops.incoming.deadline", { when: formatDateTime(d.deadline, lang) })}
                  {overdue && <strong> · {t("ops.incoming.overdue")}</strong>}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      <Pager cursors={cursors} next={page.data.next} onChange={setCursors} />
    </>
  );
}

function AllIncoming() {
  const { t, lang } = useI18n();
  const [cursors, setCursors] = useState<string[]>([]);
  const page = useIncomingList(cursors.at(-1));
  if (page.isPending) return <Loading />;
  if (page.isError) return <QueryError error={page.error} />;
  return (
    <>
      <p>{t("ops.incoming.lead")}</p>
      {!page.data.items.length ? (
        <p>{t("ops.register.none")}</p>
      ) : (
        <ul className="list" data-testid="incoming-list">
          {page.data.items.map((item) => (
            <li key={item.id} className={item.urgency !== "biasa" ? "list__item--urgent" : undefined}>
              {item.redacted ? <strong>{t("ops.register.redacted")}</strong> : <Link to={`/surat-masuk/${item.id}`}>{item.subject}</Link>}
              <p className="meta">
                {t("ops.sheet.agenda")} {item.agenda_number} · {[item.sender_name, item.sender_org].filter(Boolean).join(", ")} ·{" "}
                {formatDate(item.received_at, lang)}
                {!item.opened_at && <strong> · {t("unread.notOpened")}</strong>}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pager cursors={cursors} next={page.data.next} onChange={setCursors} />
    </>
  );
}
