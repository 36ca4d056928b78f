import { useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate, useParams } from "react-router-dom";
import { ApiError } from "@/shared/api/client";
import { useI18n, type MessageKey } from "@/shared/i18n";
import { formatDate, formatDateTime } from "@/shared/format/date";
import { ErrorSummary, type FieldError } from "@/shared/ui/ErrorSummary";
import { Field } from "@/shared/ui/Field";
import { Loading } from "@/shared/ui/Loading";
import { Notice } from "@/shared/ui/Notice";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { Timeline } from "@/shared/ui/Timeline";
import { attachWithSecret, replyLink, resubmit, useTrack } from "../api";
import { FilePicker, type PickedFile } from "@/shared/ui/FilePicker";

const CODE = /^[A-Z0-9]{2,4}(-[A-Z0-9]{2,8}){1,3}$/;

/** Ask for a tracking code. */
export function TrackSearch() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string>();
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const clean = code.trim().toUpperCase();
    if (!CODE.test(clean)) return setError(t("track.badCode"));
    navigate(`/lacak/${clean}`);
  }
  return (
    <Page title={t("track.searchTitle")}>
      <ErrorSummary title={t("errors.summary")} errors={error ? [{ field: "code", message: error }] : []} />
      <form onSubmit={onSubmit} noValidate>
        <Field id="code" label={t("track.codeLabel")} hint={t("track.codeHint")} error={error}>
          {(describedBy, invalid) => (
            <input id="code" value={code} autoCapitalize="characters" aria-describedby={describedBy} aria-invalid={invalid}
              onChange={(e) => setCode(e.target.value)} />
          )}
        </Field>
        <button className="button" type="submit">{t("track.search")}</button>
      </form>
    </Page>
  );
}

/** The status and timeline of a code; completing a returned submission and reading the reply, with the secret. */
export function Track() {
  const { t, lang } = useI18n();
  const code = useParams().kode ?? "";
  const track = useTrack(code);
  const [resubmitted, setResubmitted] = useState(false);
  if (track.isPending) return <Page title={t("track.title", { code })}><Loading /></Page>;
  if (track.isError) return <Page title={t("track.title", { code })}><QueryError error={track.error} /></Page>;
  const data = track.data;
  const statusText = t(`status.${data.status}` as MessageKey);
  return (
    <Page title={t("track.title", { code })}>
      <dl className="summary">
        <dt>{t("track.org")}</dt>
        <dd>{data.org_name}</dd>
        <dt>{t("track.kind")}</dt>
        <dd>{t(`send.kind.${data.kind}` as MessageKey)}</dd>
        <dt>{t("track.status")}</dt>
        <dd><strong data-testid="track-status" data-status={data.status}>{statusText}</strong></dd>
        <dt>{t("track.sent")}</dt>
        <dd>{formatDateTime(data.submitted_at, lang)}</dd>
      </dl>
      <h2>{t("track.timeline")}</h2>
      <Timeline
        label={t("track.timeline")}
        items={data.timeline.map((e) => ({
          at: e.at,
          title: t(`status.${e.status}` as MessageKey),
          detail: [e.reason && t("track.reason", { reason: e.reason }), e.unit && t("track.unit", { unit: e.unit })].filter(Boolean).join(" · "),
        }))}
      />
      {resubmitted && <Notice kind="success">{t("track.resubmitted")}</Notice>}
      {data.status === "returned" && <Complete code={code} reason={data.timeline.at(-1)?.reason ?? null} onDone={() => setResubmitted(true)} />}
      {data.reply && (
        <section aria-labelledby="reply-title">
          <h2 id="reply-title">{t("track.replyTitle")}</h2>
          <p>{t("track.replyText", { number: data.reply.number, date: formatDate(data.reply.date, lang) })}</p>
          <ReadReply code={code} />
        </section>
      )}
    </Page>
  );
}

function SecretField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string }) {
  const { t } = useI18n();
  return (
    <Field id="secret" label={t("track.secretLabel")} hint={t("track.secretHint")} error={error}>
      {(describedBy, invalid) => (
        <input id="secret" autoComplete="off" value={value} aria-describedby={describedBy} aria-invalid={invalid}
          onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}

function problem(error: unknown, t: (k: MessageKey) => string): string {
  // A secret of the wrong shape (400 on "secret") is as wrong as one that does not match (403).
  if (error instanceof ApiError && (error.status === 403 || error.fields().includes("secret"))) return t("track.wrongSecret");
  if (error instanceof ApiError && (error.status === 400 || error.status === 413)) return error.message;
  if (error instanceof ApiError && error.status === 409) return t("track.wrongState");
  return t("errors.generic");
}

function Complete({ code, reason, onDone }: { code: string; reason: string | null; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState("");
  const [note, setNote] = useState("");
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [fileError, setFileError] = useState<string>();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!secret.trim()) return setErrors([{ field: "secret", message: t("track.needSecret") }]);
    setBusy(true);
    setErrors([]);
    try {
      for (const [i, picked] of files.entries()) {
        await attachWithSecret(code, secret.trim(), picked.file, (p) =>
          setFiles((all) => all.map((f, j) => (j === i ? { ...f, progress: p } : f))),
        );
      }
      await resubmit(code, secret.trim(), note.trim());
      onDone();
      await queryClient.invalidateQueries({ queryKey: ["track", code] });
    } catch (error) {
      setErrors([{ field: "secret", message: problem(error, t) }]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="complete-title">
      <h2 id="complete-title">{t("track.completeTitle")}</h2>
      {reason && <p className="warning">{t("track.reason", { reason })}</p>}
      <ErrorSummary title={t("errors.summary")} errors={errors} />
      <form onSubmit={onSubmit} noValidate>
        <SecretField value={secret} onChange={setSecret} error={errors.find((e) => e.field === "secret")?.message} />
        <FilePicker id="files" files={files} onChange={setFiles} error={fileError} onProblem={setFileError} />
        <Field id="note" label={t("track.noteLabel")}>
          {(describedBy) => <textarea id="note" rows={3} value={note} aria-describedby={describedBy} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <button className="button" type="submit" disabled={busy}>{busy ? t("send.sending") : t("track.resubmit")}</button>
      </form>
    </section>
  );
}

function ReadReply({ code }: { code: string }) {
  const { t } = useI18n();
  const [secret, setSecret] = useState("");
  const [error, setError] = useState<string>();
  const [url, setUrl] = useState<string>();
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!secret.trim()) return setError(t("track.needSecret"));
    try {
      setUrl((await replyLink(code, secret.trim())).url);
      setError(undefined);
    } catch (e) {
      setError(problem(e, t));
    }
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <SecretField value={secret} onChange={setSecret} error={error} />
      <button className="button" type="submit">{t("track.openReply")}</button>
      {url && (
        <p>
          <a className="button button--secondary" href={url} target="_blank" rel="noreferrer" data-testid="reply-link">
            {t("track.replyPdf")}
          </a>
        </p>
      )}
    </form>
  );
}
