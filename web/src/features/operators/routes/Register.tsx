import { useState } from "react";
import { Link } from "react-router-dom";
import { useI18n } from "@/shared/i18n";
import { formatDate } from "@/shared/format/date";
import { Loading } from "@/shared/ui/Loading";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireSignIn } from "@/shared/ui/RequireSignIn";
import { Pager } from "@/features/letters/components/Pager";
import { useRegister } from "../api";
import { OPERATOR } from "./Queue";

/** The org's incoming register (agenda), newest first; sealed letters come redacted from the API and stay so. */
export function Register() {
  const { t } = useI18n();
  return (
    <Page title={t("ops.register.title")} wide>
      <RequireSignIn roles={OPERATOR}>
        <RegisterTable />
      </RequireSignIn>
    </Page>
  );
}

function RegisterTable() {
  const { t, lang } = useI18n();
  const [cursors, setCursors] = useState<string[]>([]);
  const page = useRegister(cursors.at(-1));
  if (page.isPending) return <Loading />;
  if (page.isError) return <QueryError error={page.error} />;
  if (!page.data.items.length) return <p>{t("ops.register.none")}</p>;
  return (
    <>
      <div className="table-scroll" role="region" aria-label={t("ops.register.title")} tabIndex={0}>
        <table className="table" data-testid="incoming-register">
          <thead>
            <tr>
              <th scope="col">{t("ops.register.agenda")}</th>
              <th scope="col">{t("ops.register.received")}</th>
              <th scope="col">{t("ops.register.from")}</th>
              <th scope="col">{t("ops.paper.subject")}</th>
            </tr>
          </thead>
          <tbody>
            {page.data.items.map((row) => (
              <tr key={row.id} className={row.redacted ? "table__row--sealed" : undefined}>
                {/* The agenda number opens the entry: it is the register's own name for it, and on a phone the first thing seen. */}
                <td>
                  {row.redacted ? row.agenda_number : <Link to={`/operator/agenda/${row.id}`}>{row.agenda_number}</Link>}
                  {!row.opened_at && <strong className="meta table__note">{t("unread.notOpened")}</strong>}
                </td>
                <td>{formatDate(row.received_at, lang)}</td>
                <td>{row.redacted ? "—" : [row.sender_name, row.sender_org].filter(Boolean).join(", ")}</td>
                <td>{row.redacted ? <em>{t("ops.register.redacted")}</em> : row.subject}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager cursors={cursors} next={page.data.next} onChange={setCursors} />
    </>
  );
}
