import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router-dom";
import { useQueryClient } from "@tanstack/react-query";
import { useSession } from "@/shared/auth/session";
import { useI18n, type MessageKey } from "@/shared/i18n";
import { formatDateTime } from "@/shared/format/date";
import { Field } from "@/shared/ui/Field";
import { Loading } from "@/shared/ui/Loading";
import { Notice } from "@/shared/ui/Notice";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireSignIn } from "@/shared/ui/RequireSignIn";
import { complete, draftReply, useDisposition, useIncoming, useMyPosition, usePositions, usePositionTitle, type Disposition, type Incoming } from "../api";
import { DispositionSheet } from "../components/DispositionSheet";
import { DispositionTree } from "../components/DispositionTree";
import { SheetHeader } from "../components/SheetHeader";
import { chainUp, isOverdue } from "../sheet";
import { Documents } from "./IncomingDetail";
import { LEADERS_AND_STAFF } from "./IncomingList";

/** A disposition sent to me, opened (which marks it read): the sheet as received, then dispose further or finish it. */
export function DispositionView() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  return (
    <Page title={t("ops.sheet.title")} wide>
      <RequireSignIn roles={LEADERS_AND_STAFF}>
        <Loaded id={id} />
      </RequireSignIn>
    </Page>
  );
}

function Loaded({ id }: { id: string }) {
  const disposition = useDisposition(id);
  const letter = useIncoming(disposition.data?.incoming_id ?? "");
  if (disposition.isPending) return <Loading />;
  if (disposition.isError) return <QueryError error={disposition.error} />;
  if (letter.isError) return <QueryError error={letter.error} />;
  if (!letter.data) return <Loading />;
  return <View d={disposition.data} letter={letter.data} />;
}

function View({ d, letter }: { d: Disposition; letter: Incoming }) {
  const { t, lang } = useI18n();
  const mine = useMyPosition();
  const title = usePositionTitle();
  const open = d.to_position === mine && (d.state === "assigned" || d.state === "read");
  const overdue = isOverdue(d, new Date());
  return (
    <div className="split">
      <div>
        <section className="sheet" aria-labelledby="received-title">
          <h2 id="received-title" className="sheet__title">{t("ops.sheet.title")}</h2>
          <SheetHeader letter={letter} />
          <table className="sheet__head">
            <tbody>
              <tr>
                <th scope="row">{t("ops.sheet.from2")}</th>
                <td>{title(d.from_position)}</td>
                <th scope="row">{t("ops.sheet.to")}</th>
                <td>{title(d.to_position)}</td>
              </tr>
              <tr>
                <th scope="row">{t("ops.sheet.instructions")}</th>
                <td colSpan={3}>
                  <ul className="sheet__ticks">
                    {d.instructions.map((i) => (
                      <li key={i}>☑ {t(`ops.instruction.${i}` as MessageKey)}</li>
                    ))}
                  </ul>
                </td>
              </tr>
              <tr>
                <th scope="row">{t("ops.sheet.note")}</th>
                <td colSpan={3}>{d.note ?? "—"}</td>
              </tr>
              <tr>
                <th scope="row">{t("ops.sheet.deadline")}</th>
                <td colSpan={3} className={overdue ? "sheet__overdue" : undefined}>
                  {formatDateTime(d.deadline, lang)}
                  {overdue && <strong> — {t("ops.incoming.overdue")}</strong>}
                </td>
              </tr>
              <tr>
                <th scope="row">{t("ops.submission.state")}</th>
                <td colSpan={3} data-testid="disposition-state" data-state={d.state}>
                  {t(`ops.dstate.${d.state}` as MessageKey)}
                  {d.follow_up && ` — ${d.follow_up}`}
                </td>
              </tr>
            </tbody>
          </table>
          <div className="actions no-print">
            <button type="button" className="button button--secondary" onClick={() => window.print()}>
              {t("ops.sheet.print")}
            </button>
            {d.reply_letter_id && <Link to={`/surat/${d.reply_letter_id}`}>{t("ops.done.openReply")}</Link>}
          </div>
        </section>
        {open && <DoneForm d={d} letter={letter} />}
        {open && <FurtherSheet letter={letter} parentId={d.id} />}
      </div>
      <div className="no-print">
        <Documents id={letter.id} />
        <section aria-labelledby="trail-title">
          <h2 id="trail-title">{t("ops.incoming.dispositions")}</h2>
          <DispositionTree items={letter.dispositions} incomingId={letter.id} />
        </section>
      </div>
    </div>
  );
}

