/** Files sent straight to S3 with the presigned POST the API hands out, with progress. */

export const ACCEPTED_TYPES: Record<string, string> = {
  "application/pdf": "PDF",
  "image/jpeg": "JPEG",
  "image/png": "PNG",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
};
export const MAX_BYTES = 10 * 1024 * 1024;

export type FileProblem = "type" | "size" | "empty";

/** Why a file cannot be sent, checked before asking the API (which checks again after the upload). */
export function fileProblem(file: File): FileProblem | null {
  if (!(file.type in ACCEPTED_TYPES)) return "type";
  if (file.size === 0) return "empty";
  if (file.size > MAX_BYTES) return "size";
  return null;
}

export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
}

/** POSTs the file to S3 with the presigned fields; onProgress gets 0..100. Resolves when S3 accepted it. */
export function postToS3(target: PresignedPost, file: File, onProgress: (percent: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(target.fields)) form.append(name, value);
    form.append("file", file);
    const request = new XMLHttpRequest();
    request.open("POST", target.url);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(100);
        resolve();
      } else reject(new Error(`S3 ${request.status}`));
    };
    request.onerror = () => reject(new Error("network"));
    request.send(form);
  });
}
