"""Sent letters reach people outside the government: external addressees with an email address get the signed
PDF by email, the others (and every secret letter) are sent by hand and an operator records how; the sender of a
public submission fetches the signed reply with the secret."""

from __future__ import annotations

import pytest
import requests

from chalicelib import bootstrap
from tests.conftest import assert_error
from tests.integration import letters_flow
from tests.integration.archive_flow import pdf_of, signed
from tests.integration.public_support import CITIZEN, accept, mails_with_attachments, submit
from tests.support import count_aws_calls

COMPANY = {"kind": "external", "name": "PT Telkom Indonesia Witel Bali", "address": "Jl. Teuku Umar 6, Denpasar",
           "email": "witel.bali@example.co.id"}
UNIVERSITY = {"kind": "external", "name": "Rektor Universitas Udayana", "address": "Jl. Kampus Bukit, Jimbaran"}


@pytest.fixture
def stack(province, events):
    return events


def _sent_to_outside(api, stack, **changes):
    letter = signed(api, addressees=[{"kind": "position", "code": "SEKRETARIS"}, COMPANY], cc=[UNIVERSITY],
                    **changes)
    stack.pump()
    return letter


def test_an_external_addressee_with_email_gets_the_signed_pdf_and_the_others_wait_for_an_operator(api, stack):
    letter = _sent_to_outside(api, stack)
    mails = [m for m in mails_with_attachments() if m["to"] == [COMPANY["email"]]]
    assert len(mails) == 1
    mail = mails[0]
    assert letter["number"] in mail["subject"] and letter["subject"] in mail["subject"]
    assert f"Yth. {COMPANY['name']}" in mail["text"] and letter["number"] in mail["text"]
    assert f"/public/verify/{letter['verification_code']}" in mail["text"]
    [(filename, content_type, data)] = mail["attachments"]
    assert content_type == "application/pdf" and filename == letter["number"].replace("/", "-") + ".pdf"
    assert data == pdf_of(api, letter["id"])

    with count_aws_calls() as calls:
        shown = api.get(f"/letters/{letter['id']}/deliveries", as_user="kadis.kominfo")
    assert shown.status_code == 200, shown.body
    assert sum(n for call, n in calls.items() if call.startswith("dynamodb:")) <= 2
    by_id = {d["id"]: d for d in shown.json_body["items"]}
    assert set(by_id) == {"to-01", "cc-00"}, "positions and orgs are delivered in their boxes, not here"
    assert by_id["to-01"]["channel"] == "email" and by_id["to-01"]["state"] == "sent" and by_id["to-01"]["sent_at"]
    assert by_id["cc-00"]["channel"] == "manual" and by_id["cc-00"]["state"] == "pending"
    assert by_id["cc-00"]["reason"] == "tidak ada alamat email" and by_id["cc-00"]["address"] == UNIVERSITY["address"]


def test_a_redelivered_event_sends_nothing_twice(api, stack):
    letter = _sent_to_outside(api, stack)
    before = len(mails_with_attachments())
    assert bootstrap.container().dispatch.deliver(letter["id"]) == {"emailed": 0, "manual": 1}
    assert len(mails_with_attachments()) == before


def test_an_email_not_sent_before_a_crash_goes_out_on_the_next_delivery(api, stack, monkeypatch):
    from chalicelib.adapters.notifier import SenderNotifier

    def down(*_args, **_kwargs):
        raise ConnectionError("SES unreachable")

    with monkeypatch.context() as patched:
        patched.setattr(SenderNotifier, "email_with_attachment", down)
        letter = signed(api, addressees=[COMPANY], cc=[])
        with pytest.raises(ConnectionError):
            bootstrap.container().dispatch.deliver(letter["id"])
    pending = api.get(f"/letters/{letter['id']}/deliveries", as_user="kadis.kominfo").json_body["items"]
    assert [(d["id"], d["state"]) for d in pending] == [("to-00", "pending")]
    stack.pump()  # the letter.sent event, delivered now that SES answers
    assert [m["to"] for m in mails_with_attachments()] == [[COMPANY["email"]]]
    sent = api.get(f"/letters/{letter['id']}/deliveries", as_user="kadis.kominfo").json_body["items"]
    assert [(d["id"], d["state"]) for d in sent] == [("to-00", "sent")]


