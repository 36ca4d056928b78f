import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { useSession } from "@/shared/auth/session";
import { useI18n } from "@/shared/i18n";
import { Notice } from "./Notice";

/** Shows its children to a signed-in user (of one of `roles`, if given); others get a plain explanation. */
export function RequireSignIn({ children, staff = false, roles }: { children: ReactNode; staff?: boolean; roles?: string[] }) {
  const { t } = useI18n();
  const current = useSession();
  if (!current) {
    return (
      <Notice>
        {t("errors.signIn")} <Link to="/masuk">{t("nav.signIn")}</Link>
      </Notice>
    );
  }
  const wrongRole = !!roles && !roles.includes(current.user.role);
  if (wrongRole || (staff && (current.user.role === "public" || !current.user.org))) return <Notice kind="error">{t("errors.forbidden")}</Notice>;
  return <>{children}</>;
}
