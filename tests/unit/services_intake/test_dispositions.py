"""Dispositions down the hierarchy: create, read, done with follow-up, recall while unread, overdue."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from chalicelib.domain.errors import Conflict, Forbidden, ValidationFailed
from chalicelib.domain.timefmt import now_wita
from tests.unit.services_intake.conftest import KABID, KADIS, KASI, SEKRETARIS, World, deadline


def _dispose(world: World, principal: Any, incoming_id: str, to: list[str], **changes: Any) -> dict[str, Any]:
    status, body = world.dispositions.dispose(principal, incoming_id, {
        "to": to, "instructions": ["Tindak lanjuti"], "deadline": deadline(), **changes}, None)
    assert status == 201
    return body["items"][0]  # type: ignore[no-any-return]


def test_the_head_disposes_down_and_the_letter_is_disposed_with_readers_and_a_public_step(world: World) -> None:
    letter = world.accepted_letter()

    made = _dispose(world, KADIS, letter["id"], ["KABID-APTIKA"], note="Segera")

    stored = world.incoming_repo.get(letter["id"])
    assert made["state"] == "assigned" and made["from_position"] == "KADIS" and made["note"] == "Segera"
    assert (stored.state.value, stored.open_dispositions, stored.readers) == ("disposed", 1, ["KABID-APTIKA"])
    assert world.store.actions("disposition", made["id"]) == ["assigned"]
    assert world.store.actions("incoming", letter["id"]) == ["registered", "disposed"]
    assert ("pos:DISKOMINFOS:KABID-APTIKA", "disposition.assigned") in world.notified("disposition")
    step = world.public.track(letter["tracking_code"])["timeline"][-1]
    assert (step["status"], step["unit"], step["reason"]) == ("forwarded", "Bidang Aplikasi Informatika", None)
    assert world.events.types()[-1] == "disposition.assigned"


def test_a_disposition_goes_only_down_the_callers_own_tree(world: World) -> None:
    letter = world.accepted_letter()
    with pytest.raises(Forbidden):
        _dispose(world, KABID, letter["id"], ["KASI-LAYANAN"])  # not the addressee and no parent
    first = _dispose(world, KADIS, letter["id"], ["KABID-APTIKA"])

    with pytest.raises(Forbidden):
        _dispose(world, KABID, letter["id"], ["SEKRETARIS"], parent_id=first["id"])  # a sibling, not below
    with pytest.raises(ValidationFailed):
        _dispose(world, KADIS, letter["id"], ["NOBODY"])
    with pytest.raises(ValidationFailed):
        _dispose(world, KADIS, letter["id"], ["SEKRETARIS"], deadline=(now_wita() - timedelta(hours=1)).isoformat())
    further = _dispose(world, KABID, letter["id"], ["KASI-LAYANAN"], parent_id=first["id"])
    assert further["parent_id"] == first["id"]
    assert world.incoming_repo.get(letter["id"]).state.value == "in_progress"


def test_opening_marks_read_once_and_only_the_parties_open_it(world: World) -> None:
    letter = world.accepted_letter()
    made = _dispose(world, KADIS, letter["id"], ["KABID-APTIKA"])

    assert world.dispositions.open(KADIS, made["id"])["state"] == "assigned"  # the sender reads, nothing changes
    opened = world.dispositions.open(KABID, made["id"])
    again = world.dispositions.open(KABID, made["id"])

    assert opened["state"] == again["state"] == "read" and opened["read_at"] == again["read_at"]
    assert world.store.actions("disposition", made["id"]) == ["assigned", "read"]
    with pytest.raises(Forbidden):
        world.dispositions.open(SEKRETARIS, made["id"])


def test_the_last_disposition_done_answers_the_letter_and_tells_the_public_sender(world: World) -> None:
    letter = world.accepted_letter()
    made = _dispose(world, KADIS, letter["id"], ["KABID-APTIKA"])
    with pytest.raises(Forbidden):
        world.dispositions.complete(KADIS, made["id"], {"follow_up": "Selesai"})

    done = world.dispositions.complete(KABID, made["id"], {"follow_up": "Data dikirim ke pemohon"})

    assert done["state"] == "done" and done["follow_up"] == "Data dikirim ke pemohon" and done["read_at"]
    stored = world.incoming_repo.get(letter["id"])
    assert (stored.state.value, stored.open_dispositions, stored.done_dispositions) == ("done", 0, 1)
    assert stored.answered_at == done["done_at"]
    assert world.public.track(letter["tracking_code"])["status"] == "answered"
    assert world.events.types()[-2:] == ["disposition.done", "submission.answered"]
    assert ("pos:DISKOMINFOS:KADIS", "disposition.done") in world.notified("disposition")
    with pytest.raises(Conflict):
        world.dispositions.complete(KABID, made["id"], {"follow_up": "lagi"})


def test_a_reply_letter_that_does_not_exist_is_a_400_on_done(world: World) -> None:
    letter = world.accepted_letter()
    made = _dispose(world, KADIS, letter["id"], ["KABID-APTIKA"])

    with pytest.raises(ValidationFailed) as error:
        world.dispositions.complete(KABID, made["id"], {"follow_up": "x", "reply_letter_id": "nope"})
    assert error.value.details[0]["field"] == "reply_letter_id"
    assert world.disposition_repo.get(made["id"]).state.value == "assigned"


def test_the_sender_recalls_only_while_unread_and_the_letter_goes_back_to_registered(world: World) -> None:
    letter = world.accepted_letter()
    unread = _dispose(world, KADIS, letter["id"], ["SEKRETARIS"])
    read = _dispose(world, KADIS, letter["id"], ["KABID-APTIKA"])
    world.dispositions.open(KABID, read["id"])

    with pytest.raises(Conflict):
        world.dispositions.recall(KADIS, read["id"])
    with pytest.raises(Forbidden):
        world.dispositions.recall(SEKRETARIS, unread["id"])
    recalled = world.dispositions.recall(KADIS, unread["id"])

    assert recalled["state"] == "recalled"
    assert world.incoming_repo.get(letter["id"]).open_dispositions == 1
    assert ("pos:DISKOMINFOS:SEKRETARIS", "disposition.recalled") in world.notified("disposition")
    world.dispositions.complete(KABID, read["id"], {"follow_up": "Selesai"})
    assert world.incoming_repo.get(letter["id"]).state.value == "done"


def test_an_overdue_disposition_is_listed_and_swept_into_notifications_once(world: World) -> None:
    letter = world.accepted_letter()
    made = _dispose(world, KADIS, letter["id"], ["KABID-APTIKA"], deadline=deadline(days=1))
    later = now_wita() + timedelta(days=2)

    first = world.dispositions.sweep_overdue(later)
    second = world.dispositions.sweep_overdue(later)

    assert first == {"orgs": 2, "notified": 1} and second == {"orgs": 2, "notified": 0}
    assert world.store.actions("disposition", made["id"]) == ["assigned", "overdue"]
    assert world.notified("disposition").count(("pos:DISKOMINFOS:KABID-APTIKA", "disposition.overdue")) == 1
    assert ("pos:DISKOMINFOS:KADIS", "disposition.overdue") in world.notified("disposition")
    assert world.dispositions.list_mine(KABID, True, 10, None)["items"] == []  # not past its deadline yet


def test_done_before_the_deadline_is_never_swept(world: World) -> None:
    letter = world.accepted_letter()
    made = _dispose(world, KADIS, letter["id"], ["KABID-APTIKA"], deadline=deadline(days=1))
    world.dispositions.complete(KABID, made["id"], {"follow_up": "Tepat waktu"})

    assert world.dispositions.sweep_overdue(now_wita() + timedelta(days=2))["notified"] == 0
    assert world.dispositions.list_mine(KASI, False, 10, None)["items"] == []  # none was sent to KASI


def test_my_dispositions_list_only_those_to_my_position(world: World) -> None:
    letter = world.accepted_letter()
    mine = _dispose(world, KADIS, letter["id"], ["KABID-APTIKA"])
    _dispose(world, KADIS, letter["id"], ["SEKRETARIS"])

    listed = world.dispositions.list_mine(KABID, False, 10, None)["items"]

    assert [d["id"] for d in listed] == [mine["id"]]
    assert listed[0]["subject"] == letter["subject"] and listed[0]["agenda_number"] == letter["agenda_number"]
