import { useState } from "react";
import { useI18n } from "@/shared/i18n";

export interface Choice {
  kind: "position" | "unit" | "org" | "external";
  code: string;
  label: string;
  /** The recipient as a draft holds it, sent back unchanged. */
  original?: { kind: string; code?: string | null; name?: string | null; address?: string | null; email?: string | null };
}

export const choiceKey = (c: { kind: string; code?: string | null }) => `${c.kind}:${c.code}`;

/** Pick addressees or cc from the org structure (positions, units, other orgs), filtered by a search. */
export function RecipientPicker({ id, legend, choices, selected, onChange, error }: {
  id: string;
  legend: string;
  choices: Choice[];
  selected: Choice[];
  onChange: (next: Choice[]) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState("");
  const chosen = new Set(selected.map(choiceKey));
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = choices.filter((c) => chosen.has(choiceKey(c)) || words.every((w) => `${c.label} ${c.code}`.toLowerCase().includes(w)));
  return (
    <fieldset className={error ? "field field--error picker" : "field picker"} id={id} tabIndex={-1}>
      <legend>{legend}</legend>
      {error && <p className="error-text">{error}</p>}
      <label htmlFor={`${id}-search`}>{t("editor.search")}</label>
      <input id={`${id}-search`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      <ul className="picker__list">
        {shown.slice(0, 40).map((c) => {
          const key = choiceKey(c);
          const inputId = `${id}-${key.replace(/[^A-Za-z0-9-]/g, "_")}`;
          return (
            <li key={key} className="choice">
              <input type="checkbox" id={inputId} checked={chosen.has(key)}
                onChange={(e) => onChange(e.target.checked ? [...selected, c] : selected.filter((s) => choiceKey(s) !== key))} />
              <label htmlFor={inputId}>
                {c.label} <span className="meta">({t(`editor.kind.${c.kind}`)} {c.code})</span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
