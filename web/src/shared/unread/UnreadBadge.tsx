import { useI18n } from "@/shared/i18n";
import { unreadIn, useUnread, type UnreadBox } from "./unread";

/** The number of unread items of `boxes` after a link's text ("Kotak surat 2 belum dibaca"); nothing at zero. */
export function UnreadBadge({ boxes, testId }: { boxes: UnreadBox[]; testId: string }) {
  const { t } = useI18n();
  const count = unreadIn(useUnread().data, ...boxes);
  if (count <= 0) return null;
  return (
    <span className="badge" data-testid={testId} data-count={count}>
      {count}
      <span className="visually-hidden"> {t("unread.label")}</span>
    </span>
  );
}
