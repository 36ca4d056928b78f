import type { ReactNode } from "react";
import { useSession, type SessionUser } from "@/shared/auth/session";
import { useI18n } from "@/shared/i18n";
import { Notice } from "./Notice";
import { RequireSignIn } from "./RequireSignIn";

/** Shows its children to a signed-in user `allowed` lets in; anyone else gets the app's "not allowed" page. */
export function RequireRole({ allowed, children }: { allowed: (user: SessionUser) => boolean; children: ReactNode }) {
  const { t } = useI18n();
  const current = useSession();
  if (current && !allowed(current.user)) {
    return (
      <div data-testid="not-allowed">
        <Notice kind="error">{t("errors.forbidden")}</Notice>
      </div>
    );
  }
  return <RequireSignIn>{children}</RequireSignIn>;
}

/** The province-wide admin (an admin of no org) or the auditor: they name the org they read. */
export function readsEveryOrg(user: SessionUser): boolean {
  return (user.role === "admin" && !user.org) || user.role === "auditor";
}
