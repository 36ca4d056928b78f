import { useState } from "react";
import { useParams } from "react-router-dom";
import { useI18n } from "@/shared/i18n";
import { ChainTimeline } from "@/shared/ui/ChainTimeline";
import { Loading } from "@/shared/ui/Loading";
import { Notice } from "@/shared/ui/Notice";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireSignIn } from "@/shared/ui/RequireSignIn";
import { useSession } from "@/shared/auth/session";
import { documentLink, useDocuments, useIncoming, useIncomingTimeline, useMyPosition, useOrgs, type Incoming } from "../api";
import { DispositionSheet } from "../components/DispositionSheet";
import { DispositionTree } from "../components/DispositionTree";
import { ForwardedFrom, ForwardedTo } from "../components/Forwarded";
import { ForwardForm } from "../components/ForwardForm";
import { SheetHeader } from "../components/SheetHeader";
import { mayForward } from "../forwarding";
import { LEADERS_AND_STAFF } from "./IncomingList";

/** An incoming letter: its documents, the disposition trail, for its addressee the disposition sheet, and for
 * those who may forward it the forwarding form. */
export function IncomingDetail() {
  return <IncomingPage roles={LEADERS_AND_STAFF} />;
}

/** The same page for the operators who keep the register (under /operator/agenda). */
export function RegisterEntry() {
  return <IncomingPage roles={["operator"]} />;
}

function IncomingPage({ roles }: { roles: string[] }) {
  const { t } = useI18n();
  const { id = "" } = useParams();
  const letter = useIncoming(id);
  return (
    <Page title={letter.data?.subject ?? t("ops.incoming.title")} wide>
      <RequireSignIn roles={roles}>
        {letter.isPending ? <Loading /> : letter.isError ? <QueryError error={letter.error} /> : <Detail letter={letter.data} />}
      </RequireSignIn>
    </Page>
  );
}

function Detail({ letter }: { letter: Incoming }) {
  const { t } = useI18n();
  const current = useSession();
  const mine = useMyPosition();
  const orgs = useOrgs();
  const orgName = (code: string) => orgs.data?.items.find((o) => o.code === code)?.name ?? code;
  const sheet = letter.addressed_to === mine && letter.state !== "archived";
  return (
    <div className="split">
      <div>
        <ForwardedFrom letter={letter} orgName={orgName} />
        {sheet ? <DispositionSheet letter={letter} parentId={null} /> : <SheetHeader letter={letter} />}
        <ForwardedTo letter={letter} />
        <section aria-labelledby="trail-title" className="no-print">
          <h2 id="trail-title">{t("ops.incoming.dispositions")}</h2>
          <DispositionTree items={letter.dispositions} incomingId={letter.id} />
        </section>
        {current && mayForward(letter, current.user, mine) && <ForwardForm letter={letter} />}
      </div>
      <div className="no-print">
        <Documents id={letter.id} />
        <Trail id={letter.id} />
      </div>
    </div>
  );
}

export function Documents({ id }: { id: string }) {
  const { t } = useI18n();
  const docs = useDocuments(id);
  const [failed, setFailed] = useState(false);
  const open = async (documentId: string) => {
    const tab = window.open("", "_blank");
    try {
      const link = await documentLink(id, documentId);
      if (tab) tab.location.href = link.url;
      else window.location.href = link.url;
    } catch {
      tab?.close();
      setFailed(true);
    }
  };
  return (
    <section aria-labelledby="docs-title">
      <h2 id="docs-title">{t("ops.incoming.documents")}</h2>
      {failed && <Notice kind="error">{t("errors.generic")}</Notice>}
      {docs.isPending ? (
        <Loading />
      ) : docs.isError ? (
        <QueryError error={docs.error} />
      ) : !docs.data.items.length ? (
        <p>{t("ops.incoming.noDocuments")}</p>
      ) : (
        <ul className="file-list">
          {docs.data.items.map((d) => (
            <li key={d.id}>
              <button type="button" className="link-button" disabled={d.status !== "confirmed"} onClick={() => open(d.id)}>
                {t("ops.submission.open", { name: d.filename })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Trail({ id }: { id: string }) {
  const { t } = useI18n();
  const timeline = useIncomingTimeline(id);
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{t("ops.incoming.timeline")}</h2>
      {timeline.isPending ? <Loading /> : timeline.isError ? <QueryError error={timeline.error} /> : <ChainTimeline timeline={timeline.data} />}
    </section>
  );
}
