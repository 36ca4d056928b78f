import { useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ApiError } from "@/shared/api/client";
import { useI18n } from "@/shared/i18n";
import { ErrorSummary, type FieldError } from "@/shared/ui/ErrorSummary";
import { Field } from "@/shared/ui/Field";
import { Notice } from "@/shared/ui/Notice";
import { forward, useOrgs, useUnits, type Incoming } from "../api";
import { openTargets } from "../forwarding";

type Kind = "org" | "unit";
const TARGET = "forward-target";

/** Forward (teruskan) the letter to another org's register or a unit of the own org, with a note. */
export function ForwardForm({ letter }: { letter: Incoming }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [kind, setKind] = useState<Kind>("org");
  const [code, setCode] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const orgs = useOrgs();
  const units = useUnits(letter.org);
  // One key per request: a retry of the same request (an answer lost on the way) is answered once; another one is new.
  const edit = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setKey(crypto.randomUUID());
  };
  const targets = openTargets(letter, kind, (kind === "org" ? orgs.data?.items : units.data?.items) ?? []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(undefined);
    if (!code) {
      setErrors([{ field: TARGET, message: t("ops.forward.needTarget") }]);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      const saved = await forward(letter.id, { kind, code, note: note.trim() || null }, key);
      const link = saved.forwarded_to.find((f) => f.kind === kind && f.code === code);
      const name = link?.name ?? code;
      setDone(link?.agenda_number ? t("ops.forward.doneAgenda", { name, agenda: link.agenda_number }) : t("ops.forward.done", { name }));
      setCode("");
      setNote("");
      setKey(crypto.randomUUID());
      await client.invalidateQueries({ queryKey: ["in-one", letter.id] });
      await client.invalidateQueries({ queryKey: ["in-timeline", letter.id] });
    } catch (e) {
      const name = targets.find((target) => target.code === code)?.name ?? code;
      setErrors([{ field: TARGET, message: problem(e, name) }]);
    } finally {
      setBusy(false);
    }
  };

  /** The API's refusal in the user's words (a 409 names the target forwarded to before in its details). */
  const problem = (e: unknown, name: string): string => {
    if (!(e instanceof ApiError) || e.status >= 500) return t("errors.generic");
    if (e.status === 409) return forwardedBefore(e) ? t("ops.forward.already", { name }) : t("ops.forward.noReceiver", { name });
    if (e.status === 403) return t("ops.forward.notAllowed");
    return e.message;
  };
  const error = errors.find((e) => e.field === TARGET)?.message;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="forward-title" className="no-print" data-testid="forward-form">
      <h2 id="forward-title">{t("ops.forward.title")}</h2>
      <p>{t("ops.forward.lead")}</p>
      <ErrorSummary title={t("errors.summary")} errors={errors} />
      {done && (
        <div data-testid="forward-done">
          <Notice kind="success">{done}</Notice>
        </div>
      )}
      <fieldset>
        <legend>{t("ops.forward.kind")}</legend>
        {(["org", "unit"] as const).map((k) => (
          <div className="choice" key={k}>
            <input type="radio" id={`forward-kind-${k}`} name="forward-kind" checked={kind === k} onChange={() => { edit(setKind)(k); setCode(""); }} />
            <label htmlFor={`forward-kind-${k}`}>{t(k === "org" ? "ops.forward.kindOrg" : "ops.forward.kindUnit")}</label>
          </div>
        ))}
      </fieldset>
      <Field id={TARGET} label={t(kind === "org" ? "ops.forward.org" : "ops.forward.unit")} error={error}>
        {(describedBy, invalid) => (
          <select id={TARGET} value={code} onChange={(e) => edit(setCode)(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
            <option value="">{t("ops.forward.choose")}</option>
            {targets.map((target) => (
              <option key={target.code} value={target.code}>{target.name}</option>
            ))}
          </select>
        )}
      </Field>
      <div className="field">
        <label htmlFor="forward-note">{t("ops.forward.note")}</label>
        <textarea id="forward-note" rows={3} value={note} maxLength={2000} onChange={(e) => edit(setNote)(e.target.value)} />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>{t("ops.forward.submit")}</button>
      </div>
    </form>
  );
}

/** The API's 409 for a target forwarded to before names it in its details (the other 409: nobody to receive it). */
function forwardedBefore(error: ApiError): boolean {
  const details = error.body?.error?.details;
  return !!details && typeof details === "object" && !Array.isArray(details) && "code" in details;
}
