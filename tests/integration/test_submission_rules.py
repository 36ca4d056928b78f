import pytest

from tests.conftest import assert_error
from tests.integration.public_support import CITIZEN, PDF, accept, submission_id, submit
from tests.support import calls_to, count_aws_calls


@pytest.fixture
def stack(province):
    return province


def test_the_sixth_submission_from_one_email_in_an_hour_is_429_and_writes_nothing(api, stack):
    for i in range(5):
        submit(api, phone=None, subject=f"Surat {i}")
    response = api.post("/public/submissions", {**CITIZEN, "phone": None, "subject": "Surat 6"})
    assert_error(response, 429, "too_many_requests")
    assert len(api.get("/submissions", as_user="operator.kominfo").json_body["items"]) == 5


def test_an_operator_of_another_org_gets_403(api, stack):
    sid = submission_id(api, submit(api)["code"])
    assert_error(api.get(f"/submissions/{sid}", as_user="operator.biroumum"), 403, "forbidden")
    assert_error(api.post(f"/submissions/{sid}/verify", {"decision": "accept"}, as_user="operator.biroumum"), 403)
    assert api.get("/submissions", as_user="operator.biroumum").json_body["items"] == []


@pytest.mark.parametrize("path,body", [
    ("/submissions", None), ("/submissions/x/verify", {"decision": "accept"}),
    ("/submissions/x/outcome", {"outcome": "granted", "note": "ok"})])
def test_operator_routes_need_a_token(api, stack, path, body):
    response = api.post(path, body) if body else api.get(path)
    assert_error(response, 401, "unauthenticated")


def test_operator_routes_refuse_other_roles(api, stack):
    sid = submission_id(api, submit(api)["code"])
    assert_error(api.get("/submissions", as_user="warga"), 403)
    assert_error(api.post(f"/submissions/{sid}/verify", {"decision": "accept"}, as_user="kadis.kominfo"), 403)


def test_bad_verification_input_names_the_field(api, stack):
    sid = submission_id(api, submit(api)["code"])
    assert_error(api.post(f"/submissions/{sid}/verify", {"decision": "maybe"}, as_user="operator.kominfo"), 400,
                 field="decision")
    assert_error(api.post(f"/submissions/{sid}/verify", {"decision": "return"}, as_user="operator.kominfo"), 400,
                 field="note")
    assert_error(api.get("/submissions?status=lost", as_user="operator.kominfo"), 400, field="status")
    assert_error(api.post("/submissions/nope/verify", {"decision": "accept"}, as_user="operator.kominfo"), 404)


def test_a_decided_submission_cannot_be_decided_again_and_a_letter_has_no_outcome(api, stack):
    view = accept(api, submit(api)["code"])
    assert_error(api.post(f"/submissions/{view['id']}/verify", {"decision": "reject", "note": "x"},
                          as_user="operator.kominfo"), 409)
    assert_error(api.post(f"/submissions/{view['id']}/outcome", {"outcome": "granted", "note": "x"},
                          as_user="operator.kominfo"), 409)


def test_bad_submissions_name_the_field(api, stack):
    assert_error(api.post("/public/submissions", {**CITIZEN, "email": None, "phone": None}), 400, field="email")
    assert_error(api.post("/public/submissions", {**CITIZEN, "sender_type": "business"}), 400, field="company_name")
    assert_error(api.post("/public/submissions", {**CITIZEN, "kind": "proposal"}), 400, field="category")
    assert_error(api.post("/public/submissions", {**CITIZEN, "org": "NOWHERE"}), 400, field="org")
    assert_error(api.post("/public/submissions", {**CITIZEN, "phone": "12345"}), 400, field="phone")
    assert_error(api.post("/public/submissions", {**CITIZEN, "extra": 1}), 400, field="extra")


def test_resubmitting_needs_the_secret_and_a_returned_submission(api, stack):
    receipt = submit(api)
    code = receipt["code"]
    assert_error(api.post(f"/public/submissions/{code}/resubmit", {"secret": "x" * 32}), 403, field="secret")
    assert_error(api.post(f"/public/submissions/{code}/resubmit", {"secret": receipt["secret"]}), 409)
    assert_error(api.post("/public/submissions/KV-XXXX-XXXX/resubmit", {"secret": receipt["secret"]}), 404)
    assert_error(api.post(f"/public/submissions/{code}/resubmit", {}), 400, field="secret")


