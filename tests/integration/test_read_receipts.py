"""Read receipts and unread counts through the HTTP API, on a letter signed with the state machine executing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import assert_error
from tests.integration.letters_flow import CHAIN, DRAFTER, decide, draft, submit
from tests.support import calls_to, count_aws_calls


@pytest.fixture
def sent(api: Any, province: Any) -> dict[str, Any]:
    """A letter to the Sekretaris and Biro Umum, cc the APTIKA unit (its head KABID-APTIKA), signed by the Kadis."""
    letter = draft(api)
    submit(api, letter["id"])
    for who, _position in CHAIN:
        response = decide(api, who, letter["id"])
        assert response.status_code == 200, response.body
    assert response.json_body["state"] == "sent"
    return letter


def _receipts(api: Any, letter_id: str) -> dict[str, Any]:
    response = api.get(f"/letters/{letter_id}/receipts", as_user=DRAFTER)
    assert response.status_code == 200, response.body
    return {r["code"]: r for r in response.json_body["items"]}


def test_a_recipients_first_open_is_recorded_once_and_their_unread_count_goes_down(api, sent):
    assert api.get("/me/unread", as_user="sekretaris.kominfo").json_body["inbox"] == 1
    assert api.get("/me/unread", as_user="kabid.aptika").json_body["cc"] == 1
    assert {r["code"]: r["opened_at"] for r in _receipts(api, sent["id"]).values()} == {
        "SEKRETARIS": None, "KABID-APTIKA": None, "BIROUMUM": None}

    assert api.get(f"/letters/{sent['id']}", as_user="sekretaris.kominfo").status_code == 200
    first = _receipts(api, sent["id"])["SEKRETARIS"]
    with count_aws_calls() as calls:
        again = api.get(f"/letters/{sent['id']}", as_user="sekretaris.kominfo")

    # the letter (its head and parts: one Query), the reader's unit (the letter is copied to a unit) and the
    # receipt: reads only, no write
    assert again.status_code == 200 and set(calls) == {"dynamodb:Query", "dynamodb:GetItem"}
    assert calls_to(calls, "dynamodb") == 3
    assert first["opened_by"] == "sekretaris.kominfo" and first["box"] == "inbox" and first["opened_at"]
    assert _receipts(api, sent["id"])["SEKRETARIS"] == first
    assert api.get("/me/unread", as_user="sekretaris.kominfo").json_body["inbox"] == 0
    assert api.get(f"/letters/{sent['id']}/pdf", as_user="kabid.aptika").status_code == 200
    assert api.get("/me/unread", as_user="kabid.aptika").json_body["cc"] == 0
    assert _receipts(api, sent["id"])["KABID-APTIKA"]["opened_by"] == "kabid.aptika"


def test_the_other_orgs_first_open_of_its_incoming_letter_is_its_receipt(api, sent):
    register = api.get("/incoming", as_user="operator.biroumum").json_body["items"]
    assert api.get("/me/unread", as_user="operator.biroumum").json_body["incoming"] == 1

    opened = api.get(f"/incoming/{register[0]['id']}", as_user="operator.biroumum").json_body
    api.get(f"/incoming/{register[0]['id']}", as_user="karo.umum")

    assert opened["opened_by"] == "operator.biroumum"
    receipt = _receipts(api, sent["id"])["BIROUMUM"]
    assert (receipt["kind"], receipt["opened_by"]) == ("org", "operator.biroumum")
    assert api.get("/me/unread", as_user="karo.umum").json_body["incoming"] == 0


def test_receipts_are_for_the_drafter_and_the_signatory_only(api, sent):
    assert api.get(f"/letters/{sent['id']}/receipts", as_user="kadis.kominfo").status_code == 200
    assert_error(api.get(f"/letters/{sent['id']}/receipts", as_user="sekretaris.kominfo"), 403)
    assert_error(api.get(f"/letters/{sent['id']}/receipts", as_user="karo.umum"), 404)
    assert_error(api.get(f"/letters/{sent['id']}/receipts"), 401)
    assert_error(api.get("/me/unread"), 401)


def test_a_disposition_counts_as_unread_until_its_recipient_opens_it(api, province):
    from tests.integration.public_support import accept, dispose
    from tests.integration.public_support import submit as submit_public

    incoming_id = accept(api, submit_public(api)["code"])["incoming_id"]
    made = dispose(api, incoming_id, ["KABID-APTIKA"], "kadis.kominfo").json_body["items"][0]
    assert api.get("/me/unread", as_user="kabid.aptika").json_body["dispositions"] == 1

    api.get(f"/dispositions/{made['id']}", as_user="kabid.aptika")

    assert api.get("/me/unread", as_user="kabid.aptika").json_body["dispositions"] == 0
