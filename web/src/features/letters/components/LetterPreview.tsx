import { useI18n, type MessageKey } from "@/shared/i18n";
import { formatDate } from "@/shared/format/date";
import { typeName } from "../api";

/** The letter as it will be printed: letterhead, place and date, number, security, subject, addressees, body, signature, cc. */
export function LetterPreview({ orgName, type, security, attachments, subject, addressees, body, signatory, cc }: {
  orgName: string;
  type: string;
  security: string;
  attachments: number;
  subject: string;
  addressees: string[];
  body: string;
  signatory: string;
  cc: string[];
}) {
  const { t } = useI18n();
  return (
    <section className="letter-preview" aria-label={t("editor.preview")}>
      <header className="letter-preview__head">
        <p className="letter-preview__gov">{t("preview.government")}</p>
        <p className="letter-preview__org">{orgName}</p>
      </header>
      <p className="letter-preview__place">{t("preview.place", { date: formatDate(new Date().toISOString()) })}</p>
      <p className="letter-preview__type">{typeName(t, type)}</p>
      <table className="letter-preview__meta">
        <tbody>
          <tr><th scope="row">{t("preview.number")}</th><td>{t("preview.numberPending")}</td></tr>
          <tr><th scope="row">{t("preview.security")}</th><td>{t(`letters.security.${security}` as MessageKey)}</td></tr>
          <tr><th scope="row">{t("preview.attachments")}</th><td>{attachments ? t("preview.attachmentCount", { n: attachments }) : "-"}</td></tr>
          <tr><th scope="row">{t("preview.subject")}</th><td>{subject || "…"}</td></tr>
        </tbody>
      </table>
      <p>{t("preview.to")}</p>
      <ul className="letter-preview__to">{addressees.length ? addressees.map((a) => <li key={a}>{a}</li>) : <li>…</li>}</ul>
      <div className="letter-preview__body">{(body || "…").split("\n").map((line, i) => <p key={i}>{line}</p>)}</div>
      <p className="letter-preview__sign">{signatory || "…"}</p>
      {cc.length > 0 && (
        <>
          <p>{t("preview.cc")}</p>
          <ol>{cc.map((c) => <li key={c}>{c}</li>)}</ol>
        </>
      )}
    </section>
  );
}
