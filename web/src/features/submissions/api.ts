import { api, unwrap } from "@/shared/api/client";
import { postToS3 } from "@/shared/upload/upload";

/** The owner's version (signed in, no secret): attach one file to my submission. */
export async function attachAsOwner(code: string, file: File, onProgress: (p: number) => void) {
  const { attachment, upload } = await unwrap(
    api.POST("/me/submissions/{code}/attachments", {
      params: { path: { code } },
      body: { filename: file.name, content_type: file.type, size: file.size },
    }),
  );
  await postToS3(upload as { url: string; fields: Record<string, string> }, file, onProgress);
  return unwrap(api.POST("/me/submissions/{code}/attachments/{attachment_id}/confirm", { params: { path: { code, attachment_id: attachment.id } } }));
}

export function resubmitAsOwner(code: string, note: string) {
  return unwrap(api.POST("/me/submissions/{code}/resubmit", { params: { path: { code } }, body: { note: note || null, subject: null, body: null } }));
}

export function replyLinkAsOwner(code: string) {
  return unwrap(api.GET("/me/submissions/{code}/reply", { params: { path: { code } } }));
}
