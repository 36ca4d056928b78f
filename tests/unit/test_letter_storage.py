"""How a letter is stored (adapters/letter_parts.py): a small head rewritten at every transition, and parts
written only when they change. Pure: the items are built and read back without AWS.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from chalicelib.adapters.letter_items import LetterItem, PackedJSONAttribute, fingerprint
from chalicelib.adapters.letter_parts import head_item, parts_of, to_record, whole
from chalicelib.adapters.letter_repo import LetterRepository
from chalicelib.domain.letter_records import LetterRecord
from chalicelib.domain.letters import (
    Decision,
    Letter,
    LetterState,
    LetterType,
    Recipient,
    RecipientKind,
    Security,
    Step,
    StepKind,
    StepState,
    Urgency,
    content_hash,
    signed_document,
)
from chalicelib.domain.org import Level

AT = "2026-03-02T09:00:00+08:00"


def _record() -> LetterRecord:
    steps = [Step(index=1, kind=StepKind.REVIEW, position="KASI-LAYANAN", title="Kepala Seksi Layanan",
                  level=Level.IV, state=StepState.APPROVED, decision=Decision.APPROVE, decided_by="kasi.layanan",
                  decided_position="KASI-LAYANAN", decided_at=AT),
             Step(index=2, kind=StepKind.SIGN, position="KADIS", title="Kepala Dinas", level=Level.II,
                  state=StepState.CURRENT)]
    letter = Letter(id="L1", org="DISKOMINFOS", type=LetterType.SURAT_DINAS, classification="000.1.2",
                    subject="Permohonan dukungan jaringan", body="Dengan hormat, " * 200,
                    addressees=[Recipient(kind=RecipientKind.ORG, code="BIROUMUM")], cc=[], signatory="KADIS",
                    security=Security.BIASA, urgency=Urgency.BIASA, drafter="staf.kominfo",
                    drafter_position="PRANATA-KOMPUTER", state=LetterState.IN_REVIEW, created_at=AT, updated_at=AT,
                    version=3, round=1, steps=steps)
    return LetterRecord(letter, 2, "h" * 64, {"org_name": "Dinas Kominfos"})


def _stored(record: LetterRecord) -> tuple[LetterItem, dict[str, Any]]:
    parts = {name: data for name, data in parts_of(record).items() if data}
    head = head_item(record, {name: fingerprint(data) for name, data in parts.items()})
    head.version = record.letter.version
    return head, parts


class _Recording:
    """Stands in for a transaction: what a save puts and deletes."""

    def __init__(self) -> None:
        self.written: list[str] = []

    def put(self, item: Any, **_: Any) -> None:
        self.written.append(item.sk)

    def delete(self, item: Any, **_: Any) -> None:
        self.written.append(f"-{item.sk}")


def test_a_letter_reads_back_from_its_head_and_parts_as_it_was_written() -> None:
    record = _record()
    head, parts = _stored(record)
    assert whole(head, parts)
    assert to_record(head, parts) == record


def test_the_head_keeps_no_body_no_recipients_and_no_step_titles() -> None:
    head, _ = _stored(_record())
    stored = head.serialize()
    assert "Dengan hormat" not in str(stored) and "BIROUMUM" not in str(stored)
    assert "Kepala Dinas" not in PackedJSONAttribute().deserialize(stored["steps"]["S"]).__repr__()


def test_a_part_from_another_write_than_the_head_is_recognised() -> None:
    head, parts = _stored(_record())
    assert not whole(head, {**parts, "content": {**parts["content"], "body": "Isi yang lain"}})
    assert not whole(head, {name: data for name, data in parts.items() if name != "prepared"})


def test_a_decision_rewrites_the_head_only_and_an_edit_its_content_too() -> None:
    record = _record()
    head, parts = _stored(record)
    read = to_record(head, parts)
    repo = LetterRepository(audit=None)  # type: ignore[arg-type]
    decided = replace(read.letter, state=LetterState.SIGNING, steps=[replace(s, state=StepState.APPROVED)
                                                                      for s in read.letter.steps])
    tx = _Recording()
    repo.save(tx, replace(read, letter=decided))  # type: ignore[arg-type]
    assert tx.written == ["#LETTER"]
    tx = _Recording()
    repo.save(tx, replace(read, letter=replace(read.letter, body="Isi baru")))  # type: ignore[arg-type]
    assert sorted(tx.written) == ["#LETTER", "#LETTER#content"]
    tx = _Recording()
    repo.save(tx, replace(read, prepared={"org_name": "Dinas Kominfos", "lines": {}}))  # type: ignore[arg-type]
    assert sorted(tx.written) == ["#LETTER", "#LETTER#prepared"]


def test_what_a_claim_kept_in_a_part_before_is_read_and_the_next_save_deletes_the_part() -> None:
    record = _record()
    parts = {name: data for name, data in parts_of(record).items() if data}
    parts["signing"] = {"by": "kadis.kominfo"}  # a letter claimed before the claim's event kept it
    head = head_item(record, {name: fingerprint(data) for name, data in parts.items()})
    head.version = record.letter.version
    read = to_record(head, parts)
    assert read.prepared["signing"] == {"by": "kadis.kominfo"}
    tx = _Recording()
    LetterRepository(audit=None).save(tx, read)  # type: ignore[arg-type]
    assert sorted(tx.written) == ["#LETTER", "-#LETTER#signing"]


def test_packed_json_is_shorter_for_repetitive_values_and_reads_plain_json_too() -> None:
    attribute = PackedJSONAttribute()
    value = [{"decided_by": "kasi.layanan", "state": "approved", "decision": "approve"}] * 5
    packed = attribute.serialize(value)
    assert packed.startswith("z") and len(packed) < len(str(value)) / 2
    assert attribute.deserialize(packed) == value
    assert attribute.deserialize('{"a": [1, 2]}') == {"a": [1, 2]}
    assert attribute.serialize({"a": 1}) == '{"a":1}'


def _signed(record: LetterRecord) -> LetterRecord:
    """The record signed: a document repeating the letter as `signed_document` builds it, printed lines, a seal."""
    letter = replace(record.letter, state=LetterState.SENT, number="000.1.2/1/DISKOMINFOS/2026",
                     verification_code="CODE", signed_at=AT)
    document = signed_document(letter, number="000.1.2/1/DISKOMINFOS/2026", date="2 Maret 2026", place="Denpasar",
                               org_name="Dinas Kominfos", signer_title="Kepala Dinas", signer_name="I Gede",
                               signer_nip=None)
    document["printed"] = {"addressees": ["Biro Umum"], "cc": [], "verification_code": "CODE", "government": "Bali"}
    document["pdf"] = {"sha256": "ab" * 32, "pages": 2}
    signed = replace(letter, signed_document=document, content_hash=content_hash(document), signature="c2ln",
                     signing_key_id="key", pdf_key="letters/L1/signed.pdf", pdf_sha256="ab" * 32, pdf_pages=2)
    prepared = {"org_name": "Dinas Kominfos", "city": "Denpasar",
                "lines": {"addressees": ["Biro Umum"], "cc": []}}
    return replace(record, letter=signed, prepared=prepared)


def test_a_seal_is_stored_without_what_the_letter_holds_and_reads_back_as_signed() -> None:
    record = _signed(_record())
    head, parts = _stored(record)
    stored = parts["signed"]
    assert "body" not in stored["signed_document"] and "pdf_key" not in stored
    assert "Dengan hormat" not in str(stored) and "absent" not in stored
    read = to_record(head, parts).letter
    assert read.signed_document == record.letter.signed_document
    assert content_hash(read.signed_document or {}) == record.letter.content_hash
    assert (read.pdf_key, read.pdf_sha256, read.pdf_pages) == ("letters/L1/signed.pdf", "ab" * 32, 2)


def test_a_seal_value_that_differs_from_the_letter_or_a_key_it_lacks_is_kept_as_signed() -> None:
    record = _signed(_record())
    document = {k: v for k, v in (record.letter.signed_document or {}).items() if k != "fields"}
    document["subject"] = "Hal sebagaimana ditandatangani"  # differs from the head's subject
    record = replace(record, letter=replace(record.letter, signed_document=document))
    head, parts = _stored(record)
    assert parts["signed"]["absent"] == {"signed_document": ["fields"]}
    assert to_record(head, parts).letter.signed_document == document


def test_a_seal_written_before_reads_as_it_is() -> None:
    record = _signed(_record())
    head, parts = _stored(record)
    full = {name: getattr(record.letter, name) for name in ("content_hash", "signature", "signing_key_id",
                                                             "signed_document", "pdf_key", "pdf_sha256", "pdf_pages")}
    parts["signed"] = full
    assert to_record(head, parts).letter.signed_document == record.letter.signed_document