def test_a_secret_letter_is_never_emailed(api, stack):
    letter = _sent_to_outside(api, stack, security="rahasia")
    assert mails_with_attachments() == []
    items = api.get(f"/letters/{letter['id']}/deliveries", as_user="kadis.kominfo").json_body["items"]
    assert {d["id"]: (d["channel"], d["state"]) for d in items} == {"to-01": ("manual", "pending"),
                                                                     "cc-00": ("manual", "pending")}
    assert "rahasia" in items[0]["reason"]


def test_an_operator_records_a_delivery_by_hand_once(api, stack):
    letter = _sent_to_outside(api, stack)
    path = f"/letters/{letter['id']}/deliveries/cc-00/dispatched"
    body = {"via": "pos", "receipt": "RR123456789ID", "note": "Pos Tercatat"}
    assert_error(api.post(path, body), 401, "unauthenticated")
    assert_error(api.post(path, body, as_user="kadis.kominfo"), 403, "forbidden")
    assert_error(api.post(path, body, as_user="operator.biroumum"), 403, "forbidden")
    assert_error(api.post(path, {"via": "merpati"}, as_user="operator.kominfo"), 400, "validation_error", field="via")
    assert_error(api.post(f"/letters/{letter['id']}/deliveries/cc-09/dispatched", body,
                          as_user="operator.kominfo"), 404, "not_found")
    done = api.post(path, body, as_user="operator.kominfo")
    assert done.status_code == 200, done.body
    assert done.json_body["state"] == "dispatched" and done.json_body["via"] == "pos"
    assert done.json_body["receipt"] == "RR123456789ID" and done.json_body["dispatched_by"] == "operator.kominfo"
    assert_error(api.post(path, body, as_user="operator.kominfo"), 409, "conflict")
    assert_error(api.post(f"/letters/{letter['id']}/deliveries/to-01/dispatched", body,
                          as_user="operator.kominfo"), 409, "conflict")  # emailed already


def test_deliveries_are_shown_to_the_letters_readers_only(api, stack):
    letter = _sent_to_outside(api, stack)
    assert_error(api.get(f"/letters/{letter['id']}/deliveries"), 401, "unauthenticated")
    assert_error(api.get(f"/letters/{letter['id']}/deliveries", as_user="staf.biroumum"), 404, "not_found")
    assert_error(api.get("/letters/nosuchletter/deliveries", as_user="kadis.kominfo"), 404, "not_found")
    assert_error(api.get(f"/letters/{letter['id']}/deliveries", as_user="warga"), 403, "forbidden")


def test_the_sender_of_a_submission_gets_the_signed_reply(api, stack):
    receipt = submit(api)
    incoming_id = accept(api, receipt["code"])["incoming_id"]
    path = f"/public/submissions/{receipt['code']}/reply"
    assert_error(api.post(path, {"secret": receipt["secret"]}), 409, "conflict")  # not answered yet
    assert api.get(f"/public/track/{receipt['code']}").json_body["reply"] is None

    draft = api.post(f"/incoming/{incoming_id}/reply", {"body": "Dengan hormat, data terlampir.",
                                                        "signatory": "KADIS"}, as_user="kadis.kominfo").json_body
    sent = letters_flow.submit(api, draft["id"], who="kadis.kominfo")
    stack.pump()
    tracking = api.get(f"/public/track/{receipt['code']}").json_body
    assert tracking["reply"]["number"] == sent["number"] and tracking["reply"]["date"]

    with count_aws_calls() as calls:
        link = api.post(path, {"secret": receipt["secret"]})
    assert link.status_code == 200, link.body
    assert dict(calls) == {"dynamodb:GetItem": 1}
    assert link.json_body["number"] == sent["number"]
    assert requests.get(link.json_body["url"], timeout=10).content == pdf_of(api, draft["id"])
    [mail] = [m for m in mails_with_attachments() if m["to"] == [CITIZEN["email"]]]
    assert mail["attachments"][0][2][:5] == b"%PDF-" and sent["number"] in mail["subject"]

    assert_error(api.post(path, {"secret": "x" * 32}), 403, "forbidden")
    assert_error(api.post(path, {}), 400, "validation_error", field="secret")
    assert_error(api.post("/public/submissions/KV-AAAA-AAAA/reply", {"secret": receipt["secret"]}), 404,
                 "not_found")


