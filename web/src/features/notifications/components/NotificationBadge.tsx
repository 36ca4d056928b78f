import { NavLink } from "react-router-dom";
import { useI18n } from "@/shared/i18n";
import { seen, useNotifications } from "../api";

/** The nav link to the notifications with the number not yet seen. */
export function NotificationBadge() {
  const { t } = useI18n();
  const notifications = useNotifications();
  const since = seen.get();
  const unseen = notifications.data?.items.filter((n) => n.at > since).length ?? 0;
  return (
    <NavLink to="/notifikasi">
      {t("nav.notifications")}
      {unseen > 0 && (
        <span className="badge" data-testid="notification-badge">
          {unseen}
          <span className="visually-hidden"> {t("notifications.unseen")}</span>
        </span>
      )}
    </NavLink>
  );
}
