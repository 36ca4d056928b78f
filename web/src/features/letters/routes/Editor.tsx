import { useMemo, useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate, useParams } from "react-router-dom";
import { ApiError } from "@/shared/api/client";
import { useSession } from "@/shared/auth/session";
import { useI18n } from "@/shared/i18n";
import { ErrorSummary, type FieldError } from "@/shared/ui/ErrorSummary";
import { Field } from "@/shared/ui/Field";
import { Loading } from "@/shared/ui/Loading";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireSignIn } from "@/shared/ui/RequireSignIn";
import { FilePicker, type PickedFile } from "@/shared/ui/FilePicker";
import {
  attachToLetter, createLetter, LETTER_TYPES, SECURITY, submitLetter, updateLetter, URGENCY,
  useClassifications, useLetter, useLetterTypes, useOrgs, usePositions, useUnits, type Letter, type LetterIn,
} from "../api";
import { cleaned, emptyOf, SchemaFields, type JsonSchema, type Value } from "../components/SchemaFields";
import { LetterPreview } from "../components/LetterPreview";
import { RecipientPicker, type Choice } from "../components/RecipientPicker";

export function Editor() {
  const { t } = useI18n();
  return (
    <Page title={t("editor.title")} wide>
      <RequireSignIn staff>
        <EditorForm />
      </RequireSignIn>
    </Page>
  );
}

/** Change a draft (or a letter returned for revision) and submit it again. */
export function EditDraft() {
  const { t } = useI18n();
  return (
    <Page title={t("editor.editTitle")} wide>
      <RequireSignIn staff>
        <LoadDraft id={useParams().id ?? ""} />
      </RequireSignIn>
    </Page>
  );
}

function LoadDraft({ id }: { id: string }) {
  const letter = useLetter(id);
  if (letter.isPending) return <Loading />;
  if (letter.isError) return <QueryError error={letter.error} />;
  return <EditorForm initial={letter.data} />;
}

function toChoice(r: Letter["addressees"][number]): Choice {
  return { kind: r.kind as Choice["kind"], code: r.code ?? "", label: r.name ?? r.code ?? "", original: r };
}

