"""Drafting letters: create a draft, edit it, read it and its history."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from chalicelib.config_letters import LetterSettings
from chalicelib.domain.classification import usable_classification
from chalicelib.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chalicelib.domain.events import Event
from chalicelib.domain.identity import Principal
from chalicelib.domain.letter_types import check_fields
from chalicelib.domain.letters import Letter, LetterState, LetterType, Security, Urgency, auditor_may_read
from chalicelib.domain.timefmt import iso, now_wita
from chalicelib.services import letters_chain as chain
from chalicelib.services.common import commit_create
from chalicelib.services.letters_common import LetterAccess, Result, check_recipients, letter_view, recipients_of
from chalicelib.services.letters_ports import ClassificationRepo
from chalicelib.services.trails import chain_view


class Drafting:
    """Drafts: created and edited by their drafter, read by the letter's parties."""

    def __init__(self, access: LetterAccess, settings: LetterSettings, classification_repo: ClassificationRepo) -> None:
        self.access = access
        self.letter_repo = access.letter_repo
        self.settings = settings
        self.classification_repo = classification_repo

    def create(self, principal: Principal, data: dict[str, Any], idempotency_key: str | None) -> Result:
        """A new draft; the chain is planned now to check the signatory (and planned again at submit)."""
        org, position = self.access.seated(principal)
        usable_classification(self.classification_repo.table(), data["classification"])
        structure = self.letter_repo.structure(org)
        if position not in structure.positions:
            raise Forbidden("your position is not in your org's structure")
        addressees, cc = recipients_of(data["addressees"]), recipients_of(data["cc"])
        check_recipients("addressees", addressees, structure)
        check_recipients("cc", cc, structure)
        letter_type = LetterType(data["type"])
        check_fields(letter_type, data.get("fields"), data.get("body"))
        signatory, plan = chain.plan(self.letter_repo, structure, position, data["signatory"], letter_type,
                                     self.settings.authority)
        now = iso(now_wita())
        letter = Letter(id=uuid.uuid4().hex, org=org, type=letter_type, classification=data["classification"],
                        subject=data["subject"], body=data.get("body") or "", fields=data.get("fields"),
                        addressees=addressees, cc=cc,
                        signatory=signatory, security=Security(data["security"]),
                        urgency=Urgency(data["urgency"]), drafter=principal.username, drafter_position=position,
                        state=LetterState.DRAFT, created_at=now, updated_at=now, steps=plan.steps,
                        on_behalf_of=plan.on_behalf_of, by_order_of=plan.by_order_of,
                        in_reply_to=data.get("in_reply_to"))  # set by the reply use case only (not in LetterIn)
        tx = self.access.transaction()
        self.letter_repo.new_record(letter, tx, self.access.event(
            principal, "drafted", letter, at=now,
            data={"in_reply_to": letter.in_reply_to} if letter.in_reply_to else None))
        self.access.counters.drafted(tx, letter)
        result = commit_create(tx, scope=principal.username, idempotency_key=idempotency_key, request=data,
                               response=letter_view(letter))
        if result[1].get("id") == letter.id:
            self.access.publish(Event.LETTER_DRAFTED, letter)
        return result

    def update(self, principal: Principal, letter_id: str, data: dict[str, Any]) -> dict[str, Any]:
        """Edit a draft (or a letter returned for revision, which becomes a draft again); stale version → 409."""
        record = self.access.own_draft(principal, letter_id)
        letter = record.letter
        if data["version"] != letter.version:
            raise Conflict("the letter was changed meanwhile; reload it and try again",
                           details={"field": "version", "current": letter.version})
        changes = {k: v for k, v in data.items() if k != "version" and v is not None}
        if not changes:
            raise ValidationFailed.field("body", "nothing to change")
        if "classification" in changes and changes["classification"] != letter.classification:
            usable_classification(self.classification_repo.table(), changes["classification"])
        fields: dict[str, Any] = {}
        for name in ("classification", "subject", "body", "fields"):
            if name in changes:
                fields[name] = changes[name]
        for name, cls in (("type", LetterType), ("security", Security), ("urgency", Urgency)):
            if name in changes:
                fields[name] = cls(changes[name])
        if {"type", "fields", "body"} & set(changes):
            check_fields(fields.get("type", letter.type), fields.get("fields", letter.fields),
                         fields.get("body", letter.body))
        if {"addressees", "cc", "signatory", "type"} & set(changes):
            structure = self.letter_repo.structure(letter.org)
            for name in ("addressees", "cc"):
                if name in changes:
                    fields[name] = recipients_of(changes[name])
                    check_recipients(name, fields[name], structure)
            signatory, plan = chain.plan(self.letter_repo, structure, letter.drafter_position,
                                         changes.get("signatory", letter.signatory), fields.get("type", letter.type),
                                         self.settings.authority)
            fields.update(signatory=signatory, steps=plan.steps, on_behalf_of=plan.on_behalf_of,
                          by_order_of=plan.by_order_of)
        now = iso(now_wita())
        updated = replace(letter, **fields, state=LetterState.DRAFT, updated_at=now)
        tx = self.access.transaction()
        record = self.letter_repo.record_event(tx, record, self.access.event(
            principal, "edited", letter, LetterState.DRAFT, data={"fields": sorted(changes)}, at=now))
        self.letter_repo.save(tx, replace(record, letter=updated))
        tx.commit()
        return letter_view(replace(updated, version=letter.version + 1))

    def timeline(self, principal: Principal, letter_id: str) -> dict[str, Any]:
        """Who did what when (position, acting for whom, note), with the audit chain's verification (the
        letter's readers; the auditor of a plain signed, sent or archived letter of any org).
        """
        if principal.is_auditor:
            record = self.letter_repo.get(letter_id)
            if not auditor_may_read(record.letter, principal):
                raise NotFound("no such letter")
        else:
            record = self.access.readable(principal, letter_id)
        return {"letter_id": record.letter.id,
                **chain_view(self.letter_repo.trail(record.letter.id), record.audit_seq, record.audit_head)}