def test_an_attachment_is_uploaded_checked_and_kept(api, stack):
    import requests

    receipt = submit(api)
    code, secret = receipt["code"], receipt["secret"]
    asked = api.post(f"/public/submissions/{code}/attachments",
                     {"secret": secret, "filename": "KTP Sukmawati.pdf", "content_type": "application/pdf",
                      "size": len(PDF)})
    assert asked.status_code == 201, asked.body
    upload, attachment = asked.json_body["upload"], asked.json_body["attachment"]
    assert "Sukmawati" not in upload["fields"]["key"]
    requests.post(upload["url"], data=upload["fields"], files={"file": ("x", PDF)}, timeout=10)
    confirmed = api.post(f"/public/submissions/{code}/attachments/{attachment['id']}/confirm", {"secret": secret})
    assert confirmed.status_code == 200 and confirmed.json_body["attachment"]["status"] == "confirmed"
    view = accept(api, code)
    letter = api.get(f"/incoming/{view['incoming_id']}", as_user="operator.kominfo").json_body
    assert [a["sha256"] for a in letter["attachments"]] == [confirmed.json_body["attachment"]["sha256"]]


def test_attachments_are_limited_in_size_and_type(api, stack):
    receipt = submit(api)
    base = {"secret": receipt["secret"], "filename": "a.pdf", "content_type": "application/pdf"}
    path = f"/public/submissions/{receipt['code']}/attachments"
    assert_error(api.post(path, {**base, "size": 11 * 1024 * 1024}), 413)
    assert_error(api.post(path, {**base, "content_type": "text/html", "size": 10}), 400, field="content_type")


def test_a_retried_submission_with_the_same_key_is_the_same_submission_with_a_fresh_secret(api, stack):
    headers = {"Idempotency-Key": "retry-key-0001"}
    first = api.post("/public/submissions", CITIZEN, headers=headers).json_body
    again = api.post("/public/submissions", CITIZEN, headers=headers)
    assert again.status_code == 201 and again.json_body["code"] == first["code"]
    assert again.json_body["secret"] != first["secret"]
    assert api.post(f"/public/submissions/{first['code']}/resubmit", {"secret": first["secret"]}).status_code == 403
    assert len(api.get("/submissions", as_user="operator.kominfo").json_body["items"]) == 1


def test_submit_and_verify_cost_few_dynamodb_calls(api, stack):
    with count_aws_calls() as submitting:
        receipt = submit(api)
    code = receipt["code"]
    sid = submission_id(api, code)
    with count_aws_calls() as returning:
        api.post(f"/submissions/{sid}/verify", {"decision": "return", "note": "KTP"}, as_user="operator.kominfo")
    api.post(f"/public/submissions/{code}/resubmit", {"secret": receipt["secret"]})
    # The registration reads the classification table (retention of the incoming letter): 1 Query per container
    # per cache period (docs/archive-data.md), so the steady-state cost is measured with it warm.
    assert api.get("/classifications", as_user="operator.kominfo").status_code == 200
    with count_aws_calls() as accepting:
        accepted = api.post(f"/submissions/{sid}/verify", {"decision": "accept"}, as_user="operator.kominfo")
    assert accepted.status_code == 200, accepted.body
    assert calls_to(submitting, "dynamodb") == 2  # GetItem org + TransactWriteItems
    assert calls_to(returning, "dynamodb") == 2  # GetItem submission + TransactWriteItems
    # GetItem submission + Query positions (head of org) + GetItem agenda counter + TransactWriteItems
    assert calls_to(accepting, "dynamodb") == 4


def test_public_orgs_list_codes_and_names_only(api, stack):
    response = api.get("/public/orgs")
    assert response.status_code == 200
    assert {"code": "DISKOMINFOS", "name": "Dinas Komunikasi, Informatika dan Statistika Provinsi Bali"} in \
        response.json_body["items"]
    assert all(set(o) == {"code", "name"} for o in response.json_body["items"])


def test_one_client_address_is_capped_per_hour_whatever_contacts_it_uses(api, stack, monkeypatch):
    from chalice.local import LambdaEventConverter

    from chalicelib.domain.submissions import SUBMISSIONS_PER_CLIENT_PER_HOUR

    monkeypatch.setattr(LambdaEventConverter, "LOCAL_SOURCE_IP", "203.0.113.7")
    for i in range(SUBMISSIONS_PER_CLIENT_PER_HOUR):  # x+1@…, x+2@…: each a new contact quota
        submit(api, email=f"sukmawati+{i}@example.com", phone=None, subject=f"Surat {i}")
    response = api.post("/public/submissions", {**CITIZEN, "email": "lain@example.com", "phone": None})
    error = assert_error(response, 429, "too_many_requests")
    assert "one address" in error["message"]
    monkeypatch.setattr(LambdaEventConverter, "LOCAL_SOURCE_IP", "198.51.100.20")
    assert api.post("/public/submissions", {**CITIZEN, "email": "lain@example.com", "phone": None}).status_code == 201
