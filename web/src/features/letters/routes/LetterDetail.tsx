import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Link, useLocation, useParams } from "react-router-dom";
import { ApiError } from "@/shared/api/client";
import { positionOf, useSession } from "@/shared/auth/session";
import { useI18n, type MessageKey } from "@/shared/i18n";
import { formatDate } from "@/shared/format/date";
import { Loading } from "@/shared/ui/Loading";
import { Notice } from "@/shared/ui/Notice";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireSignIn } from "@/shared/ui/RequireSignIn";
import { Timeline } from "@/shared/ui/Timeline";
import { useRefreshUnread } from "@/shared/unread/unread";
import { attachmentLink, pdfLink, submitLetter, typeName, useApprovals, useLetter, useLetterTypes, useTimeline, type Letter } from "../api";
import { FieldsView, type JsonSchema, type Value } from "../components/SchemaFields";
import { DecisionPanel, DecisionResult, type Decided } from "../components/DecisionPanel";
import { ReadReceipts } from "../components/ReadReceipts";
import { seesReceipts } from "../receipts";

export function LetterDetail() {
  const { t } = useI18n();
  return (
    <Page title={t("letter.title")} wide>
      <RequireSignIn staff>
        <Detail id={useParams().id ?? ""} />
      </RequireSignIn>
    </Page>
  );
}

