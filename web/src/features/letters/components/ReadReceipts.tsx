import { useI18n, type MessageKey } from "@/shared/i18n";
import { formatDateTime } from "@/shared/format/date";
import { Loading } from "@/shared/ui/Loading";
import { QueryError } from "@/shared/ui/QueryError";
import { useOrgs, usePositions, useReceipts, type Letter } from "../api";
import { readCount, unreadFirst } from "../receipts";

/** The read receipts (tanda baca) of a sent letter, for its drafter and signatory: "Dibaca 3 dari 4", then each. */
export function ReadReceipts({ letter }: { letter: Letter }) {
  const { t, lang } = useI18n();
  const receipts = useReceipts(letter.id);
  const positions = usePositions(letter.org);
  const orgs = useOrgs();
  const name = (kind: string, code: string) =>
    (kind === "org" ? orgs.data?.items.find((o) => o.code === code)?.name : positions.data?.items.find((p) => p.code === code)?.title) ?? code;
  return (
    <section aria-labelledby="receipts-title" data-testid="read-receipts">
      <h2 id="receipts-title">{t("letter.receipts.title")}</h2>
      {receipts.isPending ? (
        <Loading />
      ) : receipts.isError ? (
        <QueryError error={receipts.error} />
      ) : !receipts.data.items.length ? (
        <p>{t("letter.receipts.none")}</p>
      ) : (
        <>
          <p className="lead" data-testid="receipts-summary">{t("letter.receipts.summary", readCount(receipts.data.items))}</p>
          <ul className="list">
            {unreadFirst(receipts.data.items).map((r) => (
              <li key={`${r.kind}:${r.code}`} data-state={r.opened_at ? "read" : "unread"}>
                <strong>{name(r.kind, r.code)}</strong>
                <p className="meta">
                  {t(`letter.receipts.box.${r.box}` as MessageKey)} ·{" "}
                  {r.opened_at ? (
                    <>
                      {t("letter.receipts.read", { when: formatDateTime(r.opened_at, lang) })}
                      {r.opened_by && ` ${t("letter.receipts.by", { who: r.opened_by })}`}
                    </>
                  ) : (
                    <strong>{t("letter.receipts.unread")}</strong>
                  )}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
