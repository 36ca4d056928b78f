import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { API_BASE, ApiError, api, unwrap, type Schemas } from "@/shared/api/client";
import { session } from "@/shared/auth/session";

export type Letterhead = Schemas["LetterheadOut"];
export type LetterheadIn = Schemas["LetterheadIn"];

const key = (org: string) => ["letterhead", org];

/** The org's letterhead (its own, or the default from the org's details). */
export function useLetterhead(org: string) {
  return useQuery({ queryKey: key(org), queryFn: () => unwrap(api.GET("/orgs/{org}/letterhead", { params: { path: { org } } })) });
}

export function useSaveLetterhead(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LetterheadIn) => unwrap(api.PUT("/orgs/{org}/letterhead", { params: { path: { org } }, body })),
    onSuccess: (saved) => client.setQueryData(key(org), saved),
  });
}

/** The logo goes as the request body itself (image/png or image/jpeg), as the API takes it. */
async function putLogo(org: string, file: File): Promise<Letterhead> {
  const headers: Record<string, string> = { "Content-Type": file.type };
  const token = session.get()?.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`${API_BASE}/orgs/${encodeURIComponent(org)}/letterhead/logo`, { method: "PUT", headers, body: file });
  const body = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(response.status, body);
  return body as Letterhead;
}

export function useUploadLogo(org: string) {
  const client = useQueryClient();
  return useMutation({ mutationFn: (file: File) => putLogo(org, file), onSuccess: (saved) => client.setQueryData(key(org), saved) });
}

export function useRemoveLogo(org: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/orgs/{org}/letterhead/logo", { params: { path: { org } } })),
    onSuccess: (saved) => client.setQueryData(key(org), saved),
  });
}

export interface Preview {
  pdfUrl: string;
  logoSrc?: string;
}

/** A sample letter under the letterhead (a PDF blob URL to download) and the logo as a data URL (CSP allows data: images). */
export async function loadPreview(org: string, logoType?: string): Promise<Preview> {
  const preview = await unwrap(api.GET("/orgs/{org}/letterhead/preview", { params: { path: { org } } }));
  const bytes = Uint8Array.from(atob(preview.pdf_base64), (c) => c.charCodeAt(0));
  const pdfUrl = URL.createObjectURL(new Blob([bytes], { type: "application/pdf" }));
  return { pdfUrl, logoSrc: preview.logo_base64 && logoType ? `data:${logoType};base64,${preview.logo_base64}` : undefined };
}
