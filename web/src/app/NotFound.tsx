import { Link } from "react-router-dom";
import { useI18n } from "@/shared/i18n";
import { Page } from "@/shared/ui/Page";

export function NotFound() {
  const { t } = useI18n();
  return (
    <Page title={t("errors.pageNotFound")}>
      <p>
        <Link to="/">{t("nav.home")}</Link>
      </p>
    </Page>
  );
}
