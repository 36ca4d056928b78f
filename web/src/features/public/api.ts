import { useQuery } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "@/shared/api/client";
import { postToS3 } from "@/shared/upload/upload";

export type Receipt = Schemas["ReceiptOut"];
export type Track = Schemas["TrackOut"];
export type Verification = Schemas["PublicVerificationOut"];

/** Routes that also answer HTML to a browser are typed `string | T`; fetch asks for JSON, so it is T. */
export function json<T>(value: T | string): T {
  if (typeof value === "string") throw new Error("expected JSON, got a page");
  return value;
}
export type SubmissionIn = Schemas["SubmissionIn"];

/** Orgs a citizen can write to. */
export function usePublicOrgs() {
  return useQuery({
    queryKey: ["public-orgs"],
    queryFn: () => unwrap(api.GET("/public/orgs", { params: { query: { limit: 100 } } })),
    staleTime: 5 * 60_000,
  });
}

/** The public status of a tracking code. */
export function useTrack(code: string) {
  return useQuery({
    queryKey: ["track", code],
    queryFn: async () => json(await unwrap(api.GET("/public/track/{code}", { params: { path: { code } } }))),
  });
}

export function submit(body: SubmissionIn, idempotencyKey: string) {
  return unwrap(api.POST("/public/submissions", { body, params: { header: { "Idempotency-Key": idempotencyKey } } }));
}

/** Attach one file to a submission with its secret: ask for the upload, send it to S3, confirm it. */
export async function attachWithSecret(code: string, secret: string, file: File, onProgress: (p: number) => void) {
  const { attachment, upload } = await unwrap(
    api.POST("/public/submissions/{code}/attachments", {
      params: { path: { code } },
      body: { secret, filename: file.name, content_type: file.type, size: file.size },
    }),
  );
  await postToS3(upload as { url: string; fields: Record<string, string> }, file, onProgress);
  return unwrap(
    api.POST("/public/submissions/{code}/attachments/{attachment_id}/confirm", {
      params: { path: { code, attachment_id: attachment.id } },
      body: { secret },
    }),
  );
}

export function resubmit(code: string, secret: string, note: string) {
  return unwrap(
    api.POST("/public/submissions/{code}/resubmit", { params: { path: { code } }, body: { secret, note: note || null, subject: null, body: null } }),
  );
}

export function replyLink(code: string, secret: string) {
  return unwrap(api.POST("/public/submissions/{code}/reply", { params: { path: { code } }, body: { secret } }));
}
