import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useSession } from "@/shared/auth/session";
import { useI18n, type MessageKey } from "@/shared/i18n";
import { formatDate } from "@/shared/format/date";
import { Loading } from "@/shared/ui/Loading";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireSignIn } from "@/shared/ui/RequireSignIn";
import { UnreadBadge } from "@/shared/unread/UnreadBadge";
import type { UnreadBox } from "@/shared/unread/unread";
import { BOXES, typeName, useBox, useIncoming, type Box } from "../api";
import { Pager } from "../components/Pager";

type Tab = Box | "incoming";
const TABS: Tab[] = [...BOXES, "incoming"];
/** The tabs whose unread items are counted, and the count each shows. */
const TAB_COUNTS: Partial<Record<Tab, UnreadBox>> = { inbox: "inbox", cc: "cc", incoming: "incoming" };

/** The letter boxes (inbox, cc, drafts, review, sent) and the org's incoming register, with paging. */
export function Boxes() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = (TABS.includes(params.get("kotak") as Tab) ? params.get("kotak") : "inbox") as Tab;
  return (
    <Page title={t("letters.title")} wide>
      <RequireSignIn staff>
        <nav aria-label={t("letters.boxes")} className="tabs">
          <ul>
            {TABS.map((b) => (
              <li key={b}>
                <Link to={`/surat?kotak=${b}`} aria-current={b === tab ? "page" : undefined} onClick={() => setParams({ kotak: b })}>
                  {t(`letters.box.${b}`)}
                  {b in TAB_COUNTS && <UnreadBadge boxes={[TAB_COUNTS[b]!]} testId={`unread-${b}`} />}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {tab === "incoming" ? <IncomingList /> : <BoxList key={tab} box={tab} />}
      </RequireSignIn>
    </Page>
  );
}

function BoxList({ box }: { box: Box }) {
  const { t, lang } = useI18n();
  const [cursors, setCursors] = useState<string[]>([]);
  const page = useBox(box, cursors.at(-1));
  if (page.isPending) return <Loading />;
  if (page.isError) return <QueryError error={page.error} />;
  return (
    <>
      <h2>{t(`letters.box.${box}`)}</h2>
      {page.data.items.length === 0 ? (
        <p>{t("letters.empty")}</p>
      ) : (
        <ul className="list" data-testid={`box-${box}`}>
          {page.data.items.map((item) => (
            <li key={`${item.id}-${item.box}`} className={item.urgency !== "biasa" ? "list__item--urgent" : undefined}>
              <Link to={`/surat/${item.id}`}>{item.redacted ? t("letters.redacted") : item.subject}</Link>
              <p className="meta">
                {typeName(t, item.type)} · {t(`letters.state.${item.state}` as MessageKey)}
                {item.number && ` · ${item.number}`} · {formatDate(item.at, lang)}
                {item.urgency !== "biasa" && <strong> · {t(`letters.urgency.${item.urgency}` as MessageKey)}</strong>}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pager cursors={cursors} next={page.data.next} onChange={setCursors} />
    </>
  );
}

function IncomingList() {
  const { t, lang } = useI18n();
  // Operators keep the register (its page is theirs); leaders and staff read it under Surat masuk.
  const detail = useSession()?.user.role === "operator" ? "/operator/agenda" : "/surat-masuk";
  const [cursors, setCursors] = useState<string[]>([]);
  const page = useIncoming(cursors.at(-1));
  if (page.isPending) return <Loading />;
  if (page.isError) return <QueryError error={page.error} />;
  return (
    <>
      <h2>{t("letters.box.incoming")}</h2>
      {page.data.items.length === 0 ? (
        <p>{t("letters.empty")}</p>
      ) : (
        <ul className="list" data-testid="box-incoming">
          {page.data.items.map((item) => (
            <li key={item.id}>
              {item.redacted ? <strong>{t("letters.redacted")}</strong> : <Link to={`${detail}/${item.id}`}>{item.subject}</Link>}
              <p className="meta">
                {t("letters.agenda", { number: item.agenda_number })}
                {item.letter_number && ` · ${item.letter_number}`}
                {item.sender_org && ` · ${item.sender_org}`} · {formatDate(item.received_at, lang)}
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