def test_the_tracking_page_names_the_reply(api, stack):
    receipt = submit(api)
    incoming_id = accept(api, receipt["code"])["incoming_id"]
    draft = api.post(f"/incoming/{incoming_id}/reply", {"body": "Dengan hormat, data terlampir.",
                                                        "signatory": "KADIS"}, as_user="kadis.kominfo").json_body
    sent = letters_flow.submit(api, draft["id"], who="kadis.kominfo")
    stack.pump()
    page = api.get(f"/public/track/{receipt['code']}", headers={"Accept": "text/html"}).body.decode()
    assert "Surat balasan" in page and sent["number"] in page


def test_the_operator_lists_the_orgs_letters_to_send_by_hand_with_one_query_and_no_scan(api, stack):
    first = _sent_to_outside(api, stack)
    secret = _sent_to_outside(api, stack, security="rahasia")

    with count_aws_calls() as calls:
        page = api.get("/deliveries?limit=2", as_user="operator.kominfo")
    assert page.status_code == 200, page.body
    assert calls["dynamodb:Query"] == 1 and calls["dynamodb:Scan"] == 0
    assert sum(n for call, n in calls.items() if call.startswith("dynamodb:")) <= 2  # + the caller's user item
    rows = page.json_body["items"]
    assert [(r["letter_id"], r["id"]) for r in rows] == [(first["id"], "cc-00"), (secret["id"], "cc-00")], \
        "oldest letter first, emailed deliveries left out"
    assert rows[0]["letter_number"] == first["number"] and rows[0]["subject"] == first["subject"]
    assert rows[1]["subject"] is None, "a secret letter's subject stays out of the list"
    rest = api.get(f"/deliveries?limit=2&next={page.json_body['next']}", as_user="operator.kominfo").json_body
    assert [(r["letter_id"], r["id"]) for r in rest["items"]] == [(secret["id"], "to-01")] and rest["next"] is None

    done = api.post(f"/letters/{first['id']}/deliveries/cc-00/dispatched", {"via": "kurir", "receipt": "Budi"},
                    as_user="operator.kominfo")
    assert done.status_code == 200, done.body
    pending = api.get("/deliveries", as_user="operator.kominfo").json_body["items"]
    assert first["id"] not in {r["letter_id"] for r in pending}
    [sent] = api.get("/deliveries?state=dispatched", as_user="operator.kominfo").json_body["items"]
    assert (sent["letter_id"], sent["via"], sent["receipt"]) == (first["id"], "kurir", "Budi")


def test_the_dispatch_list_is_for_the_orgs_operators_only(api, stack):
    _sent_to_outside(api, stack)
    assert api.get("/deliveries", as_user="operator.biroumum").json_body["items"] == []
    assert_error(api.get("/deliveries"), 401, "unauthenticated")
    for who in ("kadis.kominfo", "warga", "inspektur"):
        assert_error(api.get("/deliveries", as_user=who), 403, "forbidden")
    assert_error(api.get("/deliveries?state=sent", as_user="operator.kominfo"), 400, "validation_error",
                 field="state")
    assert_error(api.get("/deliveries?next=bogus", as_user="operator.kominfo"), 400, "validation_error",
                 field="next")
