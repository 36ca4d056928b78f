import { Suspense } from "react";
import { Link, NavLink, Outlet, useNavigate } from "react-router-dom";
import { isStaff, session, useSession } from "@/shared/auth/session";
import { useI18n, type Lang } from "@/shared/i18n";
import { Loading } from "@/shared/ui/Loading";
import { NotificationBadge } from "@/features/notifications/components/NotificationBadge";
import { readsEveryOrg } from "@/shared/ui/RequireRole";
import { ActingSwitch } from "@/features/auth/components/ActingSwitch";
import { UnreadBadge } from "@/shared/unread/UnreadBadge";

export function Layout() {
  const { t, lang, setLang } = useI18n();
  const current = useSession();
  const navigate = useNavigate();
  const staff = isStaff(current?.user);
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className="site-header">
        <div className="site-header__bar">
          <Link to="/" className="brand">
            {t("app.name")}
          </Link>
          <div className="site-header__tools">
            <label className="lang">
              <span className="visually-hidden">{t("nav.language")}</span>
              <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
                <option value="id">Bahasa Indonesia</option>
                <option value="en">English</option>
              </select>
            </label>
            {current ? (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  session.clear();
                  navigate("/");
                }}
              >
                {t("nav.signOut", { name: current.user.full_name })}
              </button>
            ) : (
              <Link to="/masuk">{t("nav.signIn")}</Link>
            )}
          </div>
        </div>
        <nav aria-label={t("nav.label")} className="site-nav">
          <ul>
            {staff ? (
              <>
                <li><NavLink to="/surat" end>{t("nav.letters")}<UnreadBadge boxes={["inbox", "cc"]} testId="unread-letters" /></NavLink></li>
                <li><NavLink to="/surat/baru">{t("nav.newLetter")}</NavLink></li>
                <li><NavLink to="/persetujuan">{t("nav.approvals")}</NavLink></li>
                <li><NotificationBadge /></li>
              </>
            ) : (
              <>
                <li><NavLink to="/kirim">{t("nav.send")}</NavLink></li>
                <li><NavLink to="/lacak">{t("nav.track")}</NavLink></li>
                {current?.user.role === "public" && <li><NavLink to="/pengajuan">{t("nav.mySubmissions")}</NavLink></li>}
              </>
            )}
            {current?.user.role === "operator" && (
              <>
                <li><NavLink to="/operator" end>{t("ops.nav.queue")}</NavLink></li>
                <li><NavLink to="/operator/agenda">{t("ops.nav.register")}<UnreadBadge boxes={["incoming"]} testId="unread-register" /></NavLink></li>
                <li><NavLink to="/operator/pengiriman">{t("ops.nav.dispatch")}</NavLink></li>
              </>
            )}
            {current?.user.role === "employee" && <li><NavLink to="/surat-masuk">{t("ops.nav.incoming")}<UnreadBadge boxes={["dispositions"]} testId="unread-dispositions" /></NavLink></li>}
            {["operator", "admin", "auditor"].includes(current?.user.role ?? "") && <li><NavLink to="/arsip">{t("ops.nav.archive")}</NavLink></li>}
            {current && (staff || readsEveryOrg(current.user)) && <li><NavLink to="/dasbor">{t("admin.nav.dashboard")}</NavLink></li>}
            {current && readsEveryOrg(current.user) && <li><NavLink to="/monev-provinsi">{t("admin.nav.monev")}</NavLink></li>}
            {current?.user.role === "admin" && current.user.org && (
              <>
                <li><NavLink to="/admin/struktur">{t("admin.nav.structure")}</NavLink></li>
                <li><NavLink to="/admin/pengguna">{t("admin.users.nav")}</NavLink></li>
                <li><NavLink to="/admin/kop-surat">{t("letterhead.nav")}</NavLink></li>
              </>
            )}
            {current?.user.role === "admin" && !current.user.org && (
              <>
                <li><NavLink to="/provinsi/perangkat-daerah">{t("admin.nav.orgs")}</NavLink></li>
                <li><NavLink to="/provinsi/klasifikasi">{t("admin.nav.classifications")}</NavLink></li>
                <li><NavLink to="/provinsi/daftar-distribusi">{t("admin.lists.nav")}</NavLink></li>
              </>
            )}
            <li><NavLink to="/verifikasi">{t("nav.verify")}</NavLink></li>
          </ul>
        </nav>
        {staff && <ActingSwitch />}
      </header>
      <main id="main">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>{t("app.footer")}</p>
      </footer>
    </>
  );
}
