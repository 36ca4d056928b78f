import { useState } from "react";
import { useParams } from "react-router-dom";
import { useQueryClient } from "@tanstack/react-query";
import { ApiError } from "@/shared/api/client";
import { useI18n, type MessageKey } from "@/shared/i18n";
import { formatDate, formatDateTime, formatRupiah } from "@/shared/format/date";
import { Field } from "@/shared/ui/Field";
import { Loading } from "@/shared/ui/Loading";
import { Notice } from "@/shared/ui/Notice";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireSignIn } from "@/shared/ui/RequireSignIn";
import { Timeline } from "@/shared/ui/Timeline";
import { useRefreshUnread } from "@/shared/unread/unread";
import { submissionAttachment, useSubmission, useSubmissionTimeline, verify, type Submission } from "../api";
import { OPERATOR } from "./Queue";

/** One submission for its org's operator: what was sent, its attachments, and the verification decision. */
export function SubmissionReview() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  const submission = useSubmission(id);
  return (
    <Page title={submission.data ? t("ops.submission.title", { code: submission.data.code }) : t("ops.queue.title")} wide>
      <RequireSignIn roles={OPERATOR}>
        {submission.isPending ? <Loading /> : submission.isError ? <QueryError error={submission.error} /> : <Review submission={submission.data} />}
      </RequireSignIn>
    </Page>
  );
}

function Review({ submission: s }: { submission: Submission }) {
  const { t, lang } = useI18n();
  const waiting = s.state === "received" || s.state === "resubmitted";
  return (
    <div className="split">
      <article className="card" aria-labelledby="submission-subject">
        <h2 id="submission-subject">{s.subject}</h2>
        <dl className="summary">
          <dt>{t("ops.submission.state")}</dt>
          <dd data-testid="submission-state" data-state={s.state}>{t(`ops.state.${s.state}` as MessageKey)}</dd>
          <dt>{t("ops.submission.sender")}</dt>
          <dd>{[s.sender.name, s.sender.company_name, s.sender.email, s.sender.phone].filter(Boolean).map(String).join(" · ")}</dd>
          <dt>{t("ops.submission.kind")}</dt>
          <dd>{[s.kind, s.category].filter(Boolean).join(" · ")}</dd>
          {s.requested_amount != null && (
            <>
              <dt>{t("ops.submission.amount")}</dt>
              <dd>{formatRupiah(s.requested_amount)}</dd>
            </>
          )}
          {s.event_date && (
            <>
              <dt>{t("ops.submission.eventDate")}</dt>
              <dd>{formatDate(s.event_date, lang)}</dd>
            </>
          )}
          {s.agenda_number && (
            <>
              <dt>{t("ops.register.agenda")}</dt>
              <dd>{s.agenda_number}</dd>
            </>
          )}
        </dl>
        <h3>{t("ops.submission.body")}</h3>
        <p className="prewrap">{s.body}</p>
        {s.return_reason && (
          <Notice>
            <strong>{t("ops.submission.returnReason")}:</strong> {s.return_reason}
          </Notice>
        )}
        <Attachments submission={s} />
        <SubmissionTimeline id={s.id} />
        <p className="meta">{formatDateTime(s.created_at, lang)}</p>
      </article>
      <VerifyPanel submission={s} waiting={waiting} />
    </div>
  );
}

function Attachments({ submission: s }: { submission: Submission }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const open = async (attachmentId: string) => {
    // Opened in a new tab: PDFs and images show in the browser itself.
    const tab = window.open("", "_blank");
    try {
      const link = await submissionAttachment(s.id, attachmentId);
      if (tab) tab.location.href = link.url;
      else window.location.href = link.url;
    } catch {
      tab?.close();
      setFailed(true);
    }
  };
  return (
    <section aria-labelledby="attachments-title">
      <h3 id="attachments-title">{t("ops.submission.attachments")}</h3>
      {failed && <Notice kind="error">{t("errors.generic")}</Notice>}
      {s.attachments.length === 0 ? (
        <p>{t("ops.submission.noAttachments")}</p>
      ) : (
        <ul className="file-list" data-testid="submission-attachments">
          {s.attachments.map((a) => (
            <li key={String(a.id)}>
              <button type="button" className="link-button" disabled={a.status !== "confirmed"} onClick={() => open(String(a.id))}>
                {t("ops.submission.open", { name: String(a.filename) })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SubmissionTimeline({ id }: { id: string }) {
  const { t } = useI18n();
  const timeline = useSubmissionTimeline(id);
  if (!timeline.data) return null;
  return (
    <section aria-labelledby="timeline-title">
      <h3 id="timeline-title">{t("ops.submission.timeline")}</h3>
      <Timeline
        label={t("ops.submission.timeline")}
        items={timeline.data.events.map((e) => ({ at: e.at, title: t(`ops.action.${e.action}` as MessageKey), detail: [e.actor, e.note].filter(Boolean).join(" — ") }))}
      />
    </section>
  );
}

type Decision = "accept" | "return" | "reject";

function VerifyPanel({ submission, waiting }: { submission: Submission; waiting: boolean }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const refreshUnread = useRefreshUnread();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<string>();
  const [busy, setBusy] = useState(false);
  const decide = async (decision: Decision) => {
    if (decision !== "accept" && !note.trim()) {
      setError(t("ops.submission.needNote"));
      document.getElementById("verify-note")?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const answer = await verify(submission.id, decision, note.trim());
      setResult(
        decision === "accept"
          ? t("ops.submission.accepted", { agenda: answer.agenda_number ?? "" })
          : decision === "return"
            ? t("ops.submission.returned")
            : t("ops.submission.rejected"),
      );
      await client.invalidateQueries({ queryKey: ["ops-queue"] });
      await client.invalidateQueries({ queryKey: ["ops-submission", submission.id] });
      if (decision === "accept") refreshUnread(); // registered as an incoming letter, not opened yet
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? t("ops.submission.stale") : t("errors.generic"));
    } finally {
      setBusy(false);
    }
  };
  if (!waiting && !result) return null;
  return (
    <section className="card decision" aria-labelledby="verify-title">
      <h2 id="verify-title">{t("ops.submission.decision")}</h2>
      {result && (
        <div data-testid="verify-result">
          <Notice kind="success">{result}</Notice>
        </div>
      )}
      {waiting && (
        <>
      <Field id="verify-note" label={t("ops.submission.note")} hint={t("ops.submission.noteHint")} error={error}>
        {(describedBy, invalid) => (
          <textarea id="verify-note" rows={4} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => decide("accept")}>
          {t("ops.submission.accept")}
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => decide("return")}>
          {t("ops.submission.return")}
        </button>
        <button type="button" className="button button--danger" disabled={busy} onClick={() => decide("reject")}>
          {t("ops.submission.reject")}
        </button>
      </div>
        </>
      )}
    </section>
  );
}
