import { useI18n } from "@/shared/i18n";

/** Forward paging over the API's opaque cursors (a stack of the cursors seen, to go back). */
export function Pager({ cursors, next, onChange }: { cursors: string[]; next: string | null | undefined; onChange: (c: string[]) => void }) {
  const { t } = useI18n();
  if (!cursors.length && !next) return null;
  return (
    <nav className="pager" aria-label={t("common.paging")}>
      <button type="button" className="button button--secondary" disabled={!cursors.length} onClick={() => onChange(cursors.slice(0, -1))}>
        {t("common.previous")}
      </button>
      <span>{t("common.page", { n: cursors.length + 1 })}</span>
      <button type="button" className="button button--secondary" disabled={!next} onClick={() => next && onChange([...cursors, next])}>
        {t("common.next")}
      </button>
    </nav>
  );
}
