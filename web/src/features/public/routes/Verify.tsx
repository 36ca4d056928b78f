import { useState, type DragEvent, type FormEvent } from "react";
import { useSearchParams } from "react-router-dom";
import { api, ApiError, unwrap, type Schemas } from "@/shared/api/client";
import { useI18n } from "@/shared/i18n";
import { formatDate, formatDateTime } from "@/shared/format/date";
import { ErrorSummary } from "@/shared/ui/ErrorSummary";
import { Field } from "@/shared/ui/Field";
import { Notice } from "@/shared/ui/Notice";
import { Page } from "@/shared/ui/Page";
import { json, type Verification } from "../api";

type FileCheck = Schemas["FileCheckOut"];

/** Is a signed letter genuine? By its verification code, and optionally by its PDF dropped here. */
export function Verify() {
  const { t, lang } = useI18n();
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get("kode") ?? "");
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<Verification>();
  const [check, setCheck] = useState<FileCheck>();
  const [dragging, setDragging] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const clean = code.trim();
    setResult(undefined);
    setCheck(undefined);
    if (!clean) return setError(t("verify.needCode"));
    if (file && file.type !== "application/pdf") return setError(t("verify.notPdf"));
    setError(undefined);
    try {
      setResult(json(await unwrap(api.GET("/public/verify/{code}", { params: { path: { code: clean } } }))));
      if (file) {
        const response = await fetch(`/api/public/verify/${encodeURIComponent(clean)}`, {
          method: "POST", headers: { "Content-Type": "application/pdf" }, body: file,
        });
        if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => undefined));
        setCheck((await response.json()) as FileCheck);
      }
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? t("verify.unknown") : e instanceof ApiError && e.status === 413 ? t("verify.tooLarge") : t("errors.generic"));
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) setFile(dropped);
  }

  return (
    <Page title={t("verify.title")}>
      <p>{t("verify.lead")}</p>
      <ErrorSummary title={t("errors.summary")} errors={error ? [{ field: "code", message: error }] : []} />
      <form onSubmit={onSubmit} noValidate>
        <Field id="code" label={t("verify.codeLabel")} hint={t("verify.codeHint")} error={error}>
          {(describedBy, invalid) => (
            <input id="code" value={code} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => setCode(e.target.value)} />
          )}
        </Field>
        <div className={dragging ? "dropzone dropzone--active" : "dropzone"} onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
          onDragLeave={() => setDragging(false)} onDrop={onDrop}>
          <label htmlFor="pdf">{t("verify.pdfLabel")}</label>
          <p className="hint" id="pdf-hint">{t("verify.pdfHint")}</p>
          <input id="pdf" type="file" accept="application/pdf" aria-describedby="pdf-hint" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          {file && <p>{t("verify.chosen", { name: file.name })}</p>}
        </div>
        <button className="button" type="submit">{t("verify.submit")}</button>
      </form>
      {result && (
        <section aria-labelledby="verify-result" data-testid="verify-result">
          <h2 id="verify-result">{t("verify.resultTitle")}</h2>
          <Notice kind={result.valid ? "success" : "error"}>{result.valid ? t("verify.valid") : t("verify.invalid")}</Notice>
          <dl className="summary">
            <dt>{t("verify.number")}</dt><dd>{result.number}</dd>
            <dt>{t("verify.date")}</dt><dd>{formatDate(result.date ?? result.signed_at, lang)}</dd>
            <dt>{t("verify.org")}</dt><dd>{result.org_name ?? result.org}</dd>
            {result.subject && (<><dt>{t("verify.subject")}</dt><dd>{result.subject}</dd></>)}
            {result.signer && (<><dt>{t("verify.signer")}</dt><dd>{Object.values(result.signer).filter((v) => typeof v === "string").join(", ")}</dd></>)}
            <dt>{t("verify.signedAt")}</dt><dd>{formatDateTime(result.signed_at, lang)}</dd>
          </dl>
          {check && <Notice kind={check.original ? "success" : "error"}>{check.original ? t("verify.original") : t("verify.notOriginal")}</Notice>}
        </section>
      )}
    </Page>
  );
}
