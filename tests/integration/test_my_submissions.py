"""A citizen or business with an account sees "my submissions" (Pengajuan saya): a submission sent with a public
account's token is linked to it, listed with its current status and reply, and its owner acts on it without the
secret; nobody else learns that it exists."""

from __future__ import annotations

import time

import jwt
import pytest
import requests

from tests.conftest import TEST_ENV, assert_error
from tests.integration import letters_flow
from tests.integration.public_support import BUSINESS_PROPOSAL, CITIZEN, PDF, accept, submission_id, submit, upload
from tests.support import calls_to, count_aws_calls

LIST_FIELDS = {"code", "kind", "subject", "org_name", "status", "submitted_at", "updated_at", "reply"}


@pytest.fixture
def stack(province, events):
    return events


def submit_as(api, user="warga", body=None, **changes):
    response = api.post("/public/submissions", {**(body or CITIZEN), **changes}, as_user=user)
    assert response.status_code == 201, response.body
    return response.json_body


def mine(api, user="warga", query=""):
    response = api.get(f"/me/submissions{query}", as_user=user)
    assert response.status_code == 200, response.body
    return response.json_body


def operator_codes(api):
    return [i["code"] for i in api.get("/submissions", as_user="operator.kominfo").json_body["items"]]


def send_back(api, code, reason="Lampirkan KTP"):
    sid = submission_id(api, code)
    returned = api.post(f"/submissions/{sid}/verify", {"decision": "return", "note": reason},
                        as_user="operator.kominfo")
    assert returned.status_code == 200, returned.body


def test_a_submission_sent_with_a_public_token_is_listed_for_its_owner_only(api, province):
    api.token("warga")  # logged in before: the login is not part of the submit
    with count_aws_calls() as calls:
        receipt = submit_as(api)
    assert calls_to(calls, "dynamodb") <= 2, dict(calls)
    assert receipt["secret"], "the secret is still given: the tracking link works without an account"

    with count_aws_calls() as calls:
        listed = mine(api)
    assert dict(calls) == {"dynamodb:Query": 1}
    [item] = listed["items"]
    assert set(item) == LIST_FIELDS and listed["next"] is None
    assert (item["code"], item["kind"], item["subject"], item["status"], item["reply"]) == (
        receipt["code"], "letter", CITIZEN["subject"], "received", None)
    assert item["org_name"] and item["submitted_at"] == receipt["submitted_at"] == item["updated_at"]
    assert mine(api, "usaha")["items"] == []


def test_tracking_stays_one_call_and_never_names_the_owner(api, province):
    receipt = submit_as(api)
    with count_aws_calls() as calls:
        tracked = api.get(f"/public/track/{receipt['code']}")
    assert dict(calls) == {"dynamodb:GetItem": 1}
    assert "owner" not in tracked.json_body and "warga" not in tracked.body.decode()
    assert "subject" not in tracked.json_body


def test_anonymous_submissions_are_not_listed(api, province):
    submit(api)
    assert mine(api)["items"] == []


def test_the_owner_follows_return_completion_resubmission_and_acceptance_without_the_secret(api, province):
    receipt = submit_as(api)
    code = receipt["code"]
    send_back(api, code, "Lampirkan KTP")
    assert mine(api)["items"][0]["status"] == "returned"
    with count_aws_calls() as calls:
        detail = api.get(f"/me/submissions/{code}", as_user="warga")
    assert detail.status_code == 200, detail.body
    assert calls_to(calls, "dynamodb") == 2
    view = detail.json_body
    assert view["return_reason"] == "Lampirkan KTP" and view["status"] == "returned"
    assert view["subject"] == CITIZEN["subject"] and view["body"] == CITIZEN["body"] and view["attachments"] == []
    assert [e["status"] for e in view["timeline"]] == ["received", "returned"]

    requested = api.post(f"/me/submissions/{code}/attachments",
                         {"filename": "ktp.pdf", "content_type": "application/pdf", "size": len(PDF)}, as_user="warga")
    assert requested.status_code == 201, requested.body
    upload(requested.json_body["upload"])
    attachment_id = requested.json_body["attachment"]["id"]
    confirmed = api.post(f"/me/submissions/{code}/attachments/{attachment_id}/confirm", as_user="warga")
    assert confirmed.status_code == 200, confirmed.body
    assert confirmed.json_body["attachment"]["status"] == "confirmed"

    resubmitted = api.post(f"/me/submissions/{code}/resubmit", {"subject": "Permohonan data (dengan KTP)"},
                           as_user="warga")
    assert resubmitted.status_code == 200, resubmitted.body
    [item] = mine(api)["items"]
    assert (item["status"], item["subject"]) == ("resubmitted", "Permohonan data (dengan KTP)")
    detail = api.get(f"/me/submissions/{code}", as_user="warga").json_body
    assert [a["filename"] for a in detail["attachments"]] == ["ktp.pdf"]

    accept(api, code)
    assert mine(api)["items"][0]["status"] == "accepted"
    assert api.get(f"/public/track/{code}").json_body["status"] == "accepted"


def test_the_secret_still_works_for_a_linked_submission(api, province):
    receipt = submit_as(api)
    send_back(api, receipt["code"])
    done = api.post(f"/public/submissions/{receipt['code']}/resubmit", {"secret": receipt["secret"]})
    assert done.status_code == 200, done.body
    assert mine(api)["items"][0]["status"] == "resubmitted"


