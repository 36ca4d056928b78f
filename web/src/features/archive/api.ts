import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { API_BASE, api, ApiError, unwrap } from "@/shared/api/client";
import { session, useSession } from "@/shared/auth/session";
import type { RecordTrail } from "@/shared/ui/ChainTimeline";

export interface ArchiveFilters {
  org?: string;
  q?: string;
  kind?: "letter" | "incoming";
  from?: string;
  to?: string;
}

/** The filters as the API's query (empty ones left out). */
export function toQuery(filters: ArchiveFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => typeof v === "string" && v.trim() !== "").map(([k, v]) => [k, String(v).trim()]));
}

/** "letter-abc" / "incoming-abc" → the kind and id (the archive's record handle). */
export function parseRecord(record: string): { kind: "letter" | "incoming"; id: string } | null {
  const match = /^(letter|incoming)-(.+)$/.exec(record);
  return match ? { kind: match[1] as "letter" | "incoming", id: match[2] } : null;
}

function useWho() {
  return useSession()?.user.username;
}

export function useArchive(filters: ArchiveFilters, cursor: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ["archive", filters, cursor, useWho()],
    queryFn: () => unwrap(api.GET("/archive", { params: { query: { ...toQuery(filters), limit: 25, ...(cursor ? { next: cursor } : {}) } as never } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useRetentionDue(org: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ["archive-due", org, useWho()],
    queryFn: () => unwrap(api.GET("/archive/retention-due", { params: { query: { limit: 25, ...(org ? { org } : {}) } } })),
    enabled,
  });
}

export function useOrgList(enabled: boolean) {
  return useQuery({
    queryKey: ["archive-orgs"],
    queryFn: () => unwrap(api.GET("/orgs", { params: { query: { limit: 100 } } })),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useRecordTimeline(kind: "letter" | "incoming", id: string) {
  return useQuery({
    queryKey: ["archive-trail", kind, id, useWho()],
    queryFn: (): Promise<RecordTrail> =>
      kind === "letter"
        ? unwrap(api.GET("/letters/{letter_id}/timeline", { params: { path: { letter_id: id } } }))
        : unwrap(api.GET("/incoming/{incoming_id}/timeline", { params: { path: { incoming_id: id } } })),
  });
}

export function legalHold(record: string, hold: boolean, note: string) {
  return unwrap(api.POST("/archive/{record}/legal-hold", { params: { path: { record } }, body: { hold, note: note || null } }));
}

/** Downloads the CSV of the same search (the API answers text/csv; the token goes in the header, not the URL). */
export async function exportCsv(filters: ArchiveFilters): Promise<void> {
  const query = new URLSearchParams(toQuery(filters)).toString();
  const current = session.get();
  const response = await fetch(`${API_BASE}/archive/export${query ? `?${query}` : ""}`, {
    headers: current ? { Authorization: `Bearer ${current.token}` } : {},
  });
  if (!response.ok) throw new ApiError(response.status, undefined);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = "arsip.csv";
  link.click();
  URL.revokeObjectURL(url);
}
