import { Link } from "react-router-dom";
import { useI18n } from "@/shared/i18n";
import { Page } from "@/shared/ui/Page";

/** What the office offers, and the three things a citizen comes for. */
export function Home() {
  const { t } = useI18n();
  return (
    <Page title={t("home.title")}>
      <p className="lead">{t("home.lead")}</p>
      <ul className="cards">
        <li className="card">
          <h2><Link to="/kirim">{t("home.sendTitle")}</Link></h2>
          <p>{t("home.sendText")}</p>
        </li>
        <li className="card">
          <h2><Link to="/lacak">{t("home.trackTitle")}</Link></h2>
          <p>{t("home.trackText")}</p>
        </li>
        <li className="card">
          <h2><Link to="/verifikasi">{t("home.verifyTitle")}</Link></h2>
          <p>{t("home.verifyText")}</p>
        </li>
      </ul>
      <h2>{t("home.staffTitle")}</h2>
      <p>
        {t("home.staffText")} <Link to="/masuk">{t("nav.signIn")}</Link>
      </p>
    </Page>
  );
}
