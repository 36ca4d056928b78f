import { useEffect, useState, type FormEvent } from "react";
import { ApiError } from "@/shared/api/client";
import { useSession, type SessionUser } from "@/shared/auth/session";
import { formatDateTime } from "@/shared/format/date";
import { useI18n } from "@/shared/i18n";
import { ErrorSummary, type FieldError } from "@/shared/ui/ErrorSummary";
import { Field } from "@/shared/ui/Field";
import { Loading } from "@/shared/ui/Loading";
import { Notice } from "@/shared/ui/Notice";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireRole } from "@/shared/ui/RequireRole";
import { loadPreview, useLetterhead, useRemoveLogo, useSaveLetterhead, useUploadLogo, type Letterhead as Head, type Preview } from "../letterheadApi";

const isOrgAdmin = (user: SessionUser) => user.role === "admin" && !!user.org;
const BALINESE = /^[\u1B00-\u1B7F ]*$/;
const LINES = ["government", "org_name", "address", "contact", "balinese"] as const;
type Line = (typeof LINES)[number];
type Lines = Record<Line, string>;
const LABEL = {
  government: "letterhead.government", org_name: "letterhead.orgName", address: "letterhead.address", contact: "letterhead.contact", balinese: "letterhead.balinese",
} as const;
const HINT = {
  government: "letterhead.governmentHint", org_name: "letterhead.orgNameHint", address: undefined, contact: "letterhead.contactHint", balinese: "letterhead.balineseHint",
} as const;

export function Letterhead() {
  const { t } = useI18n();
  return (
    <Page title={t("letterhead.title")} wide>
      <RequireRole allowed={isOrgAdmin}>
        <p>{t("letterhead.lead")}</p>
        <LetterheadScreen />
      </RequireRole>
    </Page>
  );
}

function LetterheadScreen() {
  const org = useSession()?.user.org ?? "";
  const head = useLetterhead(org);
  if (head.isPending) return <Loading />;
  if (head.error || !head.data) return <QueryError error={head.error} />;
  return (
    <>
      <LinesForm org={org} head={head.data} />
      <LogoSection org={org} head={head.data} />
      <PreviewSection org={org} head={head.data} />
    </>
  );
}

function LinesForm({ org, head }: { org: string; head: Head }) {
  const { t } = useI18n();
  const save = useSaveLetterhead(org);
  const [lines, setLines] = useState<Lines>(() => ({
    government: head.government, org_name: head.org_name, address: head.address, contact: head.contact ?? "", balinese: head.balinese ?? "",
  }));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState(false);

  function check(): FieldError[] {
    const found: FieldError[] = (["government", "org_name", "address"] as const)
      .filter((line) => !lines[line].trim())
      .map((line) => ({ field: line, message: t("letterhead.required", { field: t(LABEL[line]).toLowerCase() }) }));
    if (!BALINESE.test(lines.balinese)) found.push({ field: "balinese", message: t("letterhead.notBalinese") });
    return found;
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const found = check();
    setErrors(found);
    if (found.length) return;
    try {
      await save.mutateAsync({ ...lines, contact: lines.contact.trim() || null, balinese: lines.balinese.trim() || null });
      setSaved(true);
    } catch (e) {
      const field = e instanceof ApiError ? (e.fields()[0] ?? "government") : "government";
      setErrors([{ field, message: e instanceof ApiError ? e.message : t("errors.generic") }]);
    }
  }

  const hintOf = (line: Line) => {
    const hint = HINT[line];
    return hint && t(hint);
  };
  const errorOf = (line: Line) => errors.find((e) => e.field === line)?.message;
  return (
    <form onSubmit={onSubmit} noValidate data-testid="letterhead-form">
      <ErrorSummary title={t("errors.summary")} errors={errors} />
      {!head.custom && <Notice>{t("letterhead.defaultNote")}</Notice>}
      {head.custom && head.updated_at && (
        <p className="meta">{t("letterhead.updated", { when: formatDateTime(head.updated_at), who: head.updated_by ?? "" })}</p>
      )}
      {LINES.map((line) => (
        <Field key={line} id={line} label={t(LABEL[line])} hint={hintOf(line)} error={errorOf(line)}>
          {(describedBy, invalid) => (
            <input
              id={line}
              name={line}
              className={line === "balinese" ? "input input--balinese" : "input"}
              lang={line === "balinese" ? "ban-Bali" : undefined}
              value={lines[line]}
              maxLength={line === "balinese" ? 120 : 160}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(event) => setLines({ ...lines, [line]: event.target.value })}
            />
          )}
        </Field>
      ))}
      <button type="submit" className="button" disabled={save.isPending}>{t("letterhead.save")}</button>
      {saved && <Notice kind="success">{t("letterhead.saved")}</Notice>}
    </form>
  );
}

