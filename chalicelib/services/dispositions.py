"""Use cases of dispositions: dispose down the hierarchy, open (marks read), complete, recall, overdue (listed and
swept hourly into notifications).
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime
from typing import Any

from chalicelib.adapters.dynamo import Transaction
from chalicelib.adapters.notification_repo import position_recipient
from chalicelib.domain.dispositions import (
    Disposition,
    DispositionKind,
    DispositionState,
    DueMarker,
    check_deadline,
    check_done,
    check_peers,
    check_recall,
    check_redispose,
    check_targets,
    incoming_state_after,
    require_party,
    require_recipient,
)
from chalicelib.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chalicelib.domain.events import Event
from chalicelib.domain.identity import Principal, Role, require_role
from chalicelib.domain.incoming import IncomingLetter, IncomingState, head_of, may_read, with_readers
from chalicelib.domain.org import Position
from chalicelib.domain.submissions import PublicStatus, timeline_entry
from chalicelib.domain.timefmt import iso, now_wita
from chalicelib.services.audited import SYSTEM, audit_event
from chalicelib.services.common import commit_create, page_view
from chalicelib.services.incoming import announce_answer, disposition_view, record_answer
from chalicelib.services.intake_ports import (
    DispositionRepo,
    Events,
    IncomingRepo,
    LetterReader,
    NewTransaction,
    NotificationRepo,
    OrgRepo,
    SubmissionRepo,
)
from chalicelib.services.verification import org_positions


def require_position(principal: Principal) -> None:
    """Dispositions are between positions: the caller must be an employee holding one."""
    require_role(principal, Role.EMPLOYEE)
    if not (principal.org and principal.position):
        raise Forbidden("you hold no position")


class DispositionService:
    """Dispositions of an org's incoming letters."""

    def __init__(self, disposition_repo: DispositionRepo, incoming_repo: IncomingRepo,
                 submission_repo: SubmissionRepo, org_repo: OrgRepo, notification_repo: NotificationRepo,
                 events: Events, letter_repo: LetterReader, new_tx: NewTransaction = Transaction) -> None:
        self.disposition_repo = disposition_repo
        self.incoming_repo = incoming_repo
        self.letter_repo = letter_repo
        self.submission_repo = submission_repo
        self.org_repo = org_repo
        self.notification_repo = notification_repo
        self.events = events
        self.new_tx = new_tx

    def dispose(self, principal: Principal, incoming_id: str, data: dict[str, Any],
                idempotency_key: str | None) -> tuple[int, dict[str, Any]]:
        """Instruct positions below the caller about an incoming letter (its addressee, or a recipient further), or
        ask peers to coordinate on it (`kind` coordination).
        """
        letter, positions = self._disposable(principal, incoming_id)
        parent = self._parent(principal, letter, data.get("parent_id"), positions)
        kind = DispositionKind(data.get("kind") or DispositionKind.INSTRUCTION.value)
        check_rule = check_peers if kind is DispositionKind.COORDINATION else check_targets
        check_rule(str(principal.position), data["to"], positions)
        now = now_wita()
        deadline = data["deadline"] if isinstance(data["deadline"], datetime) else datetime.fromisoformat(data["deadline"])
        check_deadline(deadline, now)
        at = iso(now)
        tx = self.new_tx()
        created = [self._assign(tx, principal, letter, parent, code, data, iso(deadline), at, kind)
                   for code in data["to"]]
        title = "Disposisi koordinasi" if kind is DispositionKind.COORDINATION else "Disposisi"
        self.notification_repo.add(tx, [position_recipient(letter.org, code) for code in data["to"]],
                                   type="disposition.assigned", title=f"{title} {letter.agenda_number}",
                                   body=letter.subject, record_type="disposition", record_id=created[0].id)
        open_count = letter.open_dispositions + len(created)
        state = incoming_state_after(letter.state, open_count, letter.done_dispositions, further=parent is not None)
        self.incoming_repo.save(tx, replace(letter, open_dispositions=open_count, state=state,
                                            readers=with_readers(letter, data["to"])), audit_event(
            principal, "disposed", at, from_state=letter.state.value, to_state=state.value,
            data={"dispositions": [d.id for d in created], "to": data["to"], "kind": kind.value}))
        self._forward_publicly(tx, letter, data["to"], positions, at)
        response = {"items": [disposition_view(d) for d in created]}
        status, body = commit_create(tx, scope=principal.username, idempotency_key=idempotency_key,
                                     request={"incoming_id": incoming_id, **data}, response=response)
        if body is response:
            for d in created:
                self.events.publish(Event.DISPOSITION_ASSIGNED, d.org, d.id, {"incoming_id": d.incoming_id,
                                                                          "to_position": d.to_position})
        return status, body

    def _disposable(self, principal: Principal, incoming_id: str) -> tuple[IncomingLetter, dict[str, Position]]:
        """The letter and its org's positions, when the caller is an employee of its org who may read it."""
        require_position(principal)
        letter = self.incoming_repo.get(incoming_id)
        if letter.org != principal.org:
            raise Forbidden("this incoming letter belongs to another org", details={"org": letter.org})
        positions = org_positions(self.org_repo, letter.org)
        if not may_read(letter, principal, letter.addressed_to or getattr(head_of(positions), "code", None)):
            raise NotFound("no such incoming letter")
        return letter, positions

    def _assign(self, tx: Transaction, principal: Principal, letter: IncomingLetter, parent: Disposition | None,
                code: str, data: dict[str, Any], deadline: str, at: str, kind: DispositionKind) -> Disposition:
        """One new disposition to position `code`, with its first audit event, in `tx`."""
        disposition = Disposition(
            id=uuid.uuid4().hex, incoming_id=letter.id, org=letter.org, parent_id=parent.id if parent else None,
            from_position=str(principal.position), from_user=principal.username, to_position=code,
            instructions=[str(i) for i in data["instructions"]], note=data.get("note"), deadline=deadline,
            created_at=at, subject=letter.subject, agenda_number=letter.agenda_number, kind=kind)
        return self.disposition_repo.add(tx, disposition, audit_event(
            principal, "assigned", at, to_state=DispositionState.ASSIGNED.value,
            data={"to": code, "instructions": disposition.instructions, "deadline": disposition.deadline,
                  "kind": disposition.kind.value}))

    def _forward_publicly(self, tx: Transaction, letter: IncomingLetter, to: list[str],
                          positions: dict[str, Position], at: str) -> None:
        """A public sender's tracking shows the letter forwarded to the units of the positions disposed to."""
        if not letter.tracking_code:
            return
        units = {unit for code in to if (unit := positions[code].unit)}
        names = {u.code: u.name for u in self.org_repo.list_units(letter.org, 1000, None).items}
        self.submission_repo.add_to_timeline(tx, letter.tracking_code, timeline_entry(
            at, PublicStatus.FORWARDED, unit=", ".join(sorted(names.get(u, u) for u in units)) or None))

    def _parent(self, principal: Principal, letter: IncomingLetter, parent_id: str | None,
                positions: dict[str, Position]) -> Disposition | None:
        if parent_id is None:
            addressee = letter.addressed_to or getattr(head_of(positions), "code", None)
            if principal.position != addressee:
                raise Forbidden("only the addressee of the letter disposes it first; others dispose a disposition "
                                "they received (parent_id)", details={"field": "parent_id"})
            return None
        parent = self.disposition_repo.get(parent_id)
        if parent.incoming_id != letter.id:
            raise ValidationFailed.field("parent_id", "a disposition of this incoming letter")
        require_recipient(principal, parent)
        check_redispose(parent)
        return parent

    def list_mine(self, principal: Principal, overdue: bool, limit: int, cursor: str | None) -> dict[str, Any]:
        """Dispositions to my position, newest first; or my open ones past their deadline."""
        require_position(principal)
        org, position = str(principal.org), str(principal.position)
        if overdue:
            page = self.disposition_repo.list_overdue(org, position, iso(now_wita()), limit, cursor)
        else:
            page = self.disposition_repo.list_to(org, position, limit, cursor)
        return page_view(page, disposition_view)

    def open(self, principal: Principal, disposition_id: str) -> dict[str, Any]:
        """One disposition; its recipient opening it marks it read."""
        disposition = self.disposition_repo.get(disposition_id)
        require_party(principal, disposition)
        if principal.position == disposition.to_position and disposition.state is DispositionState.ASSIGNED:
            at = iso(now_wita())
            tx = self.new_tx()
            disposition = self.disposition_repo.save(
                tx, replace(disposition, state=DispositionState.READ, read_at=at),
                audit_event(principal, "read", at, from_state=DispositionState.ASSIGNED.value,
                            to_state=DispositionState.READ.value))
            tx.commit()
        return disposition_view(disposition)

    def complete(self, principal: Principal, disposition_id: str, data: dict[str, Any]) -> dict[str, Any]:
        """Finish a disposition with a follow-up note and optionally the reply letter drafted for it."""
        disposition = self.disposition_repo.get(disposition_id)
        require_recipient(principal, disposition)
        check_done(disposition)
        if data.get("reply_letter_id"):
            self._check_reply(data["reply_letter_id"], disposition.incoming_id)
        letter = self.incoming_repo.get(disposition.incoming_id)
        at = iso(now_wita())
        tx = self.new_tx()
        done = self.disposition_repo.save(tx, replace(disposition, state=DispositionState.DONE, done_at=at,
                                                      done_by=principal.username, follow_up=data["follow_up"],
                                                      read_at=disposition.read_at or at,
                                                      reply_letter_id=data.get("reply_letter_id")),
                                          audit_event(principal, "done", at, from_state=disposition.state.value,
                                                      to_state=DispositionState.DONE.value, note=data["follow_up"],
                                                      data={"reply_letter_id": data.get("reply_letter_id")}))
        answered = self._close(tx, principal, letter, at, done=True)
        self.notification_repo.add(tx, [position_recipient(done.org, done.from_position)], type="disposition.done",
                                   title=f"Disposisi selesai {done.agenda_number}", body=data["follow_up"][:200],
                                   record_type="disposition", record_id=done.id)
        tx.commit()
        self.events.publish(Event.DISPOSITION_DONE, done.org, done.id, {"incoming_id": done.incoming_id,
                                                                    "reply_letter_id": done.reply_letter_id})
        if answered:
            announce_answer(self.events, letter)
        return disposition_view(done)

    def _check_reply(self, letter_id: str, incoming_id: str) -> None:
        """The linked letter exists and was drafted as a reply to this incoming letter (400 otherwise)."""
        try:
            reply = self.letter_repo.get(letter_id).letter
        except NotFound as exc:
            raise ValidationFailed.field("reply_letter_id", "no such letter") from exc
        if reply.in_reply_to != incoming_id:
            raise ValidationFailed.field("reply_letter_id", "not a reply letter to this incoming letter "
                                                            "(draft one with POST /incoming/{id}/reply)")

    def recall(self, principal: Principal, disposition_id: str) -> dict[str, Any]:
        """Take back a disposition its recipient has not opened yet."""
        disposition = self.disposition_repo.get(disposition_id)
        check_recall(principal, disposition)
        letter = self.incoming_repo.get(disposition.incoming_id)
        at = iso(now_wita())
        tx = self.new_tx()
        recalled = self.disposition_repo.save(tx, replace(disposition, state=DispositionState.RECALLED),
                                              audit_event(principal, "recalled", at, from_state=disposition.state.value,
                                                          to_state=DispositionState.RECALLED.value))
        answered = self._close(tx, principal, letter, at, done=False)
        self.notification_repo.add(tx, [position_recipient(recalled.org, recalled.to_position)],
                                   type="disposition.recalled", title=f"Disposisi ditarik {recalled.agenda_number}",
                                   body=recalled.subject, record_type="disposition", record_id=recalled.id)
        tx.commit()
        self.events.publish(Event.DISPOSITION_RECALLED, recalled.org, recalled.id, {"incoming_id": recalled.incoming_id})
        if answered:
            announce_answer(self.events, letter)
        return disposition_view(recalled)

    def _close(self, tx: Transaction, principal: Principal, letter: IncomingLetter, at: str, *, done: bool) -> bool:
        """One disposition fewer open on the letter; True when that answered the letter for the first time."""
        open_count = letter.open_dispositions - 1
        done_count = letter.done_dispositions + (1 if done else 0)
        state = incoming_state_after(letter.state, open_count, done_count)
        closed = replace(letter, open_dispositions=open_count, done_dispositions=done_count, state=state)
        answered = state is IncomingState.DONE and letter.answered_at is None
        if answered:
            closed = record_answer(self.submission_repo, tx, closed, at)
        action = "disposition_done" if done else "disposition_recalled"
        self.incoming_repo.save(tx, closed, audit_event(principal, action, at, from_state=letter.state.value,
                                                        to_state=state.value))
        return answered

    # ------------------------------------------------------------ overdue sweep

    def sweep_overdue(self, now: datetime | None = None) -> dict[str, int]:
        """Notify every disposition that passed its deadline while open, once (run hourly by the scheduler).

        Per org one Query of its deadline list (`DUE#{org}`, sort key < now: only markers not notified yet);
        each newly overdue disposition gets its audit event, notifications to its recipient and its sender,
        its marker moved to `OVERDUE#{org}` and the org's overdue gauge counted up, in one transaction whose
        condition is that the `DUE#` marker is still there — so a second run, or two overlapping runs, notify
        nothing twice.
        """
        moment = now or now_wita()
        at = iso(moment)
        orgs = notified = 0
        cursor: str | None = None
        while True:
            page = self.org_repo.list_orgs(1000, cursor)
            for org in page.items:
                orgs += 1
                for marker in self.disposition_repo.due_unnotified(org.code, at):
                    notified += self._notify_overdue(marker, moment, at)
            cursor = page.next
            if cursor is None:
                return {"orgs": orgs, "notified": notified}

    def _notify_overdue(self, marker: DueMarker, moment: datetime, at: str) -> int:
        disposition = self.disposition_repo.get(marker.disposition_id)
        if not disposition.is_overdue(moment):
            return 0
        tx = self.new_tx()
        self.disposition_repo.mark_notified(tx, marker, at)
        self.disposition_repo.save(tx, replace(disposition, overdue_notified=True),
                                   audit_event(SYSTEM, "overdue", at, data={"deadline": disposition.deadline}))
        self.notification_repo.add(tx, [position_recipient(disposition.org, disposition.to_position),
                                    position_recipient(disposition.org, disposition.from_position)],
                                   type="disposition.overdue", title=f"Disposisi melewati batas waktu "
                                                                 f"{disposition.agenda_number}",
                                   body=disposition.subject, record_type="disposition", record_id=disposition.id)
        try:
            tx.commit()
        except Conflict:
            return 0  # notified by an overlapping run, or the disposition changed meanwhile: the next run decides
        self.events.publish(Event.DISPOSITION_OVERDUE, disposition.org, disposition.id,
                            {"incoming_id": disposition.incoming_id, "to_position": disposition.to_position,
                             "deadline": disposition.deadline})
        return 1
