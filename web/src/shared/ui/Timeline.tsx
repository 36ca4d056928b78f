import { useI18n } from "@/shared/i18n";
import { formatDateTime } from "@/shared/format/date";

export interface TimelineItem {
  at: string;
  title: string;
  detail?: string | null;
}

/** Events in time order, as an ordered list. */
export function Timeline({ items, label }: { items: TimelineItem[]; label: string }) {
  const { lang } = useI18n();
  return (
    <ol className="timeline" aria-label={label}>
      {items.map((item, i) => (
        <li key={`${item.at}-${i}`}>
          <time dateTime={item.at}>{formatDateTime(item.at, lang)}</time>
          <strong>{item.title}</strong>
          {item.detail && <span className="timeline__detail">{item.detail}</span>}
        </li>
      ))}
    </ol>
  );
}
