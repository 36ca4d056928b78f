"""Reply letters to incoming letters: who drafts one, to whom, and the answer it gives when sent."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from chalicelib.domain.errors import Forbidden, NotFound
from chalicelib.services.replies import ReplyService
from tests.fakes_intake.store import FakeTransaction
from tests.unit.services_intake.conftest import KABID, KADIS, SEKRETARIS, World, deadline


class Drafts:
    """The letters use case, as far as replies need it: drafts kept as given."""

    def __init__(self) -> None:
        self.created: list[dict[str, Any]] = []

    def create(self, principal: Any, data: dict[str, Any], idempotency_key: str | None) -> tuple[int, dict[str, Any]]:
        self.created.append(data)
        return 201, {"id": f"L{len(self.created)}", **data}


class SentLetters:
    """Outgoing letters by id."""

    def __init__(self) -> None:
        self.letters: dict[str, Any] = {}

    def get(self, letter_id: str) -> Any:
        if letter_id not in self.letters:
            raise NotFound("no such letter")
        return SimpleNamespace(letter=self.letters[letter_id])


def _replies(world: World) -> tuple[ReplyService, Drafts, SentLetters]:
    drafts, sent = Drafts(), SentLetters()
    service = ReplyService(world.incoming_repo, world.disposition_repo, world.submissions, drafts, sent,
                           world.events, world.orgs, new_tx=lambda: FakeTransaction(world.store))
    return service, drafts, sent


REPLY = {"type": "surat_dinas", "body": "Data terlampir.", "signatory": "KADIS", "urgency": "biasa"}


def test_the_addressee_drafts_a_reply_to_the_public_sender_with_name_and_email_only(world: World) -> None:
    replies, drafts, _ = _replies(world)
    letter = world.accepted_letter()

    status, draft = replies.draft(KADIS, letter["id"], dict(REPLY), None)

    assert status == 201 and draft["in_reply_to"] == letter["id"]
    assert drafts.created[0]["addressees"] == [{"kind": "external", "name": "Ni Luh Gede Sukmawati",
                                                "email": "sukmawati@example.com"}]
    assert draft["subject"] == f"Balasan: {letter['subject']}" and draft["classification"] == "000.1.2"


def test_a_position_it_was_disposed_to_may_reply_and_others_may_not(world: World) -> None:
    replies, drafts, _ = _replies(world)
    letter = world.accepted_letter()
    world.dispositions.dispose(KADIS, letter["id"], {"to": ["KABID-APTIKA"], "instructions": ["Balas"],
                                                     "deadline": deadline()}, None)

    assert replies.draft(KABID, letter["id"], dict(REPLY), None)[0] == 201
    with pytest.raises(Forbidden):
        replies.draft(SEKRETARIS, letter["id"], dict(REPLY), None)
    assert len(drafts.created) == 1


def test_a_sent_reply_answers_the_incoming_letter_once(world: World) -> None:
    replies, _, sent = _replies(world)
    letter = world.accepted_letter()
    sent.letters["L1"] = SimpleNamespace(id="L1", in_reply_to=letter["id"], number="001/DISKOMINFOS/2026")
    sent.letters["L2"] = SimpleNamespace(id="L2", in_reply_to=None, number="002/DISKOMINFOS/2026")

    assert replies.answer_with("L1") is True
    assert replies.answer_with("L1") is False  # SNS delivers at least once
    assert replies.answer_with("L2") is False  # not a reply

    assert world.incoming_repo.get(letter["id"]).answered_at is not None
    assert world.store.actions("incoming", letter["id"]) == ["registered", "answered"]
    assert world.public.track(letter["tracking_code"])["status"] == "answered"
    assert world.events.types().count("submission.answered") == 1

