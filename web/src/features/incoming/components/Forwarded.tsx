import { useI18n } from "@/shared/i18n";
import { formatDateTime } from "@/shared/format/date";
import type { Incoming } from "../api";

/** Where the letter came from when another org forwarded it (diteruskan dari), and where it was forwarded to. */
export function Forwarded({ letter, orgName }: { letter: Incoming; orgName: (code: string) => string }) {
  const { t, lang } = useI18n();
  const from = letter.forwarded_from;
  if (!from && !letter.forwarded_to.length) return null;
  return (
    <>
      {from && (
        <section aria-labelledby="forwarded-from-title">
          <h2 id="forwarded-from-title">{t("ops.forward.fromTitle")}</h2>
          <p data-testid="forwarded-from">
            {t("ops.forward.from", { org: orgName(from.org), agenda: from.agenda_number, by: from.by })}
            {from.note && <span className="timeline__detail">{t("ops.forward.note2", { note: from.note })}</span>}
          </p>
        </section>
      )}
      {letter.forwarded_to.length > 0 && (
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
      )}
    </>
  );
}
