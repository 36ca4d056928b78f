"""How a letter is stored: a small head item (`#LETTER`) that every transition rewrites — state, version, the
steps' progress, the audit head and what its list rows show — and parts written only when they change:
`#LETTER#content` (with the steps' positions and titles) at create, edit and a new round, `#LETTER#prepared`
at submit, `#LETTER#signed` at signing (what the number's claim needs to complete the signing is on the claim's
audit event; letters claimed before kept it in `#LETTER#signing`). A write costs per KB of the whole item,
in a transaction twice, and the head is also copied into the drafts box index until it is sent: keeping
the head small keeps every transition cheap. The head records each part's fingerprint, so a save writes only
the parts that changed and a read recognises parts of another version than the head (docs/letters-data.md).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from chalicelib.adapters import letter_seal
from chalicelib.adapters.letter_items import LetterItem, box_pk, fingerprint, letter_key
from chalicelib.domain.letter_records import LetterRecord
from chalicelib.domain.letters import (
    Attachment,
    Decision,
    Letter,
    LetterState,
    LetterType,
    Paraf,
    Recipient,
    RecipientKind,
    Security,
    Step,
    StepKind,
    StepState,
    Urgency,
    recipient_view,
)
from chalicelib.domain.org import Level

_SIGNED = ("content_hash", "signature", "signing_key_id", "signed_document", "pdf_key", "pdf_sha256", "pdf_pages")
_SENT_STATES = (LetterState.SIGNING, LetterState.SIGNED, LetterState.SENT, LetterState.ARCHIVED)


_CHAIN = ("index", "kind", "position", "title", "level")  # a step's plan: kept with the content


def _plain(obj: Any) -> dict[str, Any]:
    return {k: (v.value if hasattr(v, "value") else v) for k, v in obj.__dict__.items() if v is not None and v != ()}


def _steps_to_json(steps: list[Step]) -> list[dict[str, Any]]:
    return [{**_plain(s), **({"paraf": [_plain(p) for p in s.paraf]} if s.paraf else {})} for s in steps]


def _paraf_of(raw: list[dict[str, Any]] | None) -> tuple[Paraf, ...]:
    return tuple(Paraf(position=p["position"], title=p["title"], state=StepState(p["state"]),
                       decision=Decision(p["decision"]) if p.get("decision") else None, decided_by=p.get("decided_by"),
                       note=p.get("note"), decided_at=p.get("decided_at")) for p in raw or [])


def _steps_of(plan: list[dict[str, Any]], progress: list[dict[str, Any]] | None) -> list[Step]:
    steps = [{**p, **d} for p, d in zip(plan, progress or [], strict=True)]
    return [Step(index=int(s["index"]), kind=StepKind(s["kind"]), position=s["position"], title=s["title"],
                 level=Level(s["level"]), state=StepState(s["state"]), escalated_to=s.get("escalated_to"),
                 decision=Decision(s["decision"]) if s.get("decision") else None, decided_by=s.get("decided_by"),
                 decided_position=s.get("decided_position"), note=s.get("note"), decided_at=s.get("decided_at"),
                 paraf=_paraf_of(s.get("paraf")))
            for s in steps]


def _progress(steps: list[Step]) -> list[dict[str, Any]] | None:
    """What changes on a step as the round goes (its state, decision, escalation): kept on the head."""
    return [{k: v for k, v in s.items() if k not in _CHAIN} for s in _steps_to_json(steps)] or None


def _recipients_of(raw: list[dict[str, Any]]) -> list[Recipient]:
    return [Recipient(kind=RecipientKind(r["kind"]), code=r.get("code"), name=r.get("name"),
                      address=r.get("address"), email=r.get("email")) for r in raw]


def parts_of(record: LetterRecord) -> dict[str, dict[str, Any]]:
    """The data of each part of the letter; an empty part is not stored."""
    letter = record.letter
    content: dict[str, Any] = {
        "classification": letter.classification, "body": letter.body, "signatory": letter.signatory,
        "addressees": [recipient_view(r) for r in letter.addressees], "cc": [recipient_view(r) for r in letter.cc]}
    if letter.in_reply_to is not None:
        content["in_reply_to"] = letter.in_reply_to
    if letter.fields is not None:
        content["fields"] = letter.fields
    if letter.attachments:
        content["attachments"] = [a.__dict__ for a in letter.attachments]
    prepared = {key: value for key, value in record.prepared.items() if key != "signing"}
    signed = letter_seal.pack({name: getattr(letter, name) for name in _SIGNED if getattr(letter, name) is not None},
                              letter.id, _sealed_head(letter), content, prepared)
    if letter.steps:
        content["chain"] = [{k: v for k, v in s.items() if k in _CHAIN} for s in _steps_to_json(letter.steps)]
    # What a signing claimed is kept on the claim's audit event: a `signing` part of a letter claimed before
    # is deleted at its next save (an empty part).
    return {"content": content, "prepared": prepared, "signing": {}, SIGNED_PART: signed}


SIGNED_PART = "signed"


def _sealed_head(letter: Letter) -> dict[str, Any]:
    """The head's fields a signed document repeats (adapters/letter_seal.py)."""
    return {"org": letter.org, "number": letter.number, "type": letter.type.value, "security": letter.security.value,
            "urgency": letter.urgency.value, "subject": letter.subject, "verification_code": letter.verification_code}


