import { useI18n, type MessageKey } from "@/shared/i18n";
import { formatDate } from "@/shared/format/date";
import type { Incoming } from "../api";

/** The top of a lembar disposisi, as on the paper form: agenda number, dates, sender, number, subject. */
export function SheetHeader({ letter }: { letter: Pick<Incoming, "agenda_number" | "received_at" | "sender_name" | "sender_org" | "letter_number" | "letter_date" | "subject" | "urgency" | "redacted"> }) {
  const { t, lang } = useI18n();
  return (
    <table className="sheet__head">
      <tbody>
        <tr>
          <th scope="row">{t("ops.sheet.agenda")}</th>
          <td>{letter.agenda_number}</td>
          <th scope="row">{t("ops.sheet.received")}</th>
          <td>{formatDate(letter.received_at, lang)}</td>
        </tr>
        <tr>
          <th scope="row">{t("ops.sheet.from")}</th>
          <td>{letter.redacted ? "—" : [letter.sender_name, letter.sender_org].filter(Boolean).join(", ")}</td>
          <th scope="row">{t("ops.sheet.urgency")}</th>
          <td>{t(`letters.urgency.${letter.urgency}` as MessageKey)}</td>
        </tr>
        <tr>
          <th scope="row">{t("ops.sheet.number")}</th>
          <td colSpan={3}>
            {letter.letter_number ?? "—"}
            {letter.letter_date && ` · ${formatDate(letter.letter_date, lang)}`}
          </td>
        </tr>
        <tr>
          <th scope="row">{t("ops.sheet.subject")}</th>
          <td colSpan={3}>{letter.redacted ? t("ops.register.redacted") : letter.subject}</td>
        </tr>
      </tbody>
    </table>
  );
}
