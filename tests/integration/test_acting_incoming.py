"""A Plh of the head does the head's daily work on incoming letters: reads a secret letter addressed to the
head, disposes it down the head's tree and sees the head's dispositions; the trail says who acted for whom."""

from __future__ import annotations

import pytest

from tests.conftest import assert_error
from tests.integration.public_support import deadline
from tests.integration.test_acting import ACTING, PLH, appoint

pytestmark = pytest.mark.usefixtures("province")


def _secret_paper_letter(api) -> str:
    registered = api.post("/incoming", {
        "sender_name": "Kepolisian Daerah Bali", "letter_number": "B/123/XI/2026", "letter_date": "2026-11-27",
        "subject": "Pengamanan jaringan komunikasi", "security": "rahasia", "scan_filename": "scan.pdf",
        "scan_content_type": "application/pdf"}, as_user="operator.kominfo")
    assert registered.status_code == 201, registered.body
    return registered.json_body["id"]


def test_a_plh_disposes_the_heads_secret_letter_and_the_trail_names_both(api):
    incoming_id = _secret_paper_letter(api)
    assert_error(api.get(f"/incoming/{incoming_id}", as_user=PLH), 404, "not_found")  # as themself: not a party
    assert_error(api.get(f"/incoming/{incoming_id}", as_user=PLH, headers=ACTING), 403, "forbidden")  # no decree
    appoint(api)
    shown = api.get(f"/incoming/{incoming_id}", as_user=PLH, headers=ACTING)
    assert shown.status_code == 200, shown.body
    assert shown.json_body["subject"] == "Pengamanan jaringan komunikasi"

    body = {"to": ["KABID-APTIKA"], "instructions": ["tindak_lanjuti"], "note": "tangani", "deadline": deadline()}
    assert_error(api.post(f"/incoming/{incoming_id}/dispositions", body, as_user=PLH), 404, "not_found")
    made = api.post(f"/incoming/{incoming_id}/dispositions", body, as_user=PLH, headers=ACTING)
    assert made.status_code == 201, made.body
    disposition = made.json_body["items"][0]
    assert disposition["from_position"] == "KADIS" and disposition["to_position"] == "KABID-APTIKA"

    recalled = api.post(f"/dispositions/{disposition['id']}/recall", as_user=PLH, headers=ACTING)
    assert recalled.status_code == 200 and recalled.json_body["state"] == "recalled", recalled.body

    trail = api.get(f"/incoming/{incoming_id}/timeline", as_user="kadis.kominfo").json_body
    disposed = next(e for e in trail["events"] if e["action"] == "disposed")
    assert disposed["actor"] == PLH and disposed["position"] == "KADIS" and disposed["acting_for"] == "KADIS"
    assert trail["chain"]["valid"] is True
