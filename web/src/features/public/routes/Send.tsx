import { useMemo, useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { useQueryClient } from "@tanstack/react-query";
import { ApiError } from "@/shared/api/client";
import { session } from "@/shared/auth/session";
import { useI18n, type MessageKey } from "@/shared/i18n";
import { ErrorSummary, type FieldError } from "@/shared/ui/ErrorSummary";
import { Field } from "@/shared/ui/Field";
import { Page } from "@/shared/ui/Page";
import { attachWithSecret, submit, usePublicOrgs, type SubmissionIn } from "../api";
import { FilePicker, type PickedFile } from "@/shared/ui/FilePicker";

const CATEGORIES = ["hibah", "sponsorship", "cooperation", "audience", "other"] as const;
const TEXT_FIELDS = ["name", "email", "phone", "company_name", "nib", "subject", "body", "requested_amount", "event_date"] as const;
const HINTED = new Set<string>(["email", "phone", "nib", "requested_amount", "event_date"]);
type Form = Record<(typeof TEXT_FIELDS)[number] | "org" | "category", string> & {
  sender_type: "citizen" | "business";
  kind: "letter" | "proposal";
  consent: boolean;
};

const EMPTY: Form = {
  sender_type: "citizen", kind: "letter", name: "", email: "", phone: "", company_name: "", nib: "", org: "",
  subject: "", body: "", category: "hibah", requested_amount: "", event_date: "", consent: false,
};

/** The body the API takes: only the fields that apply, numbers as numbers. */
export function toSubmission(form: Form): SubmissionIn {
  const proposal = form.kind === "proposal";
  const business = form.sender_type === "business";
  const body: Record<string, unknown> = {
    sender_type: form.sender_type, name: form.name.trim(), org: form.org, kind: form.kind,
    subject: form.subject.trim(), body: form.body.trim(),
    email: form.email.trim() || null, phone: form.phone.trim() || null,
  };
  if (business) Object.assign(body, { company_name: form.company_name.trim() || null, nib: form.nib.trim() || null });
  if (proposal) {
    Object.assign(body, {
      category: form.category,
      requested_amount: form.requested_amount ? Number(form.requested_amount.replace(/\D/g, "")) : null,
      event_date: form.event_date || null,
    });
  }
  return body as SubmissionIn;
}

/** Send a letter or a proposal: one form, then the receipt. */
export function Send() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const orgs = usePublicOrgs();
  const [form, setForm] = useState<Form>(EMPTY);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [fileError, setFileError] = useState<string>();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;

  function check(): FieldError[] {
    const found: FieldError[] = [];
    const need = (field: string, ok: boolean) => !ok && found.push({ field, message: t(`send.required.${field}` as MessageKey) });
    need("name", !!form.name.trim());
    need("org", !!form.org);
    need("subject", !!form.subject.trim());
    need("body", !!form.body.trim());
    need("contact", !!(form.email.trim() || form.phone.trim()));
    need("consent", form.consent);
    return found;
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = check();
    setErrors(found);
    if (found.length || busy) return;
    setBusy(true);
    try {
      const receipt = await submit(toSubmission(form), idempotencyKey);
      const names: string[] = [];
      for (const [i, picked] of files.entries()) {
        await attachWithSecret(receipt.code, receipt.secret, picked.file, (p) =>
          setFiles((all) => all.map((f, j) => (j === i ? { ...f, progress: p } : f))),
        );
        names.push(picked.file.name);
      }
      // A signed-in sender's "Pengajuan saya" must list it at once, not after the cached list goes stale.
      await queryClient.invalidateQueries({ queryKey: ["mine"] });
      navigate("/kirim/tanda-terima", { state: { receipt, files: names } });
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        const fields = error.fields();
        setErrors(
          fields.length
            ? fields.map((field) => ({ field, message: t("send.invalid", { field: t(`send.fields.${field}` as MessageKey) }) }))
            : [{ field: "subject", message: error.message }],
        );
      } else if (error instanceof ApiError && error.status === 429) {
        setErrors([{ field: "email", message: t("errors.tooMany") }]);
      } else {
        setErrors([{ field: "files", message: t("send.failed") }]);
      }
    } finally {
      setBusy(false);
    }
  }

  const input = (name: (typeof TEXT_FIELDS)[number], type = "text", extra: Record<string, unknown> = {}) => (
    <Field id={name} label={t(`send.fields.${name}`)} hint={HINTED.has(name) ? t(`send.hints.${name}` as MessageKey) : undefined} error={errorOf(name)}>
      {(describedBy, invalid) => (
        <input id={name} name={name} type={type} value={form[name]} aria-describedby={describedBy} aria-invalid={invalid}
          onChange={(e) => set(name, e.target.value)} {...extra} />
      )}
    </Field>
  );

  return (
    <Page title={t("send.title")}>
      <p>{t("send.lead")}</p>
      <ErrorSummary title={t("errors.summary")} errors={errors} />
      <form onSubmit={onSubmit} noValidate>
        <fieldset>
          <legend>{t("send.kindLegend")}</legend>
          {(["letter", "proposal"] as const).map((kind) => (
            <div className="choice" key={kind}>
              <input type="radio" id={`kind-${kind}`} name="kind" checked={form.kind === kind} onChange={() => set("kind", kind)} />
              <label htmlFor={`kind-${kind}`}>{t(`send.kind.${kind}`)}</label>
            </div>
          ))}
        </fieldset>
        <Field id="org" label={t("send.fields.org")} error={errorOf("org")}>
          {(describedBy, invalid) => (
            <select id="org" value={form.org} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => set("org", e.target.value)}>
              <option value="">{t("send.chooseOrg")}</option>
              {orgs.data?.items.map((org) => (
                <option key={org.code} value={org.code}>{org.name}</option>
              ))}
            </select>
          )}
        </Field>
        <fieldset>
          <legend>{t("send.senderLegend")}</legend>
          {(["citizen", "business"] as const).map((type) => (
            <div className="choice" key={type}>
              <input type="radio" id={`sender-${type}`} name="sender_type" checked={form.sender_type === type}
                onChange={() => set("sender_type", type)} />
              <label htmlFor={`sender-${type}`}>{t(`send.sender.${type}`)}</label>
            </div>
          ))}
        </fieldset>
        {input("name", "text", { autoComplete: "name" })}
        {form.sender_type === "business" && (
          <>
            {input("company_name", "text", { autoComplete: "organization" })}
            {input("nib", "text", { inputMode: "numeric" })}
          </>
        )}
        <div id="contact" tabIndex={-1}>
          {errorOf("contact") && <p className="error-text">{errorOf("contact")}</p>}
          {input("email", "email", { autoComplete: "email" })}
          {input("phone", "tel", { autoComplete: "tel" })}
        </div>
        {input("subject")}
        <Field id="body" label={t("send.fields.body")} error={errorOf("body")}>
          {(describedBy, invalid) => (
            <textarea id="body" rows={6} value={form.body} aria-describedby={describedBy} aria-invalid={invalid}
              onChange={(e) => set("body", e.target.value)} />
          )}
        </Field>
        {form.kind === "proposal" && (
          <>
            <Field id="category" label={t("send.fields.category")} error={errorOf("category")}>
              {(describedBy) => (
                <select id="category" value={form.category} aria-describedby={describedBy} onChange={(e) => set("category", e.target.value)}>
                  {CATEGORIES.map((c) => (
                    <option key={c} value={c}>{t(`send.category.${c}`)}</option>
                  ))}
                </select>
              )}
            </Field>
            {input("requested_amount", "text", { inputMode: "numeric" })}
            {input("event_date", "date")}
          </>
        )}
        <FilePicker id="files" files={files} onChange={setFiles} error={fileError ?? errorOf("files")} onProblem={setFileError} />
        <div className={errorOf("consent") ? "field field--error" : "field"}>
          {errorOf("consent") && <p className="error-text" id="consent-error">{errorOf("consent")}</p>}
          <div className="choice">
            <input type="checkbox" id="consent" checked={form.consent} aria-describedby={errorOf("consent") ? "consent-error" : undefined}
              onChange={(e) => set("consent", e.target.checked)} />
            <label htmlFor="consent">{t("send.consent")}</label>
          </div>
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("send.sending") : t("send.submit")}
        </button>
        {session.get()?.user.role === "public" && <p className="hint">{t("send.linked")}</p>}
      </form>
    </Page>
  );
}
