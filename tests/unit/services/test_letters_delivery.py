"""Delivery of sent letters against the fakes: every recipient gets exactly one copy, whether the signing request
delivers them, a redelivered event runs the fan-out again, or a fan-out that stopped halfway is resumed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pytest

from chalicelib.adapters.dynamo import Transaction
from chalicelib.domain.archive import RecordKind
from chalicelib.domain.errors import NotFound, ValidationFailed
from chalicelib.domain.incoming import IncomingLetter, delivered_copy_id
from tests.fakes.province import SETTINGS, FakeLetters, staff
from tests.fakes.services import FakeIncomingRepo
from tests.unit.services.conftest import DRAFTER, sent_letter

COPIES = {"BOX#sent#PRANATA-KOMPUTER", "BOX#sent#KADIS", "BOX#inbox#SEKRETARIS"}  # and Biro Umum's register


def boxes(fakes: FakeLetters, letter_id: str) -> list[tuple[str, str]]:
    """Every box entry of a letter (box, position)."""
    return sorted((box, position) for (lid, box, position) in fakes.letter_repo.boxes if lid == letter_id)


def test_the_signing_request_delivers_each_copy_once_and_a_redelivered_event_changes_nothing(
        fakes: FakeLetters) -> None:
    letters = fakes.service()
    letter = sent_letter(letters)
    done = fakes.letter_repo.copies(letter["id"])
    assert COPIES <= set(done) and "ALL" in done
    assert [(i.id, i.org) for i in fakes.incoming_repo.letters.values()] == [
        (delivered_copy_id(letter["id"], "BIROUMUM"), "BIROUMUM")]
    before = (boxes(fakes, letter["id"]), len(fakes.notification_repo.sent))
    assert letters.fan_out(letter["id"]) == {"delivered": 0, "skipped": len(done)}  # the boxes' and Biro Umum's
    assert (boxes(fakes, letter["id"]), len(fakes.notification_repo.sent)) == before
    inbox = letters.list_box(staff("sekretaris.kominfo"), "inbox", 10, None)["items"]
    assert [row["id"] for row in inbox] == [letter["id"]]
    with pytest.raises(ValidationFailed):
        letters.list_box(staff("sekretaris.kominfo"), "trash", 10, None)


@dataclass
class CrashingIncoming(FakeIncomingRepo):
    """Another org's register that fails once (the process dies halfway through the fan-out)."""

    crashes: int = 1

    def register(self, tx: Transaction, **fields: Any) -> IncomingLetter:
        if self.crashes:
            self.crashes -= 1
            raise RuntimeError("the Lambda timed out")
        return super().register(tx, **fields)


def test_a_fan_out_that_stopped_halfway_is_resumed_without_a_second_copy(fakes: FakeLetters) -> None:
    fakes.incoming_repo = CrashingIncoming()
    letters = fakes.service(replace(SETTINGS, in_request_copies=0))  # every copy left to the letter.sent reaction
    letter = sent_letter(letters)
    assert fakes.letter_repo.copies(letter["id"]) == {}
    with pytest.raises(RuntimeError):
        letters.fan_out(letter["id"])
    halfway = set(fakes.letter_repo.copies(letter["id"]))
    assert "ORG#BIROUMUM" not in halfway and "BOX#inbox#SEKRETARIS" in halfway
    result = letters.fan_out(letter["id"])  # the event delivered again
    assert result["skipped"] == len(halfway) and result["delivered"] >= 1
    assert COPIES <= set(fakes.letter_repo.copies(letter["id"]))
    assert len(fakes.incoming_repo.letters) == 1  # Biro Umum registered it once
    received = [n for n in fakes.notification_repo.sent if n["type"] == "letter.received"
                and n["recipient"] == "pos:DISKOMINFOS:SEKRETARIS"]
    assert len(received) == 1
    assert letters.fan_out(letter["id"])["delivered"] == 0
    assert letters.get(staff(DRAFTER), letter["id"])["state"] == "sent"


def test_a_fan_out_finds_another_orgs_copy_in_its_register_and_does_not_register_it_twice(
        fakes: FakeLetters) -> None:
    letters = fakes.service()
    letter = sent_letter(letters)
    del fakes.letter_repo.copy_records[(letter["id"], "ALL")]  # as if the request stopped before the last write
    in_boxes = len(fakes.letter_repo.copies(letter["id"]))
    assert letters.fan_out(letter["id"]) == {"delivered": 0, "skipped": in_boxes + 1}
    assert [i.org for i in fakes.incoming_repo.letters.values()] == ["BIROUMUM"]


@dataclass
class BlindIncoming(FakeIncomingRepo):
    """A register read before a concurrent fan-out registered the copy (the read misses it once)."""

    misses: int = 1

    def get(self, incoming_id: str) -> IncomingLetter:
        if self.misses:
            self.misses -= 1
            raise NotFound("no such incoming letter")
        return super().get(incoming_id)


def test_a_copy_registered_meanwhile_by_a_concurrent_fan_out_is_skipped(fakes: FakeLetters) -> None:
    fakes.incoming_repo = BlindIncoming()
    letters = fakes.service()
    letter = sent_letter(letters)
    del fakes.letter_repo.copy_records[(letter["id"], "ALL")]
    in_boxes = len(fakes.letter_repo.copies(letter["id"]))
    assert letters.fan_out(letter["id"]) == {"delivered": 0, "skipped": in_boxes + 1}
    assert [i.org for i in fakes.incoming_repo.letters.values()] == ["BIROUMUM"]
    assert fakes.incoming_repo.agenda["BIROUMUM"] == 1  # no agenda number taken by the attempt


def test_a_delivery_stopped_before_filing_is_resumed_and_files_the_letter_and_the_copy_once(
        fakes: FakeLetters) -> None:
    letters = fakes.service()
    letter = sent_letter(letters)
    copy_id = delivered_copy_id(letter["id"], "BIROUMUM")
    filed = {key: entry for key, entry in fakes.archive_repo.entries.items()}
    assert set(filed) == {(RecordKind.LETTER, letter["id"]), (RecordKind.INCOMING, copy_id)}
    fakes.archive_repo.entries.clear()  # as if the request stopped after registering the copy, before filing
    del fakes.letter_repo.copy_records[(letter["id"], "ALL")]
    held = replace(filed[(RecordKind.LETTER, letter["id"])], legal_hold=True)
    fakes.archive_repo.entries[(RecordKind.LETTER, letter["id"])] = held  # filed before, held since
    letters.fan_out(letter["id"])
    assert fakes.archive_repo.entries == {**filed, (RecordKind.LETTER, letter["id"]): held}
    assert [i.org for i in fakes.incoming_repo.letters.values()] == ["BIROUMUM"]
