import pytest

from tests.integration.public_support import BUSINESS_PROPOSAL, accept, dispose, emails, sms, submission_id, submit


@pytest.fixture
def stack(province, events):
    return events


def test_a_citizens_letter_goes_from_submission_to_an_answer_and_the_sender_follows_it(api, stack):
    receipt = submit(api)
    code, secret = receipt["code"], receipt["secret"]
    sid = submission_id(api, code)

    returned = api.post(f"/submissions/{sid}/verify", {"decision": "return", "note": "Lampirkan KTP"},
                        as_user="operator.kominfo")
    assert returned.status_code == 200 and returned.json_body["state"] == "returned"
    resubmitted = api.post(f"/public/submissions/{code}/resubmit", {"secret": secret, "note": "KTP terlampir"})
    assert resubmitted.json_body == {"code": code, "status": "resubmitted"}

    accepted = accept(api, code)
    assert accepted["state"] == "accepted" and accepted["agenda_number"].startswith("0001/SM/DISKOMINFOS/")
    letter = api.get(f"/incoming/{accepted['incoming_id']}", as_user="kadis.kominfo").json_body
    assert letter["source"] == "submission" and letter["addressed_to"] == "KADIS" and letter["state"] == "registered"

    first = dispose(api, letter["id"], ["KABID-APTIKA"], "kadis.kominfo")
    assert first.status_code == 201, first.body
    d1 = first.json_body["items"][0]
    assert api.get(f"/dispositions/{d1['id']}", as_user="kabid.aptika").json_body["state"] == "read"
    second = dispose(api, letter["id"], ["KASI-LAYANAN"], "kabid.aptika", parent_id=d1["id"])
    assert second.status_code == 201, second.body
    d2 = second.json_body["items"][0]
    assert api.get(f"/incoming/{letter['id']}", as_user="kadis.kominfo").json_body["state"] == "in_progress"

    reply = api.post(f"/incoming/{letter['id']}/reply", {"body": "Data terlampir.", "signatory": "KASI-LAYANAN"},
                     as_user="kasi.layanan")
    assert reply.status_code == 201, reply.body
    assert reply.json_body["in_reply_to"] == letter["id"] and reply.json_body["state"] == "draft"
    done2 = api.post(f"/dispositions/{d2['id']}/done",
                     {"follow_up": "Data disiapkan", "reply_letter_id": reply.json_body["id"]}, as_user="kasi.layanan")
    assert done2.status_code == 200 and done2.json_body["reply_letter_id"] == reply.json_body["id"]
    done1 = api.post(f"/dispositions/{d1['id']}/done", {"follow_up": "Balasan dikirim"}, as_user="kabid.aptika")
    assert done1.status_code == 200, done1.body
    assert api.get(f"/incoming/{letter['id']}", as_user="kadis.kominfo").json_body["state"] == "done"

    stack.pump()
    tracking = api.get(f"/public/track/{code}").json_body
    assert tracking["status"] == "answered"
    assert [e["status"] for e in tracking["timeline"]] == [
        "received", "returned", "resubmitted", "accepted", "forwarded", "forwarded", "answered"]
    assert tracking["timeline"][1]["reason"] == "Lampirkan KTP"
    assert tracking["timeline"][4]["unit"] == "Bidang Aplikasi Informatika"
    sent = emails()
    assert all(m["to"] == ["sukmawati@example.com"] for m in sent)
    assert len(sent) == 4  # received, returned, accepted, answered
    assert "Lampirkan KTP" in sent[1]["body"] and f"https://kantor.example.go.id/public/track/{code}" in sent[3]["body"]
    assert "ditindaklanjuti" in sent[3]["body"]
    texts = sms()
    assert len(texts) == 4 and all(phone == "+6281234567890" for phone, _ in texts)


def test_a_business_proposal_is_granted_and_the_sender_sees_it(api, stack):
    receipt = submit(api, BUSINESS_PROPOSAL)
    view = accept(api, receipt["code"])
    granted = api.post(f"/submissions/{view['id']}/outcome", {"outcome": "granted", "note": "Disetujui Rp 20 juta"},
                       as_user="operator.kominfo")
    assert granted.status_code == 200 and granted.json_body["outcome"] == "granted"
    stack.pump()
    tracking = api.get(f"/public/track/{receipt['code']}").json_body
    assert tracking["status"] == "granted" and tracking["timeline"][-1]["reason"] == "Disetujui Rp 20 juta"
    assert "Proposal disetujui" in emails()[-1]["body"]
    assert sms() == []  # the business gave no phone


def test_tracking_shows_only_public_fields(api, stack):
    receipt = submit(api, BUSINESS_PROPOSAL)
    accept(api, receipt["code"])
    tracking = api.get(f"/public/track/{receipt['code']}")
    assert tracking.status_code == 200
    body = tracking.json_body
    assert set(body) == {"code", "kind", "org_name", "status", "submitted_at", "updated_at", "timeline", "reply"}
    assert body["reply"] is None  # number and date only, once a reply letter is sent (test_dispatch)
    assert body["code"] == receipt["code"] and body["kind"] == "proposal" and body["status"] == "accepted"
    assert body["org_name"].startswith("Dinas Komunikasi")
    for entry in body["timeline"]:
        assert set(entry) == {"at", "status", "label", "reason", "unit"}
        assert entry["reason"] is None and entry["unit"] is None
    text = tracking.body.decode()
    for private in ("Wirajaya", "info@example.co.id", "Bali Digital Nusantara", "9120301234567", "25000000",
                    "catatan internal", "operator.kominfo", "0001/SM", receipt["secret"], "sponsorship"):
        assert private not in text


def test_an_unknown_code_is_404_with_the_same_shape_and_one_call(api, stack):
    from tests.support import calls_to, count_aws_calls

    with count_aws_calls() as calls:
        response = api.get("/public/track/KV-XXXX-XXXX")
    assert response.status_code == 404 and response.json_body["error"]["code"] == "not_found"
    assert calls_to(calls, "dynamodb") == 1


def test_tracking_a_known_code_costs_exactly_one_dynamodb_call(api, stack):
    from tests.support import calls_to, count_aws_calls

    code = submit(api)["code"]
    with count_aws_calls() as calls:
        response = api.get(f"/public/track/{code.lower().replace('-', ' ')}")
    assert response.status_code == 200 and response.json_body["code"] == code
    assert calls_to(calls, "dynamodb") == 1 and sum(calls.values()) == 1


@pytest.mark.parametrize("typed", ["{spaced}", "{spaced_encoded}", "{spaced_plus}", "{lower_encoded}"])
def test_a_code_typed_with_spaces_is_found_as_a_browser_sends_it(api, stack, typed):
    code = submit(api)["code"]  # KV-7PQC-QRCX, typed as "KV 7PQC QRCX": a browser sends KV%207PQC%20QRCX
    spaced = code.replace("-", " ")
    path = typed.format(spaced=spaced, spaced_encoded=spaced.replace(" ", "%20"),
                        spaced_plus=spaced.replace(" ", "+"), lower_encoded=spaced.lower().replace(" ", "%20"))
    response = api.get(f"/public/track/{path}")
    assert response.status_code == 200, response.body
    assert response.json_body["code"] == code
