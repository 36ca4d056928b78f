"""Read receipts against the fakes: a recipient's first open is kept once, shown to the drafter and signatory."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import Forbidden
from chalicelib.domain.receipts import box_of, recipients, unread_view
from chalicelib.services.letters import LetterService
from tests.fakes.province import FakeLetters, staff
from tests.unit.services.conftest import sent_letter


def test_a_recipients_first_open_is_kept_once_and_takes_one_off_their_box(fakes: FakeLetters,
                                                                          letters: LetterService) -> None:
    letter = sent_letter(letters)

    letters.get(staff("sekretaris.kominfo"), letter["id"])
    first = dict(fakes.receipts.opened_by)
    letters.get(staff("sekretaris.kominfo"), letter["id"])
    letters.get(staff("kadis.kominfo"), letter["id"])  # the signatory is no recipient

    assert list(first) == [(letter["id"], "position:SEKRETARIS")] and fakes.receipts.opened_by == first
    assert fakes.receipts.counts[("DISKOMINFOS", "SEKRETARIS")]["inbox"] == -1  # the box copy added +1 (adapter)
    shown = {r["code"]: r for r in letters.receipts.list(staff("kadis.kominfo"), letter["id"])["items"]}
    assert shown["SEKRETARIS"]["opened_by"] == "sekretaris.kominfo" and shown["KABID-APTIKA"]["opened_at"] is None
    assert (shown["BIROUMUM"]["kind"], shown["BIROUMUM"]["box"]) == ("org", "org")
    with pytest.raises(Forbidden):
        letters.receipts.list(staff("sekretaris.kominfo"), letter["id"])


def test_the_recipients_of_a_letter_are_each_listed_once_inbox_before_cc() -> None:
    prepared = {"inbox": ["SEKRETARIS", "KABID"], "cc": ["KABID", "KASI"], "orgs": [{"code": "BIROUMUM"}]}
    assert [(r["code"], r["box"]) for r in recipients(prepared)] == [
        ("SEKRETARIS", "inbox"), ("KABID", "inbox"), ("KASI", "cc"), ("BIROUMUM", "org")]
    assert (box_of(prepared, "KABID"), box_of(prepared, "KASI"), box_of(prepared, "KADIS")) == ("inbox", "cc", None)
    assert unread_view({"inbox": 2, "cc": -1}, {"incoming": 3}) == {"inbox": 2, "cc": 0, "dispositions": 0,
                                                                    "incoming": 3}
