import { useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ApiError } from "@/shared/api/client";
import { useI18n } from "@/shared/i18n";
import { ErrorSummary, type FieldError } from "@/shared/ui/ErrorSummary";
import { Field } from "@/shared/ui/Field";
import { FilePicker, type PickedFile } from "@/shared/ui/FilePicker";
import { Notice } from "@/shared/ui/Notice";
import { attachAsOwner, replyLinkAsOwner, resubmitAsOwner } from "../api";

/** Complete a returned submission as its signed-in owner (no secret needed). */
export function CompleteAsOwner({ code }: { code: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [fileError, setFileError] = useState<string>();
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors([]);
    try {
      for (const [i, picked] of files.entries()) {
        await attachAsOwner(code, picked.file, (p) => setFiles((all) => all.map((f, j) => (j === i ? { ...f, progress: p } : f))));
      }
      await resubmitAsOwner(code, note.trim());
      await queryClient.invalidateQueries({ queryKey: ["mine"] });
    } catch (error) {
      setErrors([{ field: "files", message: error instanceof ApiError && error.status === 409 ? t("track.wrongState") : t("send.failed") }]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="complete-title">
      <h2 id="complete-title">{t("track.completeTitle")}</h2>
      <ErrorSummary title={t("errors.summary")} errors={errors} />
      <form onSubmit={onSubmit} noValidate>
        <FilePicker id="files" files={files} onChange={setFiles} error={fileError} onProblem={setFileError} />
        <Field id="note" label={t("track.noteLabel")}>
          {(d) => <textarea id="note" rows={3} value={note} aria-describedby={d} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <button className="button" type="submit" disabled={busy}>{busy ? t("send.sending") : t("track.resubmit")}</button>
      </form>
    </section>
  );
}

/** Open the signed reply as its owner. */
export function ReplyAsOwner({ code }: { code: string }) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string>();
  const [error, setError] = useState<string>();
  return (
    <div className="actions">
      <button type="button" className="button" onClick={async () => {
        try {
          setUrl((await replyLinkAsOwner(code)).url);
        } catch {
          setError(t("errors.generic"));
        }
      }}>{t("track.openReply")}</button>
      {url && <a className="button button--secondary" href={url} target="_blank" rel="noreferrer" data-testid="reply-link">{t("track.replyPdf")}</a>}
      {error && <Notice kind="error">{error}</Notice>}
    </div>
  );
}