def seal_of(letter: Letter) -> dict[str, Any]:
    """What checking a letter's signature needs (the public verification page)."""
    return {"document": letter.signed_document or {}, "content_hash": letter.content_hash or "",
            "signature": letter.signature or "", "signing_key_id": letter.signing_key_id or "",
            "pdf_sha256": letter.pdf_sha256 or ""}


def head_item(record: LetterRecord, prints: dict[str, str]) -> LetterItem:
    """The head item of the letter with the fingerprints of its stored parts."""
    letter = record.letter
    in_drafts = letter.state not in _SENT_STATES
    return LetterItem(
        *letter_key(letter.id),
        gsi1pk=box_pk("drafts", letter.org, letter.drafter_position) if in_drafts else None,
        gsi1sk=f"{letter.created_at}#{letter.id}" if in_drafts else None,
        org=letter.org, type=letter.type.value, subject=letter.subject, security=letter.security.value,
        urgency=letter.urgency.value, drafter=letter.drafter, drafter_position=letter.drafter_position,
        state=letter.state.value, created_at=letter.created_at, updated_at=letter.updated_at, round=letter.round,
        steps=_progress(letter.steps), on_behalf_of=letter.on_behalf_of,
        by_order_of=letter.by_order_of, number=letter.number, signed_at=letter.signed_at,
        verification_code=letter.verification_code, parts=prints,
        audit_seq=record.audit_seq, audit_head=record.audit_head,
    )


def whole(head: LetterItem, parts: dict[str, Any]) -> bool:
    """Whether the parts read are exactly those the head was written with (not a read amid another write)."""
    recorded: dict[str, str] = head.parts or {}
    return set(parts) == set(recorded) and all(fingerprint(parts[n]) == recorded[n] for n in recorded)


def letter_id_of(head: LetterItem) -> str:
    """The letter's id, from its partition key."""
    return head.pk.removeprefix("LETTER#")


def to_record(head: LetterItem, parts: dict[str, Any]) -> LetterRecord:
    """Domain view of a letter's head and parts."""
    content = parts.get("content", {})
    letter = Letter(
        id=letter_id_of(head), org=head.org, type=LetterType(head.type), classification=content["classification"],
        subject=head.subject, body=content["body"], fields=content.get("fields"),
        addressees=_recipients_of(content["addressees"]),
        cc=_recipients_of(content["cc"]), signatory=content["signatory"], security=Security(head.security),
        urgency=Urgency(head.urgency), drafter=head.drafter, drafter_position=head.drafter_position,
        state=LetterState(head.state), created_at=head.created_at, updated_at=head.updated_at,
        version=int(head.version or 1), round=int(head.round or 0),
        steps=_steps_of(content.get("chain", []), head.steps),
        on_behalf_of=head.on_behalf_of, by_order_of=head.by_order_of, in_reply_to=content.get("in_reply_to"),
        attachments=[Attachment(**a) for a in content.get("attachments", [])], number=head.number,
        signed_at=head.signed_at, verification_code=head.verification_code,
    )
    if SIGNED_PART in parts:
        signed = letter_seal.unpack(parts[SIGNED_PART], letter.id, _sealed_head(letter), content,
                                    parts.get("prepared", {}))
        sealed: dict[str, Any] = {name: signed.get(name) for name in _SIGNED}
        letter = replace(letter, **sealed)
    prepared = dict(parts.get("prepared", {}))
    if "signing" in parts:
        prepared["signing"] = parts["signing"]
    return LetterRecord(letter, int(head.audit_seq), head.audit_head, prepared, stored_parts=dict(head.parts or {}))
