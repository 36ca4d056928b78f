import { useI18n } from "@/shared/i18n";

/** What a reader sees while data loads. */
export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t("common.loading")}
    </p>
  );
}
