import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema";
import { session } from "@/shared/auth/session";

/** The API lives under /api on the app's own origin (CloudFront /api/* → API Gateway; locally the gateway strips it). */
export const API_BASE = "/api";

const auth: Middleware = {
  onRequest({ request }) {
    const current = session.get();
    if (current?.token) request.headers.set("Authorization", `Bearer ${current.token}`);
    if (current?.actingFor) request.headers.set("X-Acting-For", current.actingFor);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 && session.get()) session.clear();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: API_BASE });
api.use(auth);

export type Schemas = import("./schema").components["schemas"];

/** The API's error shape: {"error": {"code", "message", "details"}}. */
export interface ApiErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

/** An API answer that was not 2xx, with the status and the API's error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | undefined,
  ) {
    super(body?.error?.message ?? `HTTP ${status}`);
  }

  /** Field names the API's details point at (its 400s name each field). */
  fields(): string[] {
    const details = this.body?.error?.details;
    if (!Array.isArray(details)) return [];
    return details
      .map((d) => (d && typeof d === "object" && "field" in d ? String((d as { field: unknown }).field) : ""))
      .filter(Boolean);
  }
}

/** Unwraps an openapi-fetch result: the data, or throws ApiError. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, error as ApiErrorBody);
  return data as T;
}
