import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "@/shared/api/client";
export { useOrgs, useUnits } from "@/shared/api/directory";
import { positionOf, useSession } from "@/shared/auth/session";
import { useRefreshUnread } from "@/shared/unread/unread";

export type Incoming = Schemas["IncomingDetailOut"];
export type Disposition = Schemas["DispositionOut"];
export type DisposeIn = Schemas["DisposeIn"];
export type ForwardIn = Schemas["ForwardIn"];
export type Instruction = DisposeIn["instructions"][number];
export const INSTRUCTIONS: Instruction[] = ["tindak_lanjuti", "pelajari", "hadiri", "siapkan_jawaban", "koordinasikan", "untuk_diketahui", "arsipkan"];

/** Who is asking (a Plt / Plh sees another position's dispositions). */
function useActor() {
  const current = useSession();
  return [current?.user.username, current?.actingFor] as const;
}

/** The position the caller works as: the one they act for, else their own. */
export function useMyPosition(): string | null {
  return positionOf(useSession());
}

export function useIncomingList(cursor: string | undefined) {
  return useQuery({
    queryKey: ["in-list", cursor, ...useActor()],
    queryFn: () => unwrap(api.GET("/incoming", { params: { query: { limit: 25, ...(cursor ? { next: cursor } : {}) } } })),
    placeholderData: keepPreviousData,
  });
}

export function useMyDispositions(cursor: string | undefined) {
  return useQuery({
    queryKey: ["in-mine", cursor, ...useActor()],
    queryFn: () => unwrap(api.GET("/dispositions", { params: { query: { limit: 25, ...(cursor ? { next: cursor } : {}) } } })),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
}

/** Opening an incoming letter as its org (an operator or its addressee) is the sender's read receipt. */
export function useIncoming(id: string) {
  const refreshUnread = useRefreshUnread();
  return useQuery({
    queryKey: ["in-one", id, ...useActor()],
    queryFn: async () => {
      const letter = await unwrap(api.GET("/incoming/{incoming_id}", { params: { path: { incoming_id: id } } }));
      refreshUnread();
      return letter;
    },
  });
}

export function useDocuments(id: string) {
  return useQuery({
    queryKey: ["in-docs", id, ...useActor()],
    queryFn: () => unwrap(api.GET("/incoming/{incoming_id}/documents", { params: { path: { incoming_id: id } } })),
  });
}

export function documentLink(id: string, documentId: string) {
  return unwrap(api.GET("/incoming/{incoming_id}/documents/{document_id}", { params: { path: { incoming_id: id, document_id: documentId } } }));
}

export function useIncomingTimeline(id: string) {
  return useQuery({
    queryKey: ["in-timeline", id, ...useActor()],
    queryFn: () => unwrap(api.GET("/incoming/{incoming_id}/timeline", { params: { path: { incoming_id: id } } })),
  });
}

/** Opening a disposition sent to me marks it read (the API does it on GET). */
export function useDisposition(id: string) {
  const refreshUnread = useRefreshUnread();
  return useQuery({
    queryKey: ["in-disposition", id, ...useActor()],
    queryFn: async () => {
      const disposition = await unwrap(api.GET("/dispositions/{disposition_id}", { params: { path: { disposition_id: id } } }));
      refreshUnread();
      return disposition;
    },
  });
}

/** Forwards (teruskan) a letter to another org's register or a unit of mine; the letter as it is now. */
export function forward(incomingId: string, body: ForwardIn, key: string) {
  return unwrap(
    api.POST("/incoming/{incoming_id}/forward", { params: { path: { incoming_id: incomingId }, header: { "Idempotency-Key": key } }, body }),
  );
}

export function usePositions(org: string | null | undefined) {
  return useQuery({
    queryKey: ["in-positions", org],
    queryFn: () => unwrap(api.GET("/orgs/{org}/positions", { params: { path: { org: org! }, query: { limit: 100 } } })),
    enabled: !!org,
    staleTime: 5 * 60_000,
  });
}

export function dispose(incomingId: string, body: DisposeIn, key: string) {
  return unwrap(
    api.POST("/incoming/{incoming_id}/dispositions", { params: { path: { incoming_id: incomingId }, header: { "Idempotency-Key": key } }, body }),
  );
}

export function complete(id: string, followUp: string, replyLetterId: string | null) {
  return unwrap(
    api.POST("/dispositions/{disposition_id}/done", { params: { path: { disposition_id: id } }, body: { follow_up: followUp, reply_letter_id: replyLetterId } }),
  );
}

export function recall(id: string) {
  return unwrap(api.POST("/dispositions/{disposition_id}/recall", { params: { path: { disposition_id: id } } }));
}

/** Drafts a reply letter to the incoming letter's sender, signed by `signatory`. */
export function draftReply(incomingId: string, body: string, signatory: string, key: string) {
  return unwrap(
    api.POST("/incoming/{incoming_id}/reply", {
      params: { path: { incoming_id: incomingId }, header: { "Idempotency-Key": key } },
      body: { body, signatory, type: "surat_dinas", urgency: "biasa", cc: [], classification: null, security: null, subject: null },
    }),
  );
}

/** A position's title by its code (the code itself until the org's positions are loaded). */
export function usePositionTitle(): (code: string) => string {
  const positions = usePositions(useSession()?.user.org);
  const titles = new Map((positions.data?.items ?? []).map((p) => [p.code, p.title]));
  return (code) => titles.get(code) ?? code;
}
