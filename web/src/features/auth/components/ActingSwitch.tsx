import { useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { api } from "@/shared/api/client";
import { session, useSession } from "@/shared/auth/session";
import { useI18n } from "@/shared/i18n";

const POSITION = /^[A-Z0-9][A-Z0-9._-]{0,31}$/;

/**
 * Plt / Plh: act for another position (sent as X-Acting-For on every request). The API checks the
 * appointment: without one in force today it answers 403 and the app says so.
 */
export function ActingSwitch() {
  const { t } = useI18n();
  const current = useSession();
  const queryClient = useQueryClient();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string>();
  if (!current) return null;

  function apply(next: string | null) {
    session.actFor(next);
    void queryClient.invalidateQueries();
  }
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const clean = code.trim().toUpperCase();
    if (!POSITION.test(clean)) return setError(t("acting.bad"));
    // Ask once before switching: without an appointment in force today the API answers 403.
    const { response } = await api.GET("/approvals", { params: { query: { limit: 1 }, header: { "X-Acting-For": clean } } });
    if (!response.ok) return setError(response.status === 403 ? t("acting.notAppointed", { position: clean }) : t("errors.generic"));
    setError(undefined);
    apply(clean);
  }

  return (
    <div className={current.actingFor ? "acting acting--on" : "acting"}>
      {current.actingFor ? (
        <p role="status">
          <strong>{t("acting.on", { position: current.actingFor })}</strong>{" "}
          <button type="button" className="link-button" onClick={() => apply(null)}>{t("acting.stop")}</button>
        </p>
      ) : (
        <details>
          <summary>{t("acting.open")}</summary>
          <form onSubmit={onSubmit} noValidate className="inline-form">
            <label htmlFor="acting-for">{t("acting.label")}</label>
            <input id="acting-for" value={code} aria-invalid={!!error} aria-describedby={error ? "acting-error" : undefined}
              onChange={(e) => setCode(e.target.value)} />
            <button className="button button--small" type="submit">{t("acting.start")}</button>
            {error && <p className="error-text" id="acting-error">{error}</p>}
          </form>
        </details>
      )}
    </div>
  );
}
