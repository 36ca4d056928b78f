"""Reply letters drafted from incoming letters, linked to dispositions, and answering the sender when sent."""

from __future__ import annotations

import pytest

from tests.conftest import assert_error
from tests.integration import letters_flow
from tests.integration.public_support import CITIZEN, accept, dispose, emails, submit

REPLY = {"body": "Dengan hormat, menanggapi surat Saudara ...", "signatory": "KADIS"}


@pytest.fixture
def stack(province, events):
    return events


@pytest.fixture
def incoming_id(api, stack):
    return accept(api, submit(api)["code"])["incoming_id"]


def reply(api, incoming_id, who="kadis.kominfo", **changes):
    return api.post(f"/incoming/{incoming_id}/reply", {**REPLY, **changes}, as_user=who)


def test_a_reply_to_a_submission_is_a_draft_to_the_sender_by_name_and_email_only(api, incoming_id):
    made = reply(api, incoming_id)
    assert made.status_code == 201, made.body
    letter = made.json_body
    assert letter["state"] == "draft" and letter["in_reply_to"] == incoming_id
    assert letter["subject"] == f"Balasan: {CITIZEN['subject']}"
    assert letter["addressees"] == [{"kind": "external", "name": CITIZEN["name"], "email": CITIZEN["email"]}]
    assert letter["classification"] == "000.1.2" and letter["security"] == "biasa"
    assert CITIZEN["phone"] not in made.body.decode()
    shown = api.get(f"/letters/{letter['id']}", as_user="kadis.kominfo").json_body
    assert shown["in_reply_to"] == incoming_id
    assert api.get("/letters?box=drafts", as_user="kadis.kominfo").json_body["items"][0]["id"] == letter["id"]


def test_a_recipient_of_a_disposition_replies_with_their_own_subject_and_signatory(api, incoming_id):
    dispose(api, incoming_id, ["KABID-APTIKA"], "kadis.kominfo")
    made = reply(api, incoming_id, who="kabid.aptika", subject="Jawaban permohonan data", signatory="KABID-APTIKA",
                 security="terbatas", cc=[{"kind": "position", "code": "SEKRETARIS"}])
    assert made.status_code == 201, made.body
    assert made.json_body["subject"] == "Jawaban permohonan data" and made.json_body["security"] == "terbatas"
    assert made.json_body["cc"] == [{"kind": "position", "code": "SEKRETARIS"}]


def test_a_reply_to_a_letter_of_another_org_is_addressed_to_that_org(api, stack):
    sent = letters_flow.draft(api, who="kadis.kominfo", addressees=[{"kind": "org", "code": "BIROUMUM"}], cc=[],
                              classification="005", type="undangan")
    assert letters_flow.submit(api, sent["id"], who="kadis.kominfo")["state"] == "sent"
    received = api.get("/incoming", as_user="karo.umum").json_body["items"][0]
    assert received["source"] == "letter" and received["sender_org"] == "DISKOMINFOS"
    made = reply(api, received["id"], who="karo.umum", signatory="KARO")
    assert made.status_code == 201, made.body
    assert made.json_body["addressees"] == [{"kind": "org", "code": "DISKOMINFOS"}]
    assert made.json_body["classification"] == "005"


def test_a_reply_to_a_paper_letter_is_addressed_to_its_sender_by_name(api, stack):
    paper = api.post("/incoming", {"sender_name": "Kepala Desa Sanur Kaja", "sender_org": "Desa Sanur Kaja",
                                   "subject": "Undangan musyawarah desa", "scan_filename": "undangan.pdf",
                                   "scan_content_type": "application/pdf"}, as_user="operator.kominfo").json_body
    made = reply(api, paper["id"])
    assert made.status_code == 201, made.body
    assert made.json_body["addressees"] == [{"kind": "external", "name": "Kepala Desa Sanur Kaja"}]


