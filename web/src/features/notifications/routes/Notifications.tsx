import { useEffect } from "react";
import { Link } from "react-router-dom";
import { useI18n } from "@/shared/i18n";
import { formatDateTime } from "@/shared/format/date";
import { Loading } from "@/shared/ui/Loading";
import { Page } from "@/shared/ui/Page";
import { QueryError } from "@/shared/ui/QueryError";
import { RequireSignIn } from "@/shared/ui/RequireSignIn";
import { useSession } from "@/shared/auth/session";
import { seen, useNotifications } from "../api";

export function Notifications() {
  const { t } = useI18n();
  return (
    <Page title={t("notifications.title")}>
      <RequireSignIn>
        <SettingsLink />
        <List />
      </RequireSignIn>
    </Page>
  );
}

function SettingsLink() {
  const { t } = useI18n();
  const current = useSession();
  if (!current || current.user.role === "public" || current.user.role === "auditor") return null;
  return (
    <p>
      <Link to="/notifikasi/pengaturan">{t("staffNotify.link")}</Link>
    </p>
  );
}

function List() {
  const { t, lang } = useI18n();
  const notifications = useNotifications();
  const newest = notifications.data?.items[0]?.at;
  useEffect(() => {
    if (newest) seen.set(newest);
  }, [newest]);
  if (notifications.isPending) return <Loading />;
  if (notifications.isError) return <QueryError error={notifications.error} />;
  if (!notifications.data.items.length) return <p>{t("notifications.none")}</p>;
  return (
    <ul className="list">
      {notifications.data.items.map((n) => (
        <li key={n.id}>
          {n.record_type === "letter" ? <Link to={`/surat/${n.record_id}`}>{n.title}</Link> : <strong>{n.title}</strong>}
          <p>{n.body}</p>
          <time dateTime={n.at}>{formatDateTime(n.at, lang)}</time>
        </li>
      ))}
    </ul>
  );
}
