import { useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ApiError } from "@/shared/api/client";
import { useSession } from "@/shared/auth/session";
import { useI18n, type MessageKey } from "@/shared/i18n";
import { ErrorSummary, type FieldError } from "@/shared/ui/ErrorSummary";
import { Notice } from "@/shared/ui/Notice";
import { dispose, INSTRUCTIONS, useMyPosition, usePositions, type Incoming } from "../api";
import { positionsBelow, sheetProblems, witaDeadline, type SheetProblem } from "../sheet";
import { SheetHeader } from "./SheetHeader";

const FIELD: Record<SheetProblem, string> = { to: "sheet-to", instructions: "sheet-instructions", deadline: "sheet-deadline", pastDeadline: "sheet-deadline" };
const MESSAGE: Record<SheetProblem, MessageKey> = {
  to: "ops.sheet.needTo",
  instructions: "ops.sheet.needInstruction",
  deadline: "ops.sheet.needDeadline",
  pastDeadline: "ops.sheet.pastDeadline",
};

/** A day from now at 16.00 WITA, the end of the office day, as <input type="datetime-local"> wants it. */
function defaultDeadline(now = new Date()): string {
  const bali = new Date(now.getTime() + 8 * 3600_000 + 24 * 3600_000);
  return `${bali.toISOString().slice(0, 10)}T16:00`;
}

/** The lembar disposisi as a form: instructions to tick, a note, a deadline, the positions below to send it to. */
export function DispositionSheet({ letter, parentId }: { letter: Incoming; parentId: string | null }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const org = useSession()?.user.org;
  const mine = useMyPosition();
  const positions = usePositions(org);
  const below = positionsBelow(mine, positions.data?.items ?? []);
  const [to, setTo] = useState<string[]>([]);
  const [instructions, setInstructions] = useState<string[]>([]);
  const [note, setNote] = useState("");
  const [deadline, setDeadline] = useState(defaultDeadline);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  const errorOf = (id: string) => errors.find((e) => e.field === id)?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = sheetProblems({ to, instructions, deadline }, new Date());
    const found = problems.map((p) => ({ field: FIELD[p], message: t(MESSAGE[p]) }));
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      await dispose(
        letter.id,
        { to, kind: "instruction", instructions: instructions as never, note: note.trim() || null, deadline: witaDeadline(deadline), parent_id: parentId },
        key,
      );
      setSent(true);
      setTo([]);
      setInstructions([]);
      setNote("");
      setKey(crypto.randomUUID());
      await client.invalidateQueries({ queryKey: ["in-one", letter.id] });
      await client.invalidateQueries({ queryKey: ["in-disposition"] });
    } catch (e) {
      const field = e instanceof ApiError && e.fields().includes("deadline") ? "sheet-deadline" : "sheet-to";
      setErrors([{ field, message: e instanceof ApiError && e.status < 500 ? e.message : t("errors.generic") }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="sheet" onSubmit={submit} noValidate aria-labelledby="sheet-title">
      <h2 id="sheet-title" className="sheet__title">{t("ops.sheet.title")}</h2>
      <SheetHeader letter={letter} />
      <ErrorSummary title={t("errors.summary")} errors={errors} />
      {sent && (
        <div data-testid="disposition-sent">
          <Notice kind="success">{t("ops.sheet.sent")}</Notice>
        </div>
      )}
      <div className="sheet__body">
        <fieldset id="sheet-instructions" className={errorOf("sheet-instructions") ? "sheet__box field--error" : "sheet__box"} tabIndex={-1}>
          <legend>{t("ops.sheet.instructions")}</legend>
          {errorOf("sheet-instructions") && <p className="error-text">{errorOf("sheet-instructions")}</p>}
          {INSTRUCTIONS.map((i) => (
            <label key={i} className="choice">
              <input type="checkbox" checked={instructions.includes(i)} onChange={() => setInstructions(toggle(instructions, i))} />
              {t(`ops.instruction.${i}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <fieldset id="sheet-to" className={errorOf("sheet-to") ? "sheet__box field--error" : "sheet__box"} tabIndex={-1}>
          <legend>{t("ops.sheet.to")}</legend>
          {errorOf("sheet-to") && <p className="error-text">{errorOf("sheet-to")}</p>}
          {positions.isSuccess && !below.length && <p>{t("ops.sheet.noBelow")}</p>}
          {below.map((p) => (
            <label key={p.code} className="choice">
              <input type="checkbox" checked={to.includes(p.code)} onChange={() => setTo(toggle(to, p.code))} />
              <span>
                {p.title}
                {p.holder_name && <span className="sheet__holder">{p.holder_name}</span>}
              </span>
            </label>
          ))}
        </fieldset>
      </div>
      <div className={errorOf("sheet-deadline") ? "field field--error" : "field"}>
        <label htmlFor="sheet-deadline">{t("ops.sheet.deadline")} (WITA)</label>
        {errorOf("sheet-deadline") && (
          <p className="error-text" id="sheet-deadline-error">
            {errorOf("sheet-deadline")}
          </p>
        )}
        <input
          id="sheet-deadline"
          type="datetime-local"
          value={deadline}
          onChange={(e) => setDeadline(e.target.value)}
          aria-describedby={errorOf("sheet-deadline") ? "sheet-deadline-error" : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="sheet-note">{t("ops.sheet.note")}</label>
        <textarea id="sheet-note" rows={3} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="actions no-print">
        <button type="submit" className="button" disabled={busy}>
          {t("ops.sheet.submit")}
        </button>
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t("ops.sheet.print")}
        </button>
      </div>
    </form>
  );
}
