"""Use cases of incoming letters: an org's register (list, read) and paper letters registered with a scan."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from typing import Any

from chalicelib.adapters import sequences
from chalicelib.adapters.disposition_repo import DispositionRepository
from chalicelib.adapters.dynamo import Transaction
from chalicelib.adapters.events import EventPublisher
from chalicelib.adapters.files import FileStore, check_declared_type
from chalicelib.adapters.incoming_repo import IncomingRepository
from chalicelib.adapters.notification_repo import NotificationRepository, position_recipient
from chalicelib.adapters.org_repo import OrgRepository
from chalicelib.domain.dispositions import Disposition
from chalicelib.domain.errors import Conflict, Forbidden, ValidationFailed
from chalicelib.domain.identity import Principal, Role, require_role
from chalicelib.domain.incoming import IncomingLetter, IncomingSource, head_of
from chalicelib.services.common import commit_create, page_view
from chalicelib.services.verification import org_positions

MAX_SCAN_BYTES = 20 * 1024 * 1024
INTERNAL = ("audit_seq", "audit_head")


def incoming_view(letter: IncomingLetter) -> dict[str, Any]:
    """An incoming letter as its org's staff see it."""
    return {k: v for k, v in asdict(letter).items() if k not in INTERNAL}


def disposition_view(disposition: Disposition) -> dict[str, Any]:
    """A disposition as its sender and recipient see it."""
    return {k: v for k, v in asdict(disposition).items() if k not in INTERNAL}


def scan_key(incoming_id: str, attachment_id: str) -> str:
    """S3 key of a registered letter's scan."""
    return f"incoming/{incoming_id}/{attachment_id}"


def require_org_staff(principal: Principal, org: str) -> None:
    """An org's incoming register is read by its operators and employees (403 for another org)."""
    require_role(principal, Role.OPERATOR, Role.EMPLOYEE)
    if principal.org != org:
        raise Forbidden("this incoming letter belongs to another org", details={"org": org})


class IncomingService:
    """The incoming register of an org."""

    def __init__(self, repo: IncomingRepository, dispositions: DispositionRepository, orgs: OrgRepository,
                 notifications: NotificationRepository, files: FileStore, events: EventPublisher) -> None:
        self.repo = repo
        self.dispositions = dispositions
        self.orgs = orgs
        self.notifications = notifications
        self.files = files
        self.events = events

    def list(self, principal: Principal, state: str | None, limit: int, cursor: str | None) -> dict[str, Any]:
        """The caller's org's incoming letters, newest first, optionally in one state."""
        require_org_staff(principal, str(principal.org))
        return page_view(self.repo.list(str(principal.org), state, limit, cursor), incoming_view)

    def get(self, principal: Principal, incoming_id: str) -> dict[str, Any]:
        """One incoming letter with its dispositions (two calls)."""
        letter = self.repo.get(incoming_id)
        require_org_staff(principal, letter.org)
        return {**incoming_view(letter),
                "dispositions": [disposition_view(d) for d in self.dispositions.list_of(incoming_id)]}

    def register_paper(self, principal: Principal, data: dict[str, Any],
                       idempotency_key: str | None) -> tuple[int, dict[str, Any]]:
        """An operator registers a paper letter; the answer carries a presigned upload for its scan."""
        require_role(principal, Role.OPERATOR)
        try:
            check_declared_type(data["scan_content_type"])
        except ValidationFailed as exc:
            raise ValidationFailed.field("scan_content_type", exc.details[0]["message"]) from exc
        org = str(principal.org)

        def use_case() -> tuple[int, dict[str, Any]]:
            head = head_of(org_positions(self.orgs, org))
            if head is None:
                raise Conflict(f"{org} has no head position to receive letters")
            attachment = {"id": uuid.uuid4().hex, "filename": data["scan_filename"],
                          "content_type": data["scan_content_type"], "status": "pending"}
            tx = Transaction()
            letter = self.repo.register(
                tx, org=org, source=IncomingSource.PAPER, source_ref=None, sender_name=data["sender_name"],
                sender_org=data.get("sender_org"), subject=data["subject"], actor=principal.username,
                actor_position=principal.position, letter_number=data.get("letter_number"),
                letter_date=data.get("letter_date"), classification=data.get("classification"),
                security=data["security"], urgency=data["urgency"], addressed_to=head.code, attachments=[attachment])
            self.notifications.add(tx, [position_recipient(org, head.code)], type="incoming.registered",
                                   title=f"Surat masuk {letter.agenda_number}", body=letter.subject,
                                   record_type="incoming", record_id=letter.id)
            upload = self.files.presign_upload(scan_key(letter.id, attachment["id"]), attachment["content_type"],
                                               MAX_SCAN_BYTES)
            response = {**incoming_view(letter), "scan_upload": upload}
            result = commit_create(tx, scope=principal.username, idempotency_key=idempotency_key, request=data,
                                   response=response)
            if result[1]["id"] == letter.id:
                self.events.publish("incoming.registered", org, letter.id, {"source": IncomingSource.PAPER.value})
            return result

        return sequences.with_retries(use_case)
