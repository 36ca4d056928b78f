"""The notifications a review decision asks for — the next reviewer's request, the drafter's progress note — are
written after the decision's commit, once each: a decision sent again after its process died writes what is
missing and nothing twice (the overdue reaction's path: tests/integration/test_letters_overdue.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.adapters.notification_repo import NotificationRepository
from tests.integration.letters_flow import DRAFTER, await_step, draft, submit


class ProcessDied(BaseException):
    """The Lambda ended in the middle of a request (timeout, out of memory): nothing after it runs."""


def notes(api: Any, who: str, letter_id: str, type_: str) -> list[dict[str, Any]]:
    """`who`'s notifications of type `type_` about the letter."""
    items = api.get("/notifications?limit=100", as_user=who).json_body["items"]
    return [n for n in items if n["record_id"] == letter_id and n["type"] == type_]


def test_a_decision_whose_process_died_after_its_commit_is_told_once_when_sent_again(api, province, monkeypatch):
    letter = draft(api)
    submit(api, letter["id"])
    await_step(api, "kasi.layanan", letter["id"])
    add_once = NotificationRepository.add_once
    written: list[str] = []

    def dies_after_the_first(self, recipient, key, at, **fields):  # the request is written, then the process dies
        if written:
            monkeypatch.setattr(NotificationRepository, "add_once", add_once)
            raise ProcessDied
        written.append(recipient)
        return add_once(self, recipient, key, at, **fields)

    monkeypatch.setattr(NotificationRepository, "add_once", dies_after_the_first)
    with pytest.raises(ProcessDied):
        api.post(f"/letters/{letter['id']}/decision", {"decision": "approve"}, as_user="kasi.layanan")
    assert written == ["pos:DISKOMINFOS:KABID-APTIKA"]
    assert notes(api, DRAFTER, letter["id"], "letter.approved") == []  # never written: the process died first

    again = api.post(f"/letters/{letter['id']}/decision", {"decision": "approve"}, as_user="kasi.layanan")
    assert again.status_code == 200 and again.json_body["delivered"] is True
    [request] = notes(api, "kabid.aptika", letter["id"], "approval.requested")
    assert (request["title"], request["body"], request["record_type"]) == (
        "Permintaan paraf", letter["subject"], "letter")
    [progress] = notes(api, DRAFTER, letter["id"], "letter.approved")
    assert progress["title"] == "Diparaf oleh Kepala Seksi Layanan E-Government"
    assert await_step(api, "kabid.aptika", letter["id"])["index"] == 2


def test_a_decision_and_a_submit_sent_twice_notify_once(api, province):
    letter = draft(api)
    submit(api, letter["id"])
    assert api.post(f"/letters/{letter['id']}/submit", as_user=DRAFTER).status_code == 200  # a retried submit
    await_step(api, "kasi.layanan", letter["id"])
    for _ in range(2):
        response = api.post(f"/letters/{letter['id']}/decision", {"decision": "approve"}, as_user="kasi.layanan")
        assert response.status_code == 200 and response.json_body["delivered"] is True
    assert len(notes(api, "kasi.layanan", letter["id"], "approval.requested")) == 1
    assert len(notes(api, "kabid.aptika", letter["id"], "approval.requested")) == 1
    assert len(notes(api, DRAFTER, letter["id"], "letter.approved")) == 1
