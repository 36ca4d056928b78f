import { ApiError } from "@/shared/api/client";
import { useI18n } from "@/shared/i18n";
import { Notice } from "./Notice";

/** A failed load in plain words: not found, not allowed, or try again. */
export function QueryError({ error }: { error: unknown }) {
  const { t } = useI18n();
  const status = error instanceof ApiError ? error.status : 0;
  const text =
    status === 404 ? t("errors.notFound") : status === 403 ? t("errors.forbidden") : status === 401 ? t("errors.signIn") : t("errors.generic");
  return <Notice kind="error">{text}</Notice>;
}