function Detail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const submitted = (useLocation().state as { submitted?: boolean } | null)?.submitted;
  const letter = useLetter(id);
  const timeline = useTimeline(id);
  const myStep = useApprovals().data?.items.find((i) => i.letter_id === id);
  const [decided, setDecided] = useState<Decided>();
  const current = useSession();
  const me = current?.user.username;
  if (letter.isPending) return <Loading />;
  if (letter.isError) return <QueryError error={letter.error} />;
  const l = letter.data;
  const signed = !!l.number;
  return (
    <>
      {submitted && <Notice kind="success">{t("letter.submitted")}</Notice>}
      <h2 data-testid="letter-subject">{l.subject}</h2>
      <dl className="summary">
        <dt>{t("letter.state")}</dt>
        <dd><strong data-testid="letter-state" data-state={l.state}>{t(`letters.state.${l.state}` as MessageKey)}</strong></dd>
        <dt>{t("editor.type")}</dt><dd>{typeName(t, l.type)}</dd>
        <dt>{t("editor.classification")}</dt><dd>{l.classification}</dd>
        <dt>{t("editor.security")}</dt><dd>{t(`letters.security.${l.security}` as MessageKey)}</dd>
        <dt>{t("editor.urgency")}</dt><dd>{t(`letters.urgency.${l.urgency}` as MessageKey)}</dd>
        {l.number && (<><dt>{t("letter.number")}</dt><dd data-testid="letter-number">{l.number}</dd></>)}
        {l.signed_at && (<><dt>{t("letter.signedAt")}</dt><dd>{formatDate(l.signed_at, lang)}</dd></>)}
        {l.signed_by && (<><dt>{t("letter.signedBy")}</dt><dd>{[l.signed_by.title, l.signed_by.name].filter(Boolean).join(" — ")}</dd></>)}
      </dl>
      {decided && <DecisionResult result={decided} />}
      {myStep && !decided && <DecisionPanel letterId={l.id} kind={myStep.kind} onDecided={setDecided} />}
      {(l.state === "draft" || l.state === "revision_requested") && l.drafter === me && (
        <>
          <p><Link className="button button--secondary" to={`/surat/${l.id}/ubah`}>{t("letter.edit")}</Link></p>
          <SubmitDraft letter={l} />
        </>
      )}
      {signed && <SignedLinks letter={l} />}
      {seesReceipts(l, positionOf(current)) && <ReadReceipts letter={l} />}
      <h2>{t("letter.chain")}</h2>
      <ol className="chain">
        {l.chain.map((step) => (
          <li key={step.index} data-state={step.state}>
            <strong>{step.title}</strong> — {t(`letter.step.${step.state}` as MessageKey)}
            {step.note && <span className="timeline__detail">{t("track.reason", { reason: step.note })}</span>}
            {step.paraf && step.paraf.length > 0 && (
              <ul className="chain" aria-label={t("chains.paraf")} data-testid="paraf">
                {step.paraf.map((p) => (
                  <li key={p.position} data-state={p.state}>
                    {t("chains.paraf")}: <strong>{p.title}</strong> — {t(`letter.step.${p.state}` as MessageKey)}
                    {p.note && <span className="timeline__detail">{t("track.reason", { reason: p.note })}</span>}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      <h2>{t("letter.content")}</h2>
      <div className="letter-body">{l.body.split("\n").map((line, i) => <p key={i}>{line}</p>)}</div>
      {l.fields && Object.keys(l.fields).length > 0 && <LetterFields type={l.type} fields={l.fields} />}
      {l.attachments.length > 0 && <Attachments letterId={l.id} items={l.attachments} />}
      <h2>{t("letter.timeline")}</h2>
      {timeline.data && (
        <>
          <Timeline
            label={t("letter.timeline")}
            items={timeline.data.events.map((e) => ({ at: e.at, title: t(`letter.action.${e.action}` as MessageKey), detail: [e.actor, e.note].filter(Boolean).join(" · ") }))}
          />
          <p className="meta">{timeline.data.chain.valid ? t("letter.chainIntact") : t("letter.chainBroken", { seq: timeline.data.chain.first_broken_seq ?? "?" })}</p>
        </>
      )}
      <p><Link to="/surat">{t("letter.back")}</Link></p>
    </>
  );
}

function Attachments({ letterId, items }: { letterId: string; items: Letter["attachments"] }) {
  const { t } = useI18n();
  const [error, setError] = useState<string>();
  return (
    <>
      <h2>{t("files.label")}</h2>
      <ul data-testid="letter-attachments">
        {items.map((a) => (
          <li key={a.id}>
            <button type="button" className="link-button" onClick={async () => {
              try {
                window.open((await attachmentLink(letterId, a.id)).url, "_blank", "noopener");
              } catch {
                setError(t("errors.generic"));
              }
            }}>{a.filename}</button>
          </li>
        ))}
      </ul>
      {error && <Notice kind="error">{error}</Notice>}
    </>
  );
}

function SubmitDraft({ letter }: { letter: Letter }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <div className="actions">
      <button type="button" className="button" disabled={busy} onClick={async () => {
        setBusy(true);
        try {
          await submitLetter(letter.id);
          await queryClient.invalidateQueries();
        } catch (e) {
          setError(e instanceof ApiError ? e.message : t("errors.generic"));
        } finally {
          setBusy(false);
        }
      }}>{t("letter.submit")}</button>
      {error && <Notice kind="error">{error}</Notice>}
    </div>
  );
}

function SignedLinks({ letter }: { letter: Letter }) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<string>();
  const refreshUnread = useRefreshUnread();
  const code = (letter as Letter & { verification_code?: string | null }).verification_code;
  return (
    <section aria-labelledby="signed-title">
      <h2 id="signed-title">{t("letter.signedTitle")}</h2>
      <div className="actions">
        <button type="button" className="button" onClick={async () => {
          try {
            setUrl((await pdfLink(letter.id)).url);
            refreshUnread(); // opening the PDF is a read receipt too
          } catch (e) {
            setError(e instanceof ApiError && e.status === 409 ? t("letter.pdfNotReady") : t("errors.generic"));
          }
        }}>{t("letter.showPdf")}</button>
        {code && <Link className="button button--secondary" to={`/verifikasi?kode=${encodeURIComponent(code)}`}>{t("letter.verifyLink")}</Link>}
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {url && (
        <>
          <iframe className="pdf-frame" title={t("letter.pdfTitle", { number: letter.number ?? "" })} src={url} />
          <p><a href={url} target="_blank" rel="noreferrer" data-testid="pdf-link">{t("letter.openPdf")}</a></p>
        </>
      )}
    </section>
  );
}

/** The type's fields of a letter, titled as its form names them. */
function LetterFields({ type, fields }: { type: string; fields: Record<string, unknown> }) {
  const spec = useLetterTypes().data?.items.find((lt) => lt.code === type);
  return <div className="letter-fields"><FieldsView schema={(spec?.schema ?? {}) as JsonSchema} value={fields as Value} /></div>;
}