/** A letter's fields on one side, the printed letter live on the other (new, or an existing draft). */
function EditorForm({ initial }: { initial?: Letter }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const org = useSession()?.user.org ?? "";
  const positions = usePositions(org);
  const units = useUnits(org);
  const orgs = useOrgs();
  const classifications = useClassifications();
  const [type, setType] = useState<string>(initial?.type ?? "surat_dinas");
  const [classification, setClassification] = useState(initial?.classification ?? "");
  const [classQuery, setClassQuery] = useState("");
  const [subject, setSubject] = useState(initial?.subject ?? "");
  const [body, setBody] = useState(initial?.body ?? "");
  const catalogue = useLetterTypes();
  const [typeFields, setTypeFields] = useState<Value>((initial?.fields ?? undefined) as Value);
  const [addressees, setAddressees] = useState<Choice[]>(() => (initial?.addressees ?? []).map(toChoice));
  const [cc, setCc] = useState<Choice[]>(() => (initial?.cc ?? []).map(toChoice));
  const [signatory, setSignatory] = useState(initial?.signatory ?? "");
  const [security, setSecurity] = useState<string>(initial?.security ?? "biasa");
  const [urgency, setUrgency] = useState<string>(initial?.urgency ?? "biasa");
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [fileError, setFileError] = useState<string>();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);

  const positionItems = positions.data?.items ?? [];
  const head = positionItems.find((p) => !p.reports_to)?.code ?? "";
  const chosenSignatory = signatory || head;
  const orgName = orgs.data?.items.find((o) => o.code === org)?.name ?? org;
  const choices: Choice[] = [
    ...positionItems.map((p) => ({ kind: "position" as const, code: p.code, label: p.title })),
    ...(units.data?.items ?? []).map((u) => ({ kind: "unit" as const, code: u.code, label: u.name })),
    ...(orgs.data?.items ?? []).filter((o) => o.code !== org).map((o) => ({ kind: "org" as const, code: o.code, label: o.name })),
  ];
  const classItems = (classifications.data?.items ?? []).filter((c) => !c.retired);
  const classWords = classQuery.toLowerCase();
  const classShown = classItems.filter((c) => c.code === classification || `${c.code} ${c.name}`.toLowerCase().includes(classWords)).slice(0, 50);
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const spec = catalogue.data?.items.find((lt) => lt.code === type);
  const schema = spec?.schema as JsonSchema | undefined;
  const hasFields = Boolean(schema && Object.keys(schema.properties ?? {}).length);
  const printsBody = !spec || spec.sections.includes("isi");
  const fieldErrors = Object.fromEntries(errors.filter((e) => e.field.startsWith("fields")).map((e) => [e.field, e.message]));
  const filled = (v: Value): boolean => (Array.isArray(v) ? v.some(filled) : v && typeof v === "object" ? Object.values(v).some(filled) : Boolean(v && String(v).trim()));

  function chooseType(code: string) {
    setType(code);
    const next = catalogue.data?.items.find((lt) => lt.code === code);
    setTypeFields(next ? emptyOf(next.schema as JsonSchema) : undefined);
  }

  function check(): FieldError[] {
    const found: FieldError[] = [];
    if (!classification) found.push({ field: "classification", message: t("editor.required.classification") });
    if (!subject.trim()) found.push({ field: "subject", message: t("editor.required.subject") });
    if ((spec ? spec.free_text : true) && !body.trim()) found.push({ field: "body", message: t("editor.required.body") });
    if (!addressees.length) found.push({ field: "addressees", message: t("editor.required.addressees") });
    if (!chosenSignatory) found.push({ field: "signatory", message: t("editor.required.signatory") });
    return found;
  }

  async function save(andSubmit: boolean) {
    const found = check();
    setErrors(found);
    if (found.length || busy) return;
    setBusy(true);
    try {
      // A recipient read from the draft goes back as it was (an external party keeps its name and address).
      const toRecipient = (c: Choice) => c.original ?? { kind: c.kind, code: c.code };
      const fields = {
        type, classification, subject: subject.trim(), body: printsBody && body.trim() ? body.trim() : undefined,
        fields: schema && (spec?.fields_required || filled(typeFields)) ? cleaned(schema, typeFields ?? emptyOf(schema)) : undefined,
        addressees: addressees.map(toRecipient), cc: cc.map(toRecipient), signatory: chosenSignatory, security, urgency,
      } as LetterIn;
      const letter = initial ? await updateLetter(initial.id, initial.version, fields) : await createLetter(fields, idempotencyKey);
      for (const [i, picked] of files.entries()) {
        await attachToLetter(letter.id, picked.file, (p) => setFiles((all) => all.map((f, j) => (j === i ? { ...f, progress: p } : f))));
      }
      if (andSubmit) await submitLetter(letter.id);
      await queryClient.invalidateQueries();
      navigate(`/surat/${letter.id}`, { state: { submitted: andSubmit } });
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields() : [];
      if (error instanceof ApiError && error.status === 409) setErrors([{ field: "subject", message: t("decision.stale") }]);
      else setErrors(fields.length
        ? fields.map((f) => ({ field: f.startsWith("fields") ? f : f.split(".")[0], message: t("editor.invalid", { field: f }) + (error instanceof ApiError ? ` (${error.message})` : "") }))
        : [{ field: "subject", message: error instanceof ApiError ? error.message : t("errors.generic") }]);
    } finally {
      setBusy(false);
    }
  }

  const label = (c: Choice) => c.label;
  const signatoryTitle = positionItems.find((p) => p.code === chosenSignatory);
  return (
    <div className="editor">
      <form className="editor__form" noValidate onSubmit={(e: FormEvent) => { e.preventDefault(); void save(true); }}>
        <ErrorSummary title={t("errors.summary")} errors={errors} />
        <Field id="type" label={t("editor.type")}>
          {(d) => (
            <select id="type" value={type} aria-describedby={d} onChange={(e) => chooseType(e.target.value)}>
              {catalogue.data
                ? catalogue.data.items.map((lt) => <option key={lt.code} value={lt.code}>{lt.name}</option>)
                : LETTER_TYPES.map((lt) => <option key={lt} value={lt}>{t(`letters.type.${lt}`)}</option>)}
            </select>
          )}
        </Field>
        <fieldset className={errorOf("classification") ? "field field--error" : "field"}>
          <legend>{t("editor.classification")}</legend>
          {errorOf("classification") && <p className="error-text">{errorOf("classification")}</p>}
          <label htmlFor="classification-search">{t("editor.search")}</label>
          <input id="classification-search" type="search" value={classQuery} onChange={(e) => setClassQuery(e.target.value)} />
          <label htmlFor="classification">{t("editor.classificationCode")}</label>
          <select id="classification" value={classification} size={5} onChange={(e) => setClassification(e.target.value)}>
            {classShown.map((c) => <option key={c.code} value={c.code}>{c.code} — {c.name}</option>)}
          </select>
        </fieldset>
        <Field id="subject" label={t("editor.subject")} error={errorOf("subject")}>
          {(d, invalid) => <input id="subject" value={subject} aria-describedby={d} aria-invalid={invalid} onChange={(e) => setSubject(e.target.value)} />}
        </Field>
        <RecipientPicker id="addressees" legend={t("editor.addressees")} choices={choices} selected={addressees} onChange={setAddressees} error={errorOf("addressees")} />
        <RecipientPicker id="cc" legend={t("editor.cc")} choices={choices} selected={cc} onChange={setCc} />
        {printsBody && (
          <Field id="body" label={t("editor.body")} error={errorOf("body")}>
            {(d, invalid) => <textarea id="body" rows={10} value={body} aria-describedby={d} aria-invalid={invalid} onChange={(e) => setBody(e.target.value)} />}
          </Field>
        )}
        {schema && hasFields && (
          <fieldset className="field" id="fields">
            <legend>{t("letterTypes.fields", { name: spec?.name ?? type })}</legend>
            {errorOf("fields") && <p className="error-text">{errorOf("fields")}</p>}
            <SchemaFields schema={schema} value={typeFields ?? emptyOf(schema)} onChange={setTypeFields} path="fields" errors={fieldErrors} />
          </fieldset>
        )}
        <Field id="signatory" label={t("editor.signatory")} hint={t("editor.signatoryHint")} error={errorOf("signatory")}>
          {(d, invalid) => (
            <select id="signatory" value={chosenSignatory} aria-describedby={d} aria-invalid={invalid} onChange={(e) => setSignatory(e.target.value)}>
              {positionItems.map((p) => <option key={p.code} value={p.code}>{p.title}</option>)}
            </select>
          )}
        </Field>
        <div className="row">
          <Field id="security" label={t("editor.security")}>
            {(d) => (
              <select id="security" value={security} aria-describedby={d} onChange={(e) => setSecurity(e.target.value)}>
                {SECURITY.map((s) => <option key={s} value={s}>{t(`letters.security.${s}`)}</option>)}
              </select>
            )}
          </Field>
          <Field id="urgency" label={t("editor.urgency")}>
            {(d) => (
              <select id="urgency" value={urgency} aria-describedby={d} onChange={(e) => setUrgency(e.target.value)}>
                {URGENCY.map((u) => <option key={u} value={u}>{t(`letters.urgency.${u}`)}</option>)}
              </select>
            )}
          </Field>
        </div>
        <FilePicker id="files" files={files} onChange={setFiles} error={fileError} onProblem={setFileError} />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>{t("editor.saveAndSubmit")}</button>
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void save(false)}>{t("editor.saveDraft")}</button>
        </div>
      </form>
      <LetterPreview
        orgName={orgName}
        type={type}
        security={security}
        attachments={files.length}
        subject={subject}
        addressees={addressees.map(label)}
        body={body}
        signatory={signatoryTitle?.title ?? ""}
        cc={cc.map(label)}
      />
      <p className="visually-hidden" aria-live="polite">{busy ? t("send.sending") : ""}</p>
    </div>
  );
}
