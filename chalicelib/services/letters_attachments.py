"""Attachments of a draft: a presigned upload, its check after upload, and short-lived download links."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from chalicelib.adapters.files import check_declared_type, letter_attachment_key
from chalicelib.config_letters import LetterSettings
from chalicelib.domain.errors import NotFound, PayloadTooLarge, ValidationFailed
from chalicelib.domain.identity import Principal
from chalicelib.domain.letters import Attachment
from chalicelib.domain.timefmt import iso, now_wita
from chalicelib.services.letters_common import LetterAccess, Result
from chalicelib.services.letters_ports import FileStore


class Attachments:
    """A draft's files: added and confirmed by the drafter, downloaded by the letter's readers."""

    def __init__(self, access: LetterAccess, settings: LetterSettings, files: FileStore) -> None:
        self.access = access
        self.letter_repo = access.letter_repo
        self.settings = settings
        self.files = files

    def add(self, principal: Principal, letter_id: str, data: dict[str, Any]) -> Result:
        """A pending attachment and a presigned POST limited in size and type (key made by the app)."""
        record = self.access.own_draft(principal, letter_id)
        letter = record.letter
        check_declared_type(data["content_type"])
        if len(letter.attachments) >= self.settings.max_attachments:
            raise ValidationFailed.field("attachments", f"at most {self.settings.max_attachments} per letter")
        attachment = Attachment(id=uuid.uuid4().hex, filename=data["filename"], content_type=data["content_type"])
        upload = self.files.presign_upload(letter_attachment_key(letter.id, attachment.id), attachment.content_type,
                                           self.settings.attachment_max_bytes)
        updated = replace(letter, attachments=[*letter.attachments, attachment], updated_at=iso(now_wita()))
        tx = self.access.transaction()
        self.letter_repo.save(tx, replace(record, letter=updated))
        tx.commit()
        return 201, {"attachment": dict(attachment.__dict__), "upload": upload,
                     "letter_version": letter.version + 1}

    def confirm(self, principal: Principal, letter_id: str, attachment_id: str) -> dict[str, Any]:
        """Check the uploaded object (size, type by content) and record its SHA-256; a bad file is deleted."""
        record = self.access.own_draft(principal, letter_id)
        letter = record.letter
        attachment = next((a for a in letter.attachments if a.id == attachment_id), None)
        if attachment is None:
            raise NotFound("no such attachment")
        if attachment.state == "confirmed":
            return dict(attachment.__dict__)
        key = letter_attachment_key(letter.id, attachment.id)
        try:
            stored = self.files.inspect(key, attachment.content_type, self.settings.attachment_max_bytes)
        except (ValidationFailed, PayloadTooLarge):
            self.files.delete(key)
            raise
        confirmed = replace(attachment, state="confirmed", size=stored.size, sha256=stored.sha256)
        updated = replace(letter, attachments=[confirmed if a.id == attachment.id else a for a in letter.attachments],
                          updated_at=iso(now_wita()))
        tx = self.access.transaction()
        record = self.letter_repo.record_event(tx, record, self.access.event(
            principal, "attachment_added", letter,
            data={"attachment": attachment.id, "filename": attachment.filename, "sha256": stored.sha256}))
        self.letter_repo.save(tx, replace(record, letter=updated))
        tx.commit()
        return dict(confirmed.__dict__)

    def download(self, principal: Principal, letter_id: str, attachment_id: str) -> dict[str, Any]:
        """A short-lived download link, for those who may read the letter."""
        letter = self.access.readable(principal, letter_id).letter
        attachment = next((a for a in letter.attachments if a.id == attachment_id and a.state == "confirmed"), None)
        if attachment is None:
            raise NotFound("no such attachment")
        return self.files.presign_download(letter_attachment_key(letter.id, attachment.id), attachment.filename,
                                           attachment.content_type)
