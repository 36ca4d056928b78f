"""Files in S3: presigned uploads limited in size and type, checks after upload, short-lived downloads.

Keys are made by the app only (`{area}/{record}/{file id}`); a user's file name is kept as metadata
and used only in the download's Content-Disposition, never in a key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import filetype
from botocore.exceptions import ClientError

from chalicelib.adapters import aws
from chalicelib.domain.errors import NotFound, PayloadTooLarge, ValidationFailed

ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "image/jpeg": "jpg",
    "image/png": "png",
}
UPLOAD_URL_SECONDS = 900
DOWNLOAD_URL_SECONDS = 300
_CHUNK = 1024 * 1024
# Every presigned upload lands tagged `upload=pending`; a confirmed one is retagged `upload=confirmed`. The uploads
# bucket's lifecycle rule expires objects still tagged pending after 2 days (abandoned or refused uploads).
UPLOAD_TAG = "upload"
PENDING_TAGGING = f"<Tagging><TagSet><Tag><Key>{UPLOAD_TAG}</Key><Value>pending</Value></Tag></TagSet></Tagging>"


@dataclass(frozen=True)
class StoredFile:
    """What the checks found in an uploaded object."""

    size: int
    content_type: str
    sha256: str


def letter_attachment_key(letter_id: str, attachment_id: str) -> str:
    """An attachment of a letter (files bucket)."""
    return f"letters/{letter_id}/{attachment_id}"


def letter_pdf_key(letter_id: str) -> str:
    """The signed PDF of a letter (archive bucket)."""
    return f"letters/{letter_id}/signed.pdf"


def submission_attachment_key(submission_id: str, attachment_id: str) -> str:
    """An attachment of a public submission (files bucket)."""
    return f"submissions/{submission_id}/{attachment_id}"


def scan_key(incoming_id: str, attachment_id: str) -> str:
    """The scan of a paper letter registered as incoming (files bucket)."""
    return f"incoming/{incoming_id}/{attachment_id}"


def content_disposition(filename: str) -> str:
    """`attachment` naming the user's file safely: an ASCII fallback and the full name RFC 5987-encoded.

    The name is user input: quotes, backslashes, slashes, semicolons, percent signs and anything outside
    printable ASCII cannot reach the header raw (no header injection, no path in the saved name).
    """
    printable = "".join(ch for ch in filename if ch.isprintable())
    name = printable.replace("/", "-").replace("\\", "-").strip()[:200] or "lampiran"
    fallback = "".join(ch if " " <= ch <= "~" and ch not in '"%;' else "_" for ch in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def check_declared_type(content_type: str) -> str:
    """Only PDF, DOCX, XLSX, JPEG and PNG are accepted."""
    if content_type not in ALLOWED_TYPES:
        raise ValidationFailed.field("content_type", f"one of {', '.join(sorted(ALLOWED_TYPES))}")
    return content_type


class FileStore:
    """One bucket's presigned uploads and downloads."""

    def __init__(self, bucket: str, region: str) -> None:
        self.bucket = bucket
        self.region = region

    def _s3(self) -> Any:
        return aws.client("s3", self.region)

    def presign_upload(self, key: str, content_type: str, max_bytes: int) -> dict[str, Any]:
        """A presigned POST for exactly this key and type, at most `max_bytes` long."""
        check_declared_type(content_type)
        post = self._s3().generate_presigned_post(
            Bucket=self.bucket, Key=key,
            Fields={"Content-Type": content_type, "tagging": PENDING_TAGGING},
            Conditions=[{"Content-Type": content_type}, {"tagging": PENDING_TAGGING},
                        ["content-length-range", 1, max_bytes]],
            ExpiresIn=UPLOAD_URL_SECONDS,
        )
        return {"url": post["url"], "fields": post["fields"], "expires_in": UPLOAD_URL_SECONDS, "max_bytes": max_bytes}

    def inspect(self, key: str, declared_type: str, max_bytes: int) -> StoredFile:
        """Check an uploaded object (present, not too large, its type by content, its SHA-256) and tag it confirmed."""
        try:
            head = self._s3().head_object(Bucket=self.bucket, Key=key)
        except ClientError as exc:
            raise NotFound("the file was not uploaded (or the upload expired)", details={"field": "file"}) from exc
        size = int(head["ContentLength"])
        if size > max_bytes:
            raise PayloadTooLarge(f"the file has {size} bytes; at most {max_bytes} are allowed",
                                  details={"field": "file", "size": size, "max_bytes": max_bytes})
        if size == 0:
            raise ValidationFailed.field("file", "the file is empty")
        body = self._s3().get_object(Bucket=self.bucket, Key=key)["Body"]
        digest = hashlib.sha256()
        first = b""
        for chunk in iter(lambda: body.read(_CHUNK), b""):
            if not first:
                first = chunk
            digest.update(chunk)
        kind = filetype.guess(first)
        actual = kind.mime if kind is not None else "unknown"
        if actual != declared_type:
            raise ValidationFailed.field("file", f"the content is {actual}, not the declared {declared_type}")
        # Kept: no longer an abandoned upload for the lifecycle rule.
        self._s3().put_object_tagging(Bucket=self.bucket, Key=key, Tagging={"TagSet": [
            {"Key": UPLOAD_TAG, "Value": "confirmed"}]})
        return StoredFile(size=size, content_type=actual, sha256=digest.hexdigest())

    def delete(self, key: str) -> None:
        """Remove an object (a rejected upload)."""
        self._s3().delete_object(Bucket=self.bucket, Key=key)

    def put(self, key: str, data: bytes, content_type: str) -> None:
        """Store bytes the app made (e.g. a signed PDF)."""
        self._s3().put_object(Bucket=self.bucket, Key=key, Body=data, ContentType=content_type)

    def exists(self, key: str) -> bool:
        """Whether an object is stored under `key` (one HeadObject)."""
        try:
            self._s3().head_object(Bucket=self.bucket, Key=key)
        except ClientError as exc:
            if exc.response["Error"]["Code"] in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True

    def get(self, key: str) -> bytes:
        """Read bytes the app stored."""
        return self._s3().get_object(Bucket=self.bucket, Key=key)["Body"].read()

    def presign_download(self, key: str, filename: str, content_type: str) -> dict[str, Any]:
        """A short-lived GET link that saves under the user's file name."""
        url = self._s3().generate_presigned_url(
            "get_object",
            Params={"Bucket": self.bucket, "Key": key, "ResponseContentType": content_type,
                    "ResponseContentDisposition": content_disposition(filename)},
            ExpiresIn=DOWNLOAD_URL_SECONDS,
        )
        return {"url": url, "expires_in": DOWNLOAD_URL_SECONDS}
