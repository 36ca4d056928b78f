import { useState } from "react";
import { Link, useLocation } from "react-router-dom";
import { useI18n } from "@/shared/i18n";
import { formatDateTime } from "@/shared/format/date";
import { Notice } from "@/shared/ui/Notice";
import { Page } from "@/shared/ui/Page";
import type { Receipt as ReceiptData } from "../api";

/** The tracking code and the secret, shown once: copy or print them. */
export function Receipt() {
  const { t, lang } = useI18n();
  const state = useLocation().state as { receipt?: ReceiptData; files?: string[] } | null;
  const [copied, setCopied] = useState(false);
  const receipt = state?.receipt;
  if (!receipt) {
    return (
      <Page title={t("receipt.title")}>
        <Notice>{t("receipt.gone")}</Notice>
        <p><Link to="/lacak">{t("nav.track")}</Link></p>
      </Page>
    );
  }
  const text = t("receipt.copyText", { code: receipt.code, secret: receipt.secret });
  return (
    <Page title={t("receipt.title")}>
      <Notice kind="success">{t("receipt.sent", { when: formatDateTime(receipt.submitted_at, lang) })}</Notice>
      <dl className="receipt">
        <dt>{t("receipt.code")}</dt>
        <dd><code data-testid="receipt-code">{receipt.code}</code></dd>
        <dt>{t("receipt.secret")}</dt>
        <dd><code data-testid="receipt-secret">{receipt.secret}</code></dd>
      </dl>
      <p className="warning">{t("receipt.keepSecret")}</p>
      {!!state?.files?.length && <p>{t("receipt.files", { files: state.files.join(", ") })}</p>}
      <div className="actions no-print">
        <button type="button" className="button" onClick={() => navigator.clipboard?.writeText(text).then(() => setCopied(true))}>
          {t("receipt.copy")}
        </button>
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t("receipt.print")}
        </button>
        <Link className="button button--secondary" to={`/lacak/${receipt.code}`}>{t("receipt.track")}</Link>
      </div>
      {copied && <Notice kind="success">{t("receipt.copied")}</Notice>}
    </Page>
  );
}