/** Disposing further is offered only to who has positions below (the sheet says so otherwise). */
function FurtherSheet({ letter, parentId }: { letter: Incoming; parentId: string }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  if (!shown) {
    return (
      <p className="no-print">
        <button type="button" className="button button--secondary" onClick={() => setShown(true)}>
          {t("ops.done.further")}
        </button>
      </p>
    );
  }
  return <DispositionSheet letter={letter} parentId={parentId} />;
}

function DoneForm({ d, letter }: { d: Disposition; letter: Incoming }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const org = useSession()?.user.org;
  const mine = useMyPosition();
  const positions = usePositions(org);
  const signers = chainUp(mine, positions.data?.items ?? []);
  const [followUp, setFollowUp] = useState("");
  const [replyBody, setReplyBody] = useState("");
  const [signatory, setSignatory] = useState("");
  const [replyId, setReplyId] = useState<string | null>(d.reply_letter_id);
  const [error, setError] = useState<string>();
  const [replyError, setReplyError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [key] = useState(() => crypto.randomUUID());
  const chosenSigner = signatory || signers.at(-1)?.code || mine || "";

  const reply = async () => {
    if (!replyBody.trim()) {
      setReplyError(t("ops.done.replyBody"));
      return;
    }
    setReplyError(undefined);
    setBusy(true);
    try {
      const draft = await draftReply(letter.id, replyBody.trim(), chosenSigner, key);
      setReplyId(draft.id);
    } catch {
      setReplyError(t("errors.generic"));
    } finally {
      setBusy(false);
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!followUp.trim()) {
      setError(t("ops.done.needFollowUp"));
      document.getElementById("done-follow-up")?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await complete(d.id, followUp.trim(), replyId);
      await client.invalidateQueries({ queryKey: ["in-disposition", d.id] });
      await client.invalidateQueries({ queryKey: ["in-one", letter.id] });
      await client.invalidateQueries({ queryKey: ["in-mine"] });
    } catch {
      setError(t("errors.generic"));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card decision no-print" onSubmit={submit} noValidate aria-labelledby="done-title">
      <h2 id="done-title">{t("ops.done.title")}</h2>
      <fieldset>
        <legend>{t("ops.done.reply")}</legend>
        {replyId ? (
          <div data-testid="reply-drafted">
            <Notice kind="success">
              {t("ops.done.replyDrafted")} <Link to={`/surat/${replyId}/ubah`}>{t("ops.done.openReply")}</Link>
            </Notice>
          </div>
        ) : (
          <>
            <Field id="reply-body" label={t("ops.done.replyBody")} error={replyError}>
              {(describedBy, invalid) => (
                <textarea id="reply-body" rows={4} value={replyBody} onChange={(e) => setReplyBody(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
              )}
            </Field>
            <Field id="reply-signatory" label={t("editor.signatory")}>
              {() => (
                <select id="reply-signatory" value={chosenSigner} onChange={(e) => setSignatory(e.target.value)}>
                  {signers.map((p) => (
                    <option key={p.code} value={p.code}>{p.title}</option>
                  ))}
                </select>
              )}
            </Field>
            <button type="button" className="button button--secondary" disabled={busy} onClick={reply}>
              {t("ops.done.reply")}
            </button>
          </>
        )}
      </fieldset>
      <Field id="done-follow-up" label={t("ops.done.followUp")} error={error}>
        {(describedBy, invalid) => (
          <textarea id="done-follow-up" rows={3} value={followUp} onChange={(e) => setFollowUp(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {t("ops.done.submit")}
      </button>
    </form>
  );
}
