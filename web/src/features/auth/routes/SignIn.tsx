import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { api, ApiError, unwrap } from "@/shared/api/client";
import { isStaff, session } from "@/shared/auth/session";
import { useI18n } from "@/shared/i18n";
import { ErrorSummary } from "@/shared/ui/ErrorSummary";
import { Field } from "@/shared/ui/Field";
import { Page } from "@/shared/ui/Page";
import { DEMO_USERS } from "../demoUsers";

/**
 * Local stage: pick a demo user (POST /auth/dev-login). Deployed stages sign in with Cognito (README).
 */
export function SignIn() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [username, setUsername] = useState(DEMO_USERS[0].username);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const answer = await unwrap(api.POST("/auth/dev-login", { body: { username: username.trim() } }));
      session.set({ token: answer.token, user: answer.user, actingFor: null });
      navigate(isStaff(answer.user) ? "/surat" : answer.user.role === "public" ? "/pengajuan" : "/");
    } catch (e) {
      setError(e instanceof ApiError && (e.status === 404 || e.status === 400) ? t("signIn.unknown") : t("errors.generic"));
    } finally {
      setBusy(false);
    }
  }

  const groups = [...new Set(DEMO_USERS.map((u) => u.group))];
  return (
    <Page title={t("signIn.title")}>
      <p>{t("signIn.lead")}</p>
      <ErrorSummary title={t("errors.summary")} errors={error ? [{ field: "username", message: error }] : []} />
      <form onSubmit={onSubmit} noValidate>
        <Field id="username" label={t("signIn.user")} hint={t("signIn.hint")} error={error}>
          {(describedBy, invalid) => (
            <select id="username" value={username} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => setUsername(e.target.value)}>
              {groups.map((group) => (
                <optgroup key={group} label={t(`signIn.groups.${group}`)}>
                  {DEMO_USERS.filter((u) => u.group === group).map((u) => (
                    <option key={u.username} value={u.username}>{u.username}</option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <button className="button" type="submit" disabled={busy}>{t("signIn.submit")}</button>
      </form>
    </Page>
  );
}
