import { useI18n } from "@/shared/i18n";
import { formatDateTime } from "@/shared/format/date";
import type { Incoming } from "../api";

/** Where the letter came from when another org forwarded it (diteruskan dari), named by that org's agenda number. */
export function ForwardedFrom({ letter, orgName }: { letter: Incoming; orgName: (code: string) => string }) {
  const { t } = useI18n();
  const from = letter.forwarded_from;
  if (!from) return null;
  return (
    <section aria-labelledby="forwarded-from-title">
      <h2 id="forwarded-from-title">{t("ops.forward.fromTitle")}</h2>
      <p data-testid="forwarded-from">
        {t("ops.forward.from", { org: orgName(from.org), agenda: from.agenda_number, by: from.by })}
        {from.note && <span className="timeline__detail">{t("ops.forward.note2", { note: from.note })}</span>}
      </p>
    </section>
  );
}

/** Where the letter was forwarded to (diteruskan ke), in order, with the copy's agenda number in another org. */
export function ForwardedTo({ letter }: { letter: Incoming }) {
  const { t, lang } = useI18n();
  if (!letter.forwarded_to.length) return null;
  return (
    <section aria-labelledby="forwarded-to-title">
      <h2 id="forwarded-to-title">{t("ops.forward.toTitle")}</h2>
      <ul className="list" data-testid="forwarded-to">
        {letter.forwarded_to.map((f) => (
          <li key={`${f.kind}:${f.code}`}>
            <strong>{f.name}</strong>
            <p className="meta">
              {f.agenda_number && `${t("ops.forward.agenda", { agenda: f.agenda_number })} · `}
              {t("ops.forward.by", { when: formatDateTime(f.at, lang), by: f.by })}
            </p>
            {f.note && <p className="meta">{t("ops.forward.note2", { note: f.note })}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
