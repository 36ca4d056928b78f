"""Forwarding (meneruskan) an incoming letter: to another org, whose register gets its own copy with its own
agenda number, or to a unit of the own org, whose head receives it. Both sides keep the link and an audit event.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from chalicelib.adapters import sequences
from chalicelib.adapters.dynamo import Transaction, find_replay
from chalicelib.adapters.notification_repo import position_recipient
from chalicelib.domain.errors import Conflict, Forbidden, ValidationFailed
from chalicelib.domain.events import Event
from chalicelib.domain.identity import Principal
from chalicelib.domain.incoming import (
    ForwardKind,
    IncomingLetter,
    IncomingSource,
    check_forward,
    forwarded_from,
    head_of,
    may_forward,
    with_readers,
)
from chalicelib.domain.letters import Recipient, RecipientKind, inbox_positions
from chalicelib.domain.timefmt import iso, now_wita
from chalicelib.services.audited import audit_event
from chalicelib.services.common import commit_create
from chalicelib.services.incoming import Readership, incoming_view
from chalicelib.services.intake_ports import (
    ClassificationRepo,
    Events,
    FindReplay,
    IncomingRepo,
    NewTransaction,
    NotificationRepo,
    OrgRepo,
)
from chalicelib.services.verification import org_positions


class Forwarding:
    """Forwarding incoming letters sideways, to another org or a unit."""

    def __init__(self, incoming_repo: IncomingRepo, org_repo: OrgRepo, notification_repo: NotificationRepo,
                 events: Events, classification_repo: ClassificationRepo, new_tx: NewTransaction = Transaction,
                 replayed: FindReplay = find_replay) -> None:
        self.incoming_repo = incoming_repo
        self.org_repo = org_repo
        self.notification_repo = notification_repo
        self.events = events
        self.classification_repo = classification_repo
        self.new_tx = new_tx
        self.replayed = replayed

    def forward(self, principal: Principal, incoming_id: str, data: dict[str, Any],
                idempotency_key: str | None) -> tuple[int, dict[str, Any]]:
        """Forward a letter I may read and dispose (or keep, as operator) to another org or a unit, once each."""
        kind, code = ForwardKind(data["kind"]), str(data["code"])
        readership = Readership(self.org_repo, principal)
        request = {"incoming_id": incoming_id, **data}
        replay = self.replayed(principal.username, idempotency_key, request) if idempotency_key else None
        if replay is not None:  # the letter records the forward now: a repeat must not meet the 409 of a retry
            return replay.status_code, replay.response

        def use_case() -> tuple[int, dict[str, Any]]:
            letter = self.incoming_repo.get(incoming_id)
            readership.require(letter)
            if not may_forward(letter, principal, readership.addressee(letter)):
                raise Forbidden("only the org's operators, the letter's addressee and the positions it was disposed "
                                "to forward it")
            check_forward(letter, kind, code)
            at = iso(now_wita())
            tx = self.new_tx()
            if kind is ForwardKind.ORG:
                link = self._to_org(tx, principal, letter, code, data.get("note"))
            else:
                link = self._to_unit(tx, letter, code)
            link.update(at=at, by=principal.username, note=data.get("note"))
            readers = with_readers(letter, [link["position"]]) if kind is ForwardKind.UNIT else letter.readers
            saved = self.incoming_repo.save(tx, replace(letter, forwarded_to=[*letter.forwarded_to, link],
                                                        readers=readers),
                                            audit_event(principal, "forwarded", at, note=data.get("note"),
                                                        data={k: v for k, v in link.items() if k != "note"}))
            response = incoming_view(saved)
            status, body = commit_create(tx, scope=principal.username, idempotency_key=idempotency_key,
                                         request=request, response=response)
            if body is response and link.get("incoming_id"):
                self.events.publish(Event.INCOMING_REGISTERED, code, link["incoming_id"],
                                    {"source": IncomingSource.FORWARDED.value})
            return status, body

        return sequences.with_retries(use_case)

    def _to_org(self, tx: Transaction, principal: Principal, letter: IncomingLetter, org: str,
                note: str | None) -> dict[str, Any]:
        """The copy in `org`'s register, addressed to its head, with a notification to the head."""
        target = self.org_repo.get_org(org)
        head = head_of(org_positions(self.org_repo, target.code))
        if head is None:
            raise Conflict(f"{target.code} has no head position to receive letters")
        copy = self.incoming_repo.register(
            tx, org=target.code, source=IncomingSource.FORWARDED, source_ref=letter.id,
            sender_name=letter.sender_name, sender_org=letter.sender_org, subject=letter.subject,
            actor=principal.username, actor_position=principal.position, letter_number=letter.letter_number,
            letter_date=letter.letter_date, classification=letter.classification, security=letter.security,
            urgency=letter.urgency, addressed_to=head.code,
            forwarded_from=forwarded_from(letter, principal.username, note), table=self.classification_repo.table())
        self.notification_repo.add(tx, [position_recipient(target.code, head.code)], type="incoming.forwarded",
                                   title=f"Surat diteruskan {copy.agenda_number}", body=letter.subject,
                                   record_type="incoming", record_id=copy.id)
        return {"kind": ForwardKind.ORG.value, "code": target.code, "name": target.name, "incoming_id": copy.id,
                "agenda_number": copy.agenda_number, "position": head.code}

    def _to_unit(self, tx: Transaction, letter: IncomingLetter, unit: str) -> dict[str, Any]:
        """The head of `unit` (its highest position) may read the letter from now on and is notified."""
        units = {u.code: u for u in self.org_repo.list_units(letter.org, 1000, None).items}
        if unit not in units:
            raise ValidationFailed.field("code", f"no unit {unit} in {letter.org}")
        heads = inbox_positions([Recipient(kind=RecipientKind.UNIT, code=unit)],
                                org_positions(self.org_repo, letter.org))
        if not heads:
            raise Conflict(f"unit {unit} has no position to receive the letter")
        self.notification_repo.add(tx, [position_recipient(letter.org, heads[0])], type="incoming.forwarded",
                                   title=f"Surat diteruskan {letter.agenda_number}", body=letter.subject,
                                   record_type="incoming", record_id=letter.id)
        return {"kind": ForwardKind.UNIT.value, "code": unit, "name": units[unit].name, "incoming_id": None,
                "agenda_number": None, "position": heads[0]}
