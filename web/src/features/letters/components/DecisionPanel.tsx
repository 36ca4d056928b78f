import { useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ApiError, type Schemas } from "@/shared/api/client";
import { useI18n } from "@/shared/i18n";
import { Field } from "@/shared/ui/Field";
import { Notice } from "@/shared/ui/Notice";
import { decide, parseCoordinators } from "../api";

type Decision = "approve" | "revise" | "reject";
export type Decided = Schemas["DecisionOut"];

/** What a decision did, in words (kept by the page: the panel leaves once the step is no longer mine). */
export function DecisionResult({ result }: { result: Decided }) {
  const { t } = useI18n();
  return (
    <Notice kind="success">
      <span data-testid="decision-result">
        {result.number ? t("decision.signed", { number: result.number }) : t(`decision.done.${result.decision as Decision}`)}
      </span>
      {!result.delivered && <> {t("decision.notDelivered")}</>}
    </Notice>
  );
}

/** Approve, return for revision or reject the step waiting for me; a note is needed to return or reject.
 * A reviewer may ask for paraf koordinasi when approving; a coordinator (`kind` paraf) initials or returns. */
export function DecisionPanel({ letterId, kind, onDecided }: { letterId: string; kind: string; onDecided: (d: Decided) => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const signing = kind === "sign";
  const paraf = kind === "paraf";
  const [note, setNote] = useState("");
  const [coordinators, setCoordinators] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function send(decision: Decision) {
    if (decision !== "approve" && !note.trim()) return setError(t("decision.needNote"));
    setBusy(true);
    setError(undefined);
    try {
      const asked = decision === "approve" && kind === "review" ? parseCoordinators(coordinators) : [];
      const answer = await decide(letterId, decision, note.trim(), decision === "approve" && signing ? passphrase : undefined, asked);
      onDecided(answer);
      await queryClient.invalidateQueries();
    } catch (e) {
      const certified = e instanceof ApiError && ["signer_not_enrolled", "certificate_not_valid"].includes(e.body?.error?.code ?? "");
      setError(e instanceof ApiError && e.status === 409 && !certified ? t("decision.stale") : e instanceof ApiError ? e.message : t("errors.generic"));
    } finally {
      setPassphrase("");  // used once: never kept in the page
      setBusy(false);
    }
  }

  return (
    <section className="decision" aria-labelledby="decision-title">
      <h2 id="decision-title">{signing ? t("decision.titleSign") : paraf ? t("chains.parafTitle") : t("decision.title")}</h2>
      <form onSubmit={(e: FormEvent) => { e.preventDefault(); void send("approve"); }} noValidate>
        <Field id="note" label={t("decision.note")} hint={t("decision.noteHint")} error={error}>
          {(d, invalid) => <textarea id="note" rows={3} value={note} aria-describedby={d} aria-invalid={invalid} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        {kind === "review" && (
          <Field id="coordinators" label={t("chains.coordinators")} hint={t("chains.coordinatorsHint")}>
            {(d) => <input id="coordinators" type="text" autoComplete="off" value={coordinators} aria-describedby={d} onChange={(e) => setCoordinators(e.target.value)} />}
          </Field>
        )}
        {signing && (
          <Field id="passphrase" label={t("tte.passphrase")} hint={t("tte.passphraseHint")}>
            {(d) => <input id="passphrase" type="password" autoComplete="off" value={passphrase} aria-describedby={d} onChange={(e) => setPassphrase(e.target.value)} />}
          </Field>
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>{signing ? t("decision.sign") : paraf ? t("chains.initial") : t("decision.approve")}</button>
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void send("revise")}>{t("decision.revise")}</button>
          {!paraf && <button type="button" className="button button--danger" disabled={busy} onClick={() => void send("reject")}>{t("decision.reject")}</button>}
        </div>
      </form>
    </section>
  );
}