def test_the_reply_letter_is_listed_and_its_pdf_is_a_link_away(api, stack):
    receipt = submit_as(api)
    code = receipt["code"]
    incoming_id = accept(api, code)["incoming_id"]
    assert_error(api.get(f"/me/submissions/{code}/reply", as_user="warga"), 409, "conflict")

    draft = api.post(f"/incoming/{incoming_id}/reply", {"body": "Dengan hormat, data terlampir.",
                                                        "signatory": "KADIS"}, as_user="kadis.kominfo").json_body
    sent = letters_flow.submit(api, draft["id"], who="kadis.kominfo")
    stack.pump()

    [item] = mine(api)["items"]
    assert item["reply"]["number"] == sent["number"] and item["reply"]["date"]
    assert api.get(f"/me/submissions/{code}", as_user="warga").json_body["reply"] == item["reply"]
    with count_aws_calls() as calls:
        link = api.get(f"/me/submissions/{code}/reply", as_user="warga")
    assert link.status_code == 200, link.body
    assert dict(calls) == {"dynamodb:GetItem": 1}
    assert link.json_body["number"] == sent["number"]
    assert requests.get(link.json_body["url"], timeout=10).content[:4] == b"%PDF"


def test_another_account_gets_404_on_every_owner_route(api, province):
    code = submit_as(api)["code"]
    anonymous = submit(api, BUSINESS_PROPOSAL)["code"]
    for other, target in (("usaha", code), ("warga", anonymous)):
        for response in (
            api.get(f"/me/submissions/{target}", as_user=other),
            api.post(f"/me/submissions/{target}/attachments",
                     {"filename": "a.pdf", "content_type": "application/pdf", "size": 10}, as_user=other),
            api.post(f"/me/submissions/{target}/attachments/whatever/confirm", as_user=other),
            api.post(f"/me/submissions/{target}/resubmit", {}, as_user=other),
            api.get(f"/me/submissions/{target}/reply", as_user=other),
        ):
            assert_error(response, 404, "not_found")
    unknown = api.get("/me/submissions/KV-AAAA-AAAA", as_user="warga")
    assert_error(unknown, 404, "not_found")
    assert unknown.json_body["error"]["message"] == api.get(f"/me/submissions/{code}", as_user="usaha").json_body[
        "error"]["message"], "a code of another account reads like an unknown one"


def test_staff_get_403_and_no_token_401(api, province):
    code = submit_as(api)["code"]
    for staff in ("operator.kominfo", "kadis.kominfo", "admin"):
        assert_error(api.get("/me/submissions", as_user=staff), 403, "forbidden")
    assert_error(api.get(f"/me/submissions/{code}", as_user="operator.kominfo"), 403, "forbidden")
    assert_error(api.get(f"/me/submissions/{code}/reply", as_user="operator.kominfo"), 403, "forbidden")
    assert api.get("/me/submissions").status_code == 401
    assert api.get(f"/me/submissions/{code}").status_code == 401


def test_a_bad_token_on_submit_is_401_and_stores_nothing(api, province):
    before = operator_codes(api)
    expired = jwt.encode({"iss": "kantor-virtual-local", "aud": "kantor-virtual", "sub": "warga", "role": "public",
                          "iat": int(time.time()) - 120, "exp": int(time.time()) - 60},
                         TEST_ENV["LOCAL_JWT_SECRET"], algorithm="HS256")
    for header in ("Bearer not-a-token", f"Bearer {expired}", "Basic d2FyZ2E6eA=="):
        with count_aws_calls() as calls:
            response = api.post("/public/submissions", CITIZEN, headers={"Authorization": header})
        assert_error(response, 401, "unauthenticated")
        assert calls_to(calls, "dynamodb") == 0
    assert operator_codes(api) == before and mine(api)["items"] == []


def test_a_staff_token_on_submit_is_403_and_stores_nothing(api, province):
    before = operator_codes(api)
    assert_error(api.post("/public/submissions", CITIZEN, as_user="operator.kominfo"), 403, "forbidden")
    assert operator_codes(api) == before


def test_bad_input_on_owner_routes_names_the_field(api, province):
    code = submit_as(api)["code"]
    bad = api.post(f"/me/submissions/{code}/attachments", {"filename": "a.pdf", "content_type": "application/pdf"},
                   as_user="warga")
    assert_error(bad, 400, "validation_error", field="size")
    assert_error(api.get("/me/submissions?limit=0", as_user="warga"), 400, "validation_error", field="limit")
    assert_error(api.post(f"/me/submissions/{code}/resubmit", {}, as_user="warga"), 409, "conflict")


def test_my_submissions_page_newest_first_with_cursors_bound_to_my_list(api, province):
    codes = {submit_as(api, subject=f"Permohonan {n}")["code"] for n in range(3)}
    other = submit_as(api, "usaha", BUSINESS_PROPOSAL)["code"]
    seen, cursor, pages = [], None, 0
    while True:
        with count_aws_calls() as calls:
            page = mine(api, query="?limit=1" + (f"&next={cursor}" if cursor else ""))
        assert dict(calls) == {"dynamodb:Query": 1}
        seen += page["items"]
        pages += 1
        cursor = page["next"]
        if not cursor:
            break
    assert pages >= 3 and len(seen) == 3 and {i["code"] for i in seen} == codes
    dates = [i["submitted_at"] for i in seen]
    assert dates == sorted(dates, reverse=True)

    usaha_cursor = mine(api, "usaha", "?limit=1")
    assert [i["code"] for i in usaha_cursor["items"]] == [other]
    first = mine(api, query="?limit=1")["next"]
    assert_error(api.get(f"/me/submissions?limit=1&next={first}", as_user="usaha"), 400, "validation_error",
                 field="next")


def test_the_openapi_document_says_the_token_on_submit_is_optional(api):
    doc = api.get("/openapi.json").json_body
    submit_op = doc["paths"]["/public/submissions"]["post"]
    assert submit_op["security"] == [{}, {"bearer": []}] and {"401", "403"} <= set(submit_op["responses"])
    assert doc["paths"]["/me/submissions"]["get"]["security"] == [{"bearer": []}]
