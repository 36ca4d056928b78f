import { useI18n } from "@/shared/i18n";

/** The part of JSON Schema (draft 2020-12) the catalogue of letter types uses (GET /letter-types). */
export type JsonSchema = {
  type?: string;
  title?: string;
  description?: string;
  format?: string;
  pattern?: string;
  maxLength?: number;
  enum?: string[];
  const?: string;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
};
export type Value = string | Value[] | { [key: string]: Value } | undefined;
type Props = { schema: JsonSchema; value: Value; onChange: (value: Value) => void; path: string; errors: Record<string, string> };

/** An empty value of a schema: the form starts with one row of each required list. */
export function emptyOf(schema: JsonSchema): Value {
  if (schema.type === "object") {
    const out: Record<string, Value> = {};
    for (const name of schema.required ?? []) out[name] = emptyOf(schema.properties?.[name] ?? {});
    return out;
  }
  if (schema.type === "array") return Array.from({ length: schema.minItems ?? 0 }, () => emptyOf(schema.items ?? {}));
  return "";
}

/** The value as the API takes it: empty optional parts left out, text trimmed. */
export function cleaned(schema: JsonSchema, value: Value): Value {
  if (schema.type === "object" && value && typeof value === "object" && !Array.isArray(value)) {
    const out: Record<string, Value> = {};
    for (const [name, part] of Object.entries(schema.properties ?? {})) {
      const v = cleaned(part, value[name]);
      const empty = v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
      if (!empty || (schema.required ?? []).includes(name)) out[name] = v ?? "";
    }
    return out;
  }
  if (schema.type === "array" && Array.isArray(value)) return value.map((v) => cleaned(schema.items ?? {}, v));
  return typeof value === "string" ? value.trim() : value;
}

/** The form of a type's fields, built from its JSON Schema; errors are keyed by the API's path (`fields.pegawai[0].nip`). */
export function SchemaFields({ schema, value, onChange, path, errors }: Props) {
  const { t } = useI18n();
  const error = errors[path];
  const label = (schema.title ?? path.split(".").pop() ?? "");
  if (schema.type === "object") {
    const object = (value && typeof value === "object" && !Array.isArray(value) ? value : {}) as Record<string, Value>;
    const inner = Object.entries(schema.properties ?? {}).map(([name, part]) => (
      <SchemaFields key={name} schema={part} value={object[name]} path={`${path}.${name}`} errors={errors}
        onChange={(v) => onChange({ ...object, [name]: v })} />
    ));
    if (path === "fields") return <>{inner}</>;
    return <fieldset className="field"><legend>{label}</legend>{error && <p className="error-text">{error}</p>}{inner}</fieldset>;
  }
  if (schema.type === "array") {
    const rows = Array.isArray(value) ? value : [];
    const item = schema.items ?? {};
    return (
      <fieldset className={error ? "field field--error" : "field"}>
        <legend>{label}</legend>
        {error && <p className="error-text">{error}</p>}
        <ol>
          {rows.map((row, i) => (
            <li key={i}>
              <SchemaFields schema={{ ...item, title: item.title ?? `${label} ${i + 1}` }} value={row} path={`${path}[${i}]`}
                errors={errors} onChange={(v) => onChange(rows.map((r, j) => (j === i ? v : r)))} />
              <button type="button" className="button button--secondary" disabled={rows.length <= (schema.minItems ?? 0)}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}>{t("letterTypes.remove", { n: i + 1 })}</button>
            </li>
          ))}
        </ol>
        <button type="button" className="button button--secondary" disabled={rows.length >= (schema.maxItems ?? 50)}
          onClick={() => onChange([...rows, emptyOf(item)])}>{t("letterTypes.add", { what: label })}</button>
      </fieldset>
    );
  }
  const id = path; // the API's path, so the error summary links to the field
  const text = typeof value === "string" ? value : "";
  const choices = schema.enum ?? schema.anyOf?.flatMap((s) => (s.const ? [s.const] : []));
  const hint = schema.format === "date" ? t("letterTypes.dateHint") : schema.pattern?.includes("[0-5]\\d") ? t("letterTypes.timeHint") : undefined;
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="error-text" id={`${id}-error`}>{error}</p>}
      {schema.enum ? (
        <select id={id} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">—</option>
          {schema.enum.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      ) : (schema.maxLength ?? 0) > 300 ? (
        <textarea id={id} rows={3} value={text} aria-invalid={Boolean(error)} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input id={id} type={schema.format === "date" ? "date" : "text"} value={text} aria-invalid={Boolean(error)}
          list={choices?.length && !schema.enum ? `${id}-choices` : undefined} onChange={(e) => onChange(e.target.value)} />
      )}
      {choices?.length && !schema.enum ? <datalist id={`${id}-choices`}>{choices.map((c) => <option key={c} value={c} />)}</datalist> : null}
    </div>
  );
}

/** A letter's fields as read: each part under its title from the schema, lists numbered. */
export function FieldsView({ schema, value }: { schema: JsonSchema; value: Value }) {
  if (Array.isArray(value)) {
    return <ol>{value.map((v, i) => <li key={i}><FieldsView schema={schema.items ?? {}} value={v} /></li>)}</ol>;
  }
  if (value && typeof value === "object") {
    return (
      <dl className="summary">
        {Object.entries(value).map(([name, v]) => (
          <div key={name}>
            <dt>{schema.properties?.[name]?.title ?? name}</dt>
            <dd><FieldsView schema={schema.properties?.[name] ?? {}} value={v} /></dd>
          </div>
        ))}
      </dl>
    );
  }
  return <>{value ?? ""}</>;
}
