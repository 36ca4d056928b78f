import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "@/shared/api/client";
export { useOrgs, useUnits } from "@/shared/api/directory";
import { useSession } from "@/shared/auth/session";
import type { paths } from "@/shared/api/schema";
import type { MessageKey, Vars } from "@/shared/i18n";
import { postToS3, type PresignedPost } from "@/shared/upload/upload";
import { useRefreshUnread } from "@/shared/unread/unread";

export type Letter = Schemas["LetterOut"];
export type LetterIn = Schemas["LetterIn"];
export type LetterType = Schemas["LetterTypeOut"];
export type Receipt = Schemas["ReadReceiptOut"];
export type Box = "inbox" | "cc" | "drafts" | "review" | "sent";
export const BOXES: Box[] = ["inbox", "cc", "drafts", "review", "sent"];
export const LETTER_TYPES = ["surat_dinas", "nota_dinas", "undangan", "surat_edaran", "surat_tugas", "surat_keputusan", "pengumuman", "surat_keterangan"] as const;
/** A type's name: the eight older types under `letters.type`, the catalogue's newer ones under `letterTypes.name`. */
export function typeName(t: (key: MessageKey, vars?: Vars) => string, code: string): string {
  const key = ((LETTER_TYPES as readonly string[]).includes(code) ? `letters.type.${code}` : `letterTypes.name.${code}`) as MessageKey;
  return t(key);
}
export const SECURITY = ["biasa", "terbatas", "rahasia", "sangat_rahasia"] as const;
export const URGENCY = ["biasa", "segera", "sangat_segera"] as const;
export const PAGE_SIZE = 20;

/** Who is asking, as part of a query key: a Plt / Plh switch shows another position's boxes. */
function useActor() {
  const current = useSession();
  return [current?.user.username, current?.actingFor] as const;
}

export function useBox(box: Box, cursor: string | undefined) {
  return useQuery({
    queryKey: ["letters", box, cursor, ...useActor()],
    queryFn: () => unwrap(api.GET("/letters", { params: { query: { box, limit: PAGE_SIZE, ...(cursor ? { next: cursor } : {}) } } })),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

/** The review steps waiting for me (or for the position I act for), polled so new work shows without a reload. */
export function useApprovals() {
  return useQuery({
    queryKey: ["approvals", ...useActor()],
    queryFn: () => unwrap(api.GET("/approvals", { params: { query: { limit: 100 } } })),
    refetchInterval: 5_000,
  });
}

export function useIncoming(cursor: string | undefined) {
  return useQuery({
    queryKey: ["incoming", cursor, ...useActor()],
    queryFn: () => unwrap(api.GET("/incoming", { params: { query: { limit: PAGE_SIZE, ...(cursor ? { next: cursor } : {}) } } })),
    placeholderData: keepPreviousData,
  });
}

/** The catalogue of letter types with each type's fields as JSON Schema (the same for everyone: cached long). */
export function useLetterTypes() {
  return useQuery({
    queryKey: ["letter-types"],
    queryFn: () => unwrap(api.GET("/letter-types")),
    staleTime: 3_600_000,
  });
}

/** Opening a letter sent to me is my read receipt (the API records it on GET): my unread counts change. */
export function useLetter(id: string) {
  const refreshUnread = useRefreshUnread();
  return useQuery({
    queryKey: ["letter", id, ...useActor()],
    queryFn: async () => {
      const letter = await unwrap(api.GET("/letters/{letter_id}", { params: { path: { letter_id: id } } }));
      refreshUnread();
      return letter;
    },
  });
}

/** Who received a sent letter and when each first opened it (shown to its drafter and signatory). */
export function useReceipts(id: string) {
  return useQuery({
    queryKey: ["receipts", id, ...useActor()],
    queryFn: () => unwrap(api.GET("/letters/{letter_id}/receipts", { params: { path: { letter_id: id } } })),
    refetchInterval: 30_000,
  });
}

export function useTimeline(id: string) {
  return useQuery({
    queryKey: ["timeline", id, ...useActor()],
    queryFn: () => unwrap(api.GET("/letters/{letter_id}/timeline", { params: { path: { letter_id: id } } })),
  });
}

export function useClassifications() {
  return useQuery({ queryKey: ["classifications"], queryFn: () => unwrap(api.GET("/classifications")), staleTime: 5 * 60_000 });
}

export function usePositions(org: string | null | undefined) {
  return useQuery({
    queryKey: ["positions", org],
    queryFn: () => unwrap(api.GET("/orgs/{org}/positions", { params: { path: { org: org! }, query: { limit: 100 } } })),
    enabled: !!org,
    staleTime: 5 * 60_000,
  });
}

export function createLetter(body: LetterIn, idempotencyKey: string) {
  return unwrap(api.POST("/letters", { body, params: { header: { "Idempotency-Key": idempotencyKey } } }));
}

/** Changes a draft read at `version` (a stale version is 409). */
export function updateLetter(id: string, version: number, fields: LetterIn) {
  return unwrap(api.PATCH("/letters/{letter_id}", { params: { path: { letter_id: id } }, body: { version, ...fields, cc: fields.cc ?? [] } }));
}

export function submitLetter(id: string) {
  return unwrap(api.POST("/letters/{letter_id}/submit", { params: { path: { letter_id: id } } }));
}

export function decide(id: string, decision: "approve" | "revise" | "reject", note: string, passphrase?: string, coordinators: string[] = []) {
  return unwrap(
    api.POST("/letters/{letter_id}/decision", {
      params: { path: { letter_id: id } },
      body: { decision, note: note || null, passphrase: passphrase || null, ...(coordinators.length ? { coordinators } : {}) },
    }),
  );
}

/** Positions typed for paraf koordinasi ("BIROUMUM/KARO, SEKRETARIS"): upper-case, each once, blanks dropped. */
export function parseCoordinators(text: string): string[] {
  return [...new Set(text.split(/[,\s]+/).map((c) => c.trim().toUpperCase()).filter(Boolean))];
}

export function attachmentLink(id: string, attachmentId: string) {
  return unwrap(api.GET("/letters/{letter_id}/attachments/{attachment_id}", { params: { path: { letter_id: id, attachment_id: attachmentId } } }));
}

export function pdfLink(id: string) {
  return unwrap(api.GET("/letters/{letter_id}/pdf", { params: { path: { letter_id: id } } }));
}

/** Attach one file to a draft: ask for the upload, send it to S3, confirm it. */
export async function attachToLetter(id: string, file: File, onProgress: (p: number) => void) {
  const answer = await unwrap(
    api.POST("/letters/{letter_id}/attachments", {
      params: { path: { letter_id: id } },
      // The cast works around a name collision in today's OpenAPI components (two schemas named AttachmentIn);
      // the route takes exactly these two fields.
      body: { filename: file.name, content_type: file.type as LetterAttachmentType } as unknown as LetterAttachmentBody,
    }),
  );
  await postToS3(answer.upload as unknown as PresignedPost, file, onProgress);
  return unwrap(
    api.POST("/letters/{letter_id}/attachments/{attachment_id}/confirm", {
      params: { path: { letter_id: id, attachment_id: answer.attachment.id } },
    }),
  );
}
// From the route rather than a component name: component names may change, the route's body is the contract.
type LetterAttachmentBody = NonNullable<paths["/letters/{letter_id}/attachments"]["post"]["requestBody"]>["content"]["application/json"];
type LetterAttachmentType = LetterAttachmentBody["content_type"];
