import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { useI18n, type MessageKey } from "@/shared/i18n";
import { formatDateTime } from "@/shared/format/date";
import { ErrorSummary, type FieldError } from "@/shared/ui/ErrorSummary";
import { Field } from "@/shared/ui/Field";
import { Notice } from "@/shared/ui/Notice";
import { Page } from "@/shared/ui/Page";
import { RequireSignIn } from "@/shared/ui/RequireSignIn";
import { ApiError } from "@/shared/api/client";
import { fileProblem } from "@/shared/upload/upload";
import { useRefreshUnread } from "@/shared/unread/unread";
import { registerPaper, replaceScan, type PaperLetterIn } from "../api";
import { OPERATOR } from "./Queue";

const SECURITY = ["biasa", "terbatas", "rahasia", "sangat_rahasia"] as const;
const URGENCY = ["biasa", "segera", "sangat_segera"] as const;
const SCAN_TYPES = "application/pdf,image/jpeg,image/png";

interface Registered {
  id: string;
  agenda_number: string;
  received_at: string;
  subject: string | null;
  sender_name: string | null;
}

/** An operator registers a paper letter with its scan; the agenda number is shown and printable. */
export function PaperLetter() {
  const { t } = useI18n();
  const [done, setDone] = useState<{ letter: Registered; scanOk: boolean } | null>(null);
  return (
    <Page title={t("ops.paper.title")}>
      <RequireSignIn roles={OPERATOR}>
        {done ? <AgendaReceipt {...done} onAnother={() => setDone(null)} /> : <PaperForm onDone={setDone} />}
      </RequireSignIn>
    </Page>
  );
}