function LogoSection({ org, head }: { org: string; head: Head }) {
  const { t } = useI18n();
  const upload = useUploadLogo(org);
  const remove = useRemoveLogo(org);
  const [file, setFile] = useState<File>();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  async function onUpload(event: FormEvent) {
    event.preventDefault();
    setDone(undefined);
    if (!file) return setError(t("letterhead.chooseFile"));
    setError(undefined);
    try {
      await upload.mutateAsync(file);
      setDone(t("letterhead.uploaded"));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 413 ? t("letterhead.tooLarge") : t("letterhead.badLogo", { reason: e instanceof Error ? e.message : "" }));
    }
  }

  async function onRemove() {
    setDone(undefined);
    await remove.mutateAsync();
    setDone(t("letterhead.logoRemoved"));
  }

  return (
    <section aria-labelledby="logo-title">
      <h2 id="logo-title">{t("letterhead.logo")}</h2>
      <p data-testid="logo-state">
        {head.logo ? t("letterhead.logoNow", { width: head.logo.width, height: head.logo.height }) : t("letterhead.noLogo")}
      </p>
      <form onSubmit={onUpload} noValidate>
        <ErrorSummary title={t("errors.summary")} errors={error ? [{ field: "logo", message: error }] : []} />
        <Field id="logo" label={t("letterhead.logoFile")} hint={t("letterhead.logoHint")} error={error}>
          {(describedBy, invalid) => (
            <input id="logo" type="file" accept="image/png,image/jpeg" aria-describedby={describedBy} aria-invalid={invalid || undefined}
              onChange={(event) => setFile(event.target.files?.[0])} />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="button" disabled={upload.isPending}>{t("letterhead.upload")}</button>
          {head.logo && (
            <button type="button" className="button button--secondary" onClick={onRemove} disabled={remove.isPending}>{t("letterhead.removeLogo")}</button>
          )}
        </div>
      </form>
      {done && <Notice kind="success">{done}</Notice>}
    </section>
  );
}

/** The letterhead as the next signed letter prints it (logo, lines, Aksara Bali) and the sample letter's PDF. */
function PreviewSection({ org, head }: { org: string; head: Head }) {
  const { t } = useI18n();
  const [preview, setPreview] = useState<Preview>();
  const [failed, setFailed] = useState(false);
  useEffect(() => () => { if (preview) URL.revokeObjectURL(preview.pdfUrl); }, [preview]);
  useEffect(() => setPreview(undefined), [head.updated_at]);

  async function show() {
    setFailed(false);
    try {
      setPreview(await loadPreview(org, head.logo?.content_type));
    } catch {
      setFailed(true);
    }
  }

  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title">{t("letterhead.preview")}</h2>
      <p>{t("letterhead.previewLead")}</p>
      <button type="button" className="button button--secondary" onClick={show}>{t("letterhead.showPreview")}</button>
      {failed && <Notice kind="error">{t("errors.generic")}</Notice>}
      {preview && (
        <>
          <div className="kop-preview" data-testid="letterhead-preview">
            {preview.logoSrc && <img className="kop-preview__logo" src={preview.logoSrc} alt={t("letterhead.logoAlt")} />}
            <div className="kop-preview__lines">
              <p className="kop-preview__government">{head.government.toUpperCase()}</p>
              <p className="kop-preview__org">{head.org_name.toUpperCase()}</p>
              {head.balinese && <p className="kop-preview__balinese" lang="ban-Bali">{head.balinese}</p>}
              <p className="kop-preview__small">{head.address}</p>
              {head.contact && <p className="kop-preview__small">{head.contact}</p>}
            </div>
          </div>
          <p><a href={preview.pdfUrl} download="contoh-kop-surat.pdf">{t("letterhead.download")}</a></p>
        </>
      )}
    </section>
  );
}
