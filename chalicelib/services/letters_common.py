"""What every part of the letters use cases shares: the caller's access to a letter, audit events,
notifications and domain events of a letter, the API view of a letter, and what follows a recorded decision
(the queue entries and timers of what waits next, its notifications, the end of the decided wait's timer).
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from aws_lambda_powertools import Logger

from chalicelib.adapters.dynamo import Transaction
from chalicelib.adapters.notification_repo import position_recipient
from chalicelib.domain.audit import AuditEvent
from chalicelib.domain.distribution_lists import names_lists
from chalicelib.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chalicelib.domain.identity import Principal, require_staff
from chalicelib.domain.letter_records import LetterRecord, OrgStructure
from chalicelib.domain.letters import (
    DELIVERED,
    EDITABLE,
    Decision,
    Letter,
    LetterState,
    Recipient,
    RecipientKind,
    Security,
    addresses_units,
    can_read,
    is_author_side,
    recipient_view,
)
from chalicelib.domain.org import split_ref
from chalicelib.domain.timefmt import iso, now_wita
from chalicelib.services.audited import SYSTEM, actor_fields
from chalicelib.services.letters_ports import (
    CounterRepo,
    EventPublisher,
    LetterRepo,
    NotificationRepo,
    OrgRepo,
    Transactions,
    Workflow,
)
from chalicelib.services.monitoring import ReviewCounters

logger = Logger(child=True)
Result = tuple[int, dict[str, Any]]
RECORD_TYPE = "letter"
__all__ = ["SYSTEM", "Followup", "LetterAccess", "Notice", "Wait", "end_wait", "letter_view", "proceed"]
VERIFICATION_CODE_BYTES = 15  # 120 random bits, 24 base32 characters: not guessable, short enough for a QR code


def new_verification_code() -> str:
    """An unguessable code printed in the QR of a signed letter."""
    return base64.b32encode(secrets.token_bytes(VERIFICATION_CODE_BYTES)).decode()


def letter_view(letter: Letter) -> dict[str, Any]:
    """A letter as the API shows it (with the chain and each step's state)."""
    return {
        "id": letter.id, "org": letter.org, "type": letter.type.value, "classification": letter.classification,
        "subject": letter.subject, "body": letter.body, "fields": letter.fields,
        "addressees": [recipient_view(r) for r in letter.addressees], "cc": [recipient_view(r) for r in letter.cc],
        "signatory": letter.signatory, "on_behalf_of": letter.on_behalf_of, "by_order_of": letter.by_order_of,
        "security": letter.security.value, "urgency": letter.urgency.value, "drafter": letter.drafter,
        "drafter_position": letter.drafter_position, "state": letter.state.value, "version": letter.version,
        "round": letter.round,
        "in_reply_to": letter.in_reply_to,
        "chain": [{"index": s.index, "kind": s.kind.value, "position": s.position, "title": s.title,
                   "level": s.level.value, "state": s.state.value, "escalated_to": s.escalated_to,
                   "decision": s.decision.value if s.decision else None, "decided_by": s.decided_by,
                   "note": s.note, "decided_at": s.decided_at,
                   "paraf": [{"position": p.position, "title": p.title, "state": p.state.value,
                              "decision": p.decision.value if p.decision else None, "decided_by": p.decided_by,
                              "note": p.note, "decided_at": p.decided_at} for p in s.paraf]} for s in letter.steps],
        "attachments": [dict(a.__dict__) for a in letter.attachments],
        "number": letter.number, "signed_at": letter.signed_at, "content_hash": letter.content_hash,
        "signature": letter.signature, "verification_code": letter.verification_code,
        "signed_by": _signed_by(letter),
        "pdf": {"sha256": letter.pdf_sha256, "pages": letter.pdf_pages} if letter.pdf_sha256 else None,
        "created_at": letter.created_at, "updated_at": letter.updated_at,
    }


def _signed_by(letter: Letter) -> dict[str, Any] | None:
    """The signature block as signed (title, name, NIP; how an acting holder acted)."""
    if not letter.signed_document:
        return None
    signer = letter.signed_document["signatory"]
    return {"position": signer["position"], "title": signer["title"], "name": signer.get("name"),
            "nip": signer.get("nip"), "acting": signer.get("acting")}


def acting_row(row: dict[str, Any], box: str) -> dict[str, Any]:
    """A box row shown to an acting holder: a secret letter without its subject, unless it waits in review."""
    if box != "review" and Security(row["security"]).secret:
        return {**row, "subject": None, "redacted": True}
    return dict(row)


def _reached_through_a_list(record: LetterRecord, principal: Principal) -> bool:
    """A position of the own org that a sent letter reached as a member of a distribution list (the letter keeps
    the list as written; the expanded positions are in what signing prepared).
    """
    letter, prepared = record.letter, record.prepared or {}
    return (letter.state in DELIVERED and principal.org == letter.org and principal.position is not None
            and not letter.security.secret and names_lists(letter)
            and principal.position in {*prepared.get("inbox", []), *prepared.get("cc", [])})


def recipients_of(raw: list[dict[str, Any]]) -> list[Recipient]:
    """Recipients as parsed from the request body."""
    return [Recipient(kind=RecipientKind(r["kind"]), code=r.get("code"), name=r.get("name"),
                      address=r.get("address"), email=r.get("email")) for r in raw]


def check_recipients(field: str, recipients: list[Recipient], structure: OrgStructure) -> None:
    """Positions and units must exist in the own org; an org is another org (checked at submit)."""
    for i, r in enumerate(recipients):
        where = f"{field}.{i}.code"
        if r.kind is RecipientKind.POSITION and r.code not in structure.positions:
            raise ValidationFailed.field(where, f"no position {r.code} in {structure.org.code}")
        if r.kind is RecipientKind.UNIT and r.code not in structure.units:
            raise ValidationFailed.field(where, f"no unit {r.code} in {structure.org.code}")
        if r.kind is RecipientKind.ORG and r.code == structure.org.code:
            raise ValidationFailed.field(where, "address units or positions of your own org, not the org itself")


def outcome(letter: Letter, step_index: int, decision: Decision, delivered: bool) -> dict[str, Any]:
    """The answer to a decision."""
    return {"letter_id": letter.id, "round": letter.round, "step": step_index, "decision": decision.value,
            "state": letter.state.value, "number": letter.number, "delivered": delivered}


def end_wait(workflow: Workflow, name: str, why: str) -> bool:
    """Stop the timer of a wait that ended (decided, closed): its execution `name` (one that ended already, or
    never started, is left); False when the stop failed (the timer's next overdue announcement ends it then).
    """
    try:
        workflow.stop(name, why)
    except Exception:  # noqa: BLE001 - recorded already; the same decision sent again, or the deadline, stops it
        logger.exception("wait ended but its timer not stopped", extra={"execution": name})
        return False
    return True


Wait = tuple[str, dict[str, Any]]  # the timer of one wait: its execution's name and input (the item as `step`)


@dataclass(frozen=True)
class Notice:
    """A notification a recorded decision asks for, written after its commit once: its key names the wait it is
    about (`{letter}#{round}#{step}`, a paraf `…#{position}`), its type and its recipient, so whichever path
    writes it — the decision, the same decision sent again, the decided wait's overdue reaction — writes it once.
    """

    position: str  # a position of the letter's org, or of another org as `ORG/CODE`
    type: str
    title: str
    about: str
    at: str  # when the decision was recorded: the same on every path


def wait_key(letter: Letter, index: int, paraf: str | None = None) -> str:
    """What a notice is about: step `index` of the letter's current round, or a paraf koordinasi asked on it."""
    return f"{letter.id}#{letter.round}#{index}" + (f"#{paraf}" if paraf else "")


@dataclass(frozen=True)
class Followup:
    """What follows a recorded decision after its commit: its notifications, then the waits it starts."""

    letter: Letter
    notices: Sequence[Notice] = ()
    waits: Sequence[Wait] = ()


def proceed(access: LetterAccess, workflow: Workflow, followup: Followup, decided: str | None) -> bool:
    """After a recorded decision: put the steps that wait next in their holders' approval queues (a paraf
    koordinasi entered its queue in the Put of the approval asking it), write the decision's notifications (each
    once), start the timers of what waits next, then stop the timer of the decided wait (execution `decided`).
    The timer is stopped only once all of that succeeded: a write or a start that failed leaves it running, so
    the same decision sent again, or its overdue announcement, does it again (a queue entry keeps its first
    time, a notification is written once, a name is started once). True when all of it is done.
    """
    try:
        for _, payload in followup.waits:
            if payload["step"]["kind"] != "paraf":
                access.letter_repo.enter_queue(payload["step"])
        access.tell(followup.letter, followup.notices)
    except Exception:  # noqa: BLE001 - recorded already; retried by the same decision or at the deadline
        logger.exception("decision recorded but what follows not written", extra={"letter_id": followup.letter.id})
        return False
    for name, payload in followup.waits:
        try:
            workflow.start(name, payload)
        except Exception:  # noqa: BLE001 - recorded already; retried by the same decision or at the deadline
            logger.exception("decision recorded but what waits next not started", extra={"execution": name})
            return False
    return decided is None or end_wait(workflow, decided, "decided")


class LetterAccess:
    """Who may touch a letter, and the audit events, notifications and domain events its use cases write."""

    def __init__(self, letter_repo: LetterRepo, org_repo: OrgRepo, notification_repo: NotificationRepo,
                 events: EventPublisher, counter_repo: CounterRepo, transactions: Transactions = Transaction) -> None:
        self.letter_repo = letter_repo
        self.org_repo = org_repo
        self.notification_repo = notification_repo
        self.events = events
        self.counters = ReviewCounters(counter_repo)
        self.transaction = transactions

    @staticmethod
    def seated(principal: Principal) -> tuple[str, str]:
        """Letters are drafted and decided by staff holding a position of an org."""
        require_staff(principal)
        if not principal.org or not principal.position:
            raise Forbidden("letters are handled by staff holding a position")
        return principal.org, principal.position

    def readable(self, principal: Principal, letter_id: str) -> LetterRecord:
        """The letter if the caller may read it; otherwise 404, so ids leak nothing."""
        require_staff(principal)
        record = self.letter_repo.get(letter_id)
        letter = record.letter
        unit = None
        if (principal.org == letter.org and principal.position and addresses_units(letter)
                and not is_author_side(letter, principal.position)):
            try:
                unit = self.org_repo.get_position(letter.org, principal.position).unit
            except NotFound:
                unit = None
        if not can_read(letter, principal, unit) and not _reached_through_a_list(record, principal):
            raise NotFound("no such letter")
        return record

    def own_draft(self, principal: Principal, letter_id: str) -> LetterRecord:
        """A letter the caller drafted, still editable."""
        record = self.readable(principal, letter_id)
        if principal.org != record.letter.org or principal.position != record.letter.drafter_position:
            raise Forbidden("only the drafter changes a letter")
        if record.letter.state not in EDITABLE:
            raise Conflict(f"a letter in state {record.letter.state.value} cannot be changed",
                           details={"state": record.letter.state.value})
        return record

    @staticmethod
    def event(principal: Principal, action: str, letter: Letter, to_state: LetterState | None = None,
              note: str | None = None, data: dict[str, Any] | None = None, at: str | None = None) -> AuditEvent:
        """An audit event of `letter` by `principal` (the repository places it in the letter's trail)."""
        return AuditEvent(record="", seq=0, at=at or iso(now_wita()), actor=principal.username,
                          action=action, from_state=letter.state.value, to_state=(to_state or letter.state).value,
                          note=note, **actor_fields(principal, data))

    def notify(self, tx: Transaction, org: str, positions: list[str], type_: str, title: str, letter: Letter) -> None:
        """Notifications of `letter` to positions of `org` (or of another org, named `ORG/CODE`), added to `tx`."""
        self.notification_repo.add(tx, [position_recipient(*split_ref(p, org)) for p in positions if p], type=type_,
                                   title=title, body=letter.subject, record_type=RECORD_TYPE, record_id=letter.id)

    def notify_once(self, position: str, key: str, type_: str, title: str, letter: Letter, at: str) -> bool:
        """A notification of `letter` to a position of its org (or of another org, named `ORG/CODE`), written once
        for `key` (outside a transaction); False when it was written before.
        """
        return self.notification_repo.add_once(position_recipient(*split_ref(position, letter.org)), key, at,
                                               type=type_, title=title, body=letter.subject,
                                               record_type=RECORD_TYPE, record_id=letter.id)

    def tell(self, letter: Letter, notices: Sequence[Notice]) -> None:
        """Write a recorded decision's notifications, each once (one conditional Put each)."""
        for notice in notices:
            self.notify_once(notice.position, f"{notice.about}#{notice.type}#{notice.position}", notice.type,
                             notice.title, letter, notice.at)

    def publish(self, type_: str, letter: Letter, **data: Any) -> None:
        """A domain event of `letter` (after its commit)."""
        self.events.publish(type_, letter.org, letter.id, {"state": letter.state.value, **data})