function PaperForm({ onDone }: { onDone: (d: { letter: Registered; scanOk: boolean }) => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ sender_name: "", sender_org: "", subject: "", letter_number: "", letter_date: "", security: "biasa", urgency: "biasa" });
  const [scan, setScan] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [progress, setProgress] = useState(0);
  const [busy, setBusy] = useState(false);
  const [key] = useState(() => crypto.randomUUID());
  const refreshUnread = useRefreshUnread();
  const set = (name: keyof typeof form) => (value: string) => setForm({ ...form, [name]: value });
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: FieldError[] = [];
    if (!form.sender_name.trim()) found.push({ field: "paper-sender_name", message: t("ops.paper.needField", { field: t("ops.paper.senderName") }) });
    if (!form.subject.trim()) found.push({ field: "paper-subject", message: t("ops.paper.needField", { field: t("ops.paper.subject") }) });
    if (!scan || fileProblem(scan)) found.push({ field: "paper-scan", message: t("ops.paper.needScan") });
    setErrors(found);
    if (found.length || !scan) return;
    setBusy(true);
    const body: PaperLetterIn = {
      sender_name: form.sender_name.trim(),
      sender_org: form.sender_org.trim() || null,
      subject: form.subject.trim(),
      letter_number: form.letter_number.trim() || null,
      letter_date: form.letter_date || null,
      security: form.security as PaperLetterIn["security"],
      urgency: form.urgency as PaperLetterIn["urgency"],
      scan_filename: scan.name,
      scan_content_type: scan.type,
      classification: null,
    };
    try {
      const { registered, scanOk } = await registerPaper(body, scan, key, setProgress);
      refreshUnread(); // one more letter in the register, not opened yet
      onDone({ letter: registered, scanOk });
    } catch (e) {
      const fields = e instanceof ApiError ? e.fields() : [];
      setErrors(fields.length ? fields.map((f) => ({ field: `paper-${f}`, message: t("ops.paper.needField", { field: f }) })) : [{ field: "paper-sender_name", message: t("errors.generic") }]);
    } finally {
      setBusy(false);
    }
  };

  const text = (name: "sender_name" | "sender_org" | "subject" | "letter_number", label: MessageKey) => (
    <Field id={`paper-${name}`} label={t(label)} error={errorOf(`paper-${name}`)}>
      {(describedBy, invalid) => (
        <input id={`paper-${name}`} value={form[name]} onChange={(e) => set(name)(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
      )}
    </Field>
  );
  return (
    <form onSubmit={submit} noValidate>
      <p className="lead">{t("ops.paper.lead")}</p>
      <ErrorSummary title={t("errors.summary")} errors={errors} />
      {text("sender_name", "ops.paper.senderName")}
      {text("sender_org", "ops.paper.senderOrg")}
      {text("subject", "ops.paper.subject")}
      <div className="row">
        {text("letter_number", "ops.paper.letterNumber")}
        <Field id="paper-letter_date" label={t("ops.paper.letterDate")}>
          {(describedBy) => <input id="paper-letter_date" type="date" value={form.letter_date} onChange={(e) => set("letter_date")(e.target.value)} aria-describedby={describedBy} />}
        </Field>
      </div>
      <div className="row">
        <Field id="paper-security" label={t("ops.paper.security")}>
          {() => (
            <select id="paper-security" value={form.security} onChange={(e) => set("security")(e.target.value)}>
              {SECURITY.map((s) => (
                <option key={s} value={s}>{t(`letters.security.${s}` as MessageKey)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field id="paper-urgency" label={t("ops.paper.urgency")}>
          {() => (
            <select id="paper-urgency" value={form.urgency} onChange={(e) => set("urgency")(e.target.value)}>
              {URGENCY.map((u) => (
                <option key={u} value={u}>{t(`letters.urgency.${u}` as MessageKey)}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field id="paper-scan" label={t("ops.paper.scan")} hint={t("ops.paper.scanHint")} error={errorOf("paper-scan")}>
        {(describedBy, invalid) => (
          <input id="paper-scan" type="file" accept={SCAN_TYPES} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => setScan(e.target.files?.[0] ?? null)} />
        )}
      </Field>
      {busy && <progress max={100} value={progress} aria-label={t("ops.paper.scan")} />}
      <button type="submit" className="button" disabled={busy}>
        {t("ops.paper.submit")}
      </button>
    </form>
  );
}

function AgendaReceipt({ letter, scanOk, onAnother }: { letter: Registered; scanOk: boolean; onAnother: () => void }) {
  const { t, lang } = useI18n();
  return (
    <>
      <Notice kind={scanOk ? "success" : "error"}>{scanOk ? t("ops.paper.registered") : t("ops.paper.scanFailed")}</Notice>
      <dl className="receipt" data-testid="agenda-receipt">
        <dt>{t("ops.register.agenda")}</dt>
        <dd data-testid="agenda-number">{letter.agenda_number}</dd>
        <dt>{t("ops.paper.subject")}</dt>
        <dd>{letter.subject}</dd>
        <dt>{t("ops.paper.senderName")}</dt>
        <dd>{letter.sender_name}</dd>
        <dt>{t("ops.paper.receivedAt")}</dt>
        <dd>{formatDateTime(letter.received_at, lang)}</dd>
      </dl>
      <div className="actions no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t("ops.paper.print")}
        </button>
        <button type="button" className="button button--secondary" onClick={onAnother}>
          {t("ops.paper.another")}
        </button>
        <Link to="/operator/agenda">{t("ops.nav.register")}</Link>
      </div>
      <ReplaceScan incomingId={letter.id} />
    </>
  );
}

/** Upload a replacement scan (when the first was refused or never arrived). */
export function ReplaceScan({ incomingId }: { incomingId: string }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<"idle" | "busy" | "ok" | "failed">("idle");
  const [progress, setProgress] = useState(0);
  const send = async () => {
    if (!file) return;
    setState("busy");
    const ok = await replaceScan(incomingId, file, crypto.randomUUID(), setProgress).catch(() => false);
    setState(ok ? "ok" : "failed");
  };
  return (
    <section className="card no-print" aria-labelledby={`replace-${incomingId}`}>
      <h2 id={`replace-${incomingId}`}>{t("ops.paper.replaceScan")}</h2>
      <Field id={`replace-file-${incomingId}`} label={t("ops.paper.scan")} hint={t("ops.paper.replaceHint")}>
        {(describedBy) => (
          <input id={`replace-file-${incomingId}`} type="file" accept={SCAN_TYPES} aria-describedby={describedBy} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        )}
      </Field>
      {state === "busy" && <progress max={100} value={progress} aria-label={t("ops.paper.scan")} />}
      {state === "ok" && <Notice kind="success">{t("ops.paper.replaced")}</Notice>}
      {state === "failed" && <Notice kind="error">{t("errors.generic")}</Notice>}
      <button type="button" className="button button--secondary" disabled={!file || state === "busy"} onClick={send}>
        {t("ops.paper.replaceScan")}
      </button>
    </section>
  );
}
