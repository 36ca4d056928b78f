import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "@/shared/api/client";
import { useSession } from "@/shared/auth/session";
import { postToS3, type PresignedPost } from "@/shared/upload/upload";

export type Submission = Schemas["SubmissionOut"];
export type PaperLetterIn = Schemas["PaperLetterIn"];
export type DispatchVia = Schemas["DispatchedIn"]["via"];
export const VIA: DispatchVia[] = ["pos", "kurir", "langsung", "email_manual", "faksimile"];
export const WAITING = ["received", "resubmitted"] as const;
const QUEUE_SIZE = 100;

function useWho() {
  return useSession()?.user.username;
}

/** The submissions waiting for verification (received and resubmitted), oldest first, polled. */
export function useVerificationQueue() {
  const who = useWho();
  return useQuery({
    queryKey: ["ops-queue", who],
    queryFn: async () => {
      const pages = await Promise.all(
        WAITING.map((status) => unwrap(api.GET("/submissions", { params: { query: { status, limit: QUEUE_SIZE } } }))),
      );
      return oldestFirst(pages.flatMap((p) => p.items));
    },
    refetchInterval: 15_000,
  });
}

/** Oldest first by when the submission last reached the queue (sent, or sent again). */
export function oldestFirst<T extends { updated_at: string; created_at: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.updated_at || a.created_at).localeCompare(b.updated_at || b.created_at));
}

export function useSubmission(id: string) {
  return useQuery({
    queryKey: ["ops-submission", id, useWho()],
    queryFn: () => unwrap(api.GET("/submissions/{submission_id}", { params: { path: { submission_id: id } } })),
  });
}

export function useSubmissionTimeline(id: string) {
  return useQuery({
    queryKey: ["ops-submission-timeline", id, useWho()],
    queryFn: () => unwrap(api.GET("/submissions/{submission_id}/timeline", { params: { path: { submission_id: id } } })),
  });
}

export function submissionAttachment(id: string, attachmentId: string) {
  return unwrap(
    api.GET("/submissions/{submission_id}/attachments/{attachment_id}", { params: { path: { submission_id: id, attachment_id: attachmentId } } }),
  );
}

export function verify(id: string, decision: "accept" | "return" | "reject", note: string) {
  return unwrap(api.POST("/submissions/{submission_id}/verify", { params: { path: { submission_id: id } }, body: { decision, note: note || null } }));
}

/** Registers a paper letter, then sends its scan to S3 and confirms it (a failed upload leaves the letter registered). */
export async function registerPaper(body: PaperLetterIn, scan: File, key: string, onProgress: (p: number) => void) {
  const registered = await unwrap(api.POST("/incoming", { body, params: { header: { "Idempotency-Key": key } } }));
  const attachmentId = String((registered.attachments.at(-1) as { id?: string } | undefined)?.id ?? "");
  const scanOk = await sendScan(registered.id, attachmentId, registered.scan_upload, scan, onProgress);
  return { registered, scanOk };
}

/** A new upload for a refused or missing scan, sent and confirmed. */
export async function replaceScan(incomingId: string, scan: File, key: string, onProgress: (p: number) => void) {
  const answer = await unwrap(
    api.POST("/incoming/{incoming_id}/attachments", {
      params: { path: { incoming_id: incomingId }, header: { "Idempotency-Key": key } },
      body: { filename: scan.name, content_type: scan.type },
    }),
  );
  return sendScan(incomingId, answer.attachment.id, answer.upload, scan, onProgress);
}

async function sendScan(incomingId: string, attachmentId: string, upload: unknown, scan: File, onProgress: (p: number) => void) {
  try {
    await postToS3(upload as PresignedPost, scan, onProgress);
    await unwrap(
      api.POST("/incoming/{incoming_id}/attachments/{attachment_id}/confirm", {
        params: { path: { incoming_id: incomingId, attachment_id: attachmentId } },
      }),
    );
    return true;
  } catch {
    return false;
  }
}

export function useRegister(cursor: string | undefined) {
  return useQuery({
    queryKey: ["ops-register", cursor, useWho()],
    queryFn: () => unwrap(api.GET("/incoming", { params: { query: { limit: 25, ...(cursor ? { next: cursor } : {}) } } })),
    placeholderData: keepPreviousData,
  });
}

/** The org's deliveries by hand: pending (oldest first) or dispatched (newest first). */
export function useDispatchList(state: "pending" | "dispatched", cursor: string | undefined) {
  return useQuery({
    queryKey: ["ops-dispatch", state, cursor, useWho()],
    queryFn: () => unwrap(api.GET("/deliveries", { params: { query: { state, limit: 25, ...(cursor ? { next: cursor } : {}) } } })),
    placeholderData: keepPreviousData,
  });
}

export function markDispatched(letterId: string, deliveryId: string, via: DispatchVia, receipt: string, note: string) {
  return unwrap(
    api.POST("/letters/{letter_id}/deliveries/{delivery_id}/dispatched", {
      params: { path: { letter_id: letterId, delivery_id: deliveryId } },
      body: { via, receipt: receipt || null, note: note || null },
    }),
  );
}