def test_the_reply_route_checks_token_role_org_and_input(api, incoming_id):
    assert_error(api.post(f"/incoming/{incoming_id}/reply", REPLY), 401, "unauthenticated")
    assert_error(reply(api, incoming_id, who="operator.kominfo"), 403, "forbidden")
    assert_error(reply(api, incoming_id, who="warga"), 403, "forbidden")
    assert_error(reply(api, incoming_id, who="karo.umum"), 403, "forbidden")  # another org's letter
    assert_error(reply(api, incoming_id, who="analis.kominfo"), 403, "forbidden")  # not disposed to them
    assert_error(reply(api, "nope"), 404, "not_found")
    assert_error(api.post(f"/incoming/{incoming_id}/reply", {"signatory": "KADIS"}, as_user="kadis.kominfo"), 400,
                 field="body")
    assert_error(reply(api, incoming_id, signatory="KASI-LAYANAN"), 400, field="signatory")
    assert_error(reply(api, incoming_id, classification="999.9"), 400, field="classification")
    assert_error(reply(api, incoming_id, security="bocor"), 400, field="security")


def test_done_links_only_a_reply_to_the_same_incoming_letter(api, incoming_id):
    mine = dispose(api, incoming_id, ["KABID-APTIKA"], "kadis.kominfo").json_body["items"][0]
    other_incoming = accept(api, submit(api, email="lain@example.com", phone=None)["code"])["incoming_id"]
    elsewhere = reply(api, other_incoming).json_body["id"]
    plain = letters_flow.draft(api)["id"]
    path = f"/dispositions/{mine['id']}/done"
    for wrong in ("no-such-letter", plain, elsewhere):
        assert_error(api.post(path, {"follow_up": "Sudah", "reply_letter_id": wrong}, as_user="kabid.aptika"), 400,
                     "validation_error", field="reply_letter_id")
    right = reply(api, incoming_id, who="kabid.aptika", signatory="KABID-APTIKA").json_body["id"]
    done = api.post(path, {"follow_up": "Sudah", "reply_letter_id": right}, as_user="kabid.aptika")
    assert done.status_code == 200 and done.json_body["reply_letter_id"] == right


def test_a_sent_reply_answers_the_submission_once_whatever_comes_first(api, stack, incoming_id):
    code = api.get(f"/incoming/{incoming_id}", as_user="kadis.kominfo").json_body["tracking_code"]
    open_one = dispose(api, incoming_id, ["KABID-APTIKA"], "kadis.kominfo").json_body["items"][0]
    draft = reply(api, incoming_id).json_body
    assert api.get(f"/public/track/{code}").json_body["status"] == "forwarded"

    sent = letters_flow.submit(api, draft["id"], who="kadis.kominfo")  # the Kadis signs their own reply at once
    assert sent["state"] == "sent" and sent["number"]
    stack.pump()
    tracking = api.get(f"/public/track/{code}").json_body
    assert tracking["status"] == "answered"
    letter = api.get(f"/incoming/{incoming_id}", as_user="kadis.kominfo").json_body
    assert letter["answered_at"] and letter["state"] == "disposed"  # the disposition is still open
    assert "ditindaklanjuti" in emails()[-1]["body"]

    done = api.post(f"/dispositions/{open_one['id']}/done", {"follow_up": "Selesai", "reply_letter_id": draft["id"]},
                    as_user="kabid.aptika")
    assert done.status_code == 200, done.body
    stack.pump()
    assert api.get(f"/incoming/{incoming_id}", as_user="kadis.kominfo").json_body["state"] == "done"
    statuses = [e["status"] for e in api.get(f"/public/track/{code}").json_body["timeline"]]
    assert statuses.count("answered") == 1
    assert sum("ditindaklanjuti" in m["body"] for m in emails()) == 1

    from chalicelib import bootstrap

    assert bootstrap.container().replies.answer_with(draft["id"]) is False  # a redelivered event does nothing
