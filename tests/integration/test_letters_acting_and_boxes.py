"""An acting holder reads secret letters only inside the appointment; the review box does not show steps of an
ended round as waiting; an attachment never uploaded is not part of a signed letter."""

from __future__ import annotations

from tests.conftest import Api
from tests.integration.letters_flow import decide, draft, submit
from tests.integration.test_acting import ACTING, PLH, appoint, waiting_for_plh


def test_a_plh_does_not_read_a_secret_letter_the_seat_signed_before_the_appointment(api: Api, province) -> None:
    before = draft(api, "kabid.aptika", security="rahasia")
    submit(api, before["id"], "kabid.aptika")
    assert decide(api, "kadis.kominfo", before["id"]).json_body["state"] == "sent"
    appoint(api)
    waiting = draft(api, "kabid.aptika", security="rahasia", subject="Rencana pengamanan pusat data")
    submit(api, waiting["id"], "kabid.aptika")
    waiting_for_plh(api, waiting["id"])

    assert api.get(f"/letters/{before['id']}", as_user=PLH, headers=ACTING).status_code == 404
    assert api.get(f"/letters/{before['id']}/pdf", as_user=PLH, headers=ACTING).status_code == 404
    shown = api.get(f"/letters/{waiting['id']}", as_user=PLH, headers=ACTING)
    assert shown.status_code == 200 and shown.json_body["body"]  # to sign it, inside the appointment
    signed = api.post(f"/letters/{waiting['id']}/decision", {"decision": "approve"}, as_user=PLH, headers=ACTING)
    assert signed.status_code == 200 and signed.json_body["state"] == "sent"
    assert api.get(f"/letters/{waiting['id']}", as_user=PLH, headers=ACTING).status_code == 200  # signed by them


def test_the_review_box_shows_the_steps_after_a_rejection_as_closed_not_waiting(api: Api, province) -> None:
    letter = draft(api)
    submit(api, letter["id"])
    rejected = decide(api, "kasi.layanan", letter["id"], "reject", note="Tidak sesuai prioritas anggaran")
    assert rejected.status_code == 200 and rejected.json_body["state"] == "rejected"

    rows = api.get("/letters?box=review", as_user="kabid.aptika").json_body["items"]
    assert [(r["id"], r["state"]) for r in rows] == [(letter["id"], "closed")]
    rows = api.get("/letters?box=review", as_user="kasi.layanan").json_body["items"]
    assert [(r["id"], r["state"]) for r in rows] == [(letter["id"], "reject")]


def test_an_attachment_never_uploaded_is_dropped_when_the_letter_is_signed(api: Api, province) -> None:
    letter = draft(api, "kadis.kominfo")  # the Kadis drafts and signs at once
    added = api.post(f"/letters/{letter['id']}/attachments", {"filename": "Lampiran.pdf",
                                                             "content_type": "application/pdf"}, as_user="kadis.kominfo")
    assert added.status_code == 201 and added.json_body["attachment"]["state"] == "pending"

    sent = submit(api, letter["id"], "kadis.kominfo")

    assert sent["state"] == "sent" and sent["attachments"] == []
    events = api.get(f"/letters/{letter['id']}/timeline", as_user="kadis.kominfo").json_body["events"]
    signing = next(e for e in events if e["action"] == "signing")
    assert signing["data"]["dropped_attachments"] == [added.json_body["attachment"]["id"]]
