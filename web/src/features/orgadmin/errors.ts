import { ApiError } from "@/shared/api/client";

/** The field an API error points at: its details are a list of `{field}` (400) or one `{field}` (409). */
export function errorField(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const details = error.body?.error?.details as unknown;
  if (details && typeof details === "object" && !Array.isArray(details) && "field" in details) return String((details as { field: unknown }).field);
  return error.fields()[0];
}
