"""The documents of an incoming letter — a paper letter's scan, a submission's attachments, a G2G letter's signed
PDF and attachments — are downloaded by those who may read the letter; a refused scan is uploaded again.
"""

from __future__ import annotations

import hashlib

import pytest
import requests

from tests.conftest import assert_error
from tests.integration import letters_flow
from tests.integration.public_support import PDF, accept, dispose, submit, upload
from tests.support import calls_to, count_aws_calls, wait_until

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PAPER = {"sender_name": "Kepala Desa Sanur Kaja", "subject": "Undangan musyawarah desa",
         "scan_filename": "undangan.pdf", "scan_content_type": "application/pdf"}
NEW_SCAN = {"filename": "undangan-ulang.pdf", "content_type": "application/pdf"}


def register(api, security="biasa"):
    made = api.post("/incoming", {**PAPER, "security": security}, as_user="operator.kominfo")
    assert made.status_code == 201, made.body
    return made.json_body


def confirm(api, incoming_id, attachment_id):
    return api.post(f"/incoming/{incoming_id}/attachments/{attachment_id}/confirm", as_user="operator.kominfo")


def scanned(api, security="biasa"):
    """A paper letter whose scan was uploaded and confirmed; (incoming id, scan id)."""
    letter = register(api, security)
    upload(letter["scan_upload"])
    scan_id = letter["attachments"][0]["id"]
    assert confirm(api, letter["id"], scan_id).status_code == 200
    return letter["id"], scan_id


def documents(api, incoming_id, who):
    response = api.get(f"/incoming/{incoming_id}/documents", as_user=who)
    assert response.status_code == 200, response.body
    return response.json_body["items"]


def fetch(api, incoming_id, document_id, who):
    """The document's bytes through its presigned link, and the link's answer."""
    response = api.get(f"/incoming/{incoming_id}/documents/{document_id}", as_user=who)
    assert response.status_code == 200, response.body
    downloaded = requests.get(response.json_body["url"], timeout=10)
    assert downloaded.status_code == 200
    return downloaded.content, response.json_body


@pytest.fixture
def paper(api, province):
    return scanned(api)


# ------------------------------------------------------------------ paper letters


def test_the_orgs_staff_list_and_download_a_plain_paper_letters_scan(api, paper):
    incoming_id, scan_id = paper
    listed = documents(api, incoming_id, "analis.kominfo")
    assert listed == [{"id": scan_id, "kind": "scan", "filename": "undangan.pdf", "content_type": "application/pdf",
                       "status": "confirmed", "size": len(PDF), "sha256": hashlib.sha256(PDF).hexdigest()}]
    for who in ("operator.kominfo", "kadis.kominfo", "analis.kominfo"):
        data, link = fetch(api, incoming_id, scan_id, who)
        assert data == PDF and link["expires_in"] == 300 and link["kind"] == "scan"
        assert "undangan" not in link["url"].split("?")[0]  # the key holds ids only


def test_a_scan_not_confirmed_yet_is_listed_pending_and_its_download_is_409(api, province):
    letter = register(api)
    scan_id = letter["attachments"][0]["id"]
    assert [d["status"] for d in documents(api, letter["id"], "operator.kominfo")] == ["pending"]
    assert_error(api.get(f"/incoming/{letter['id']}/documents/{scan_id}", as_user="operator.kominfo"), 409,
                 "conflict", field="document_id")


def test_documents_need_a_token_staff_of_the_org_and_known_ids(api, paper):
    incoming_id, scan_id = paper
    for path in (f"/incoming/{incoming_id}/documents", f"/incoming/{incoming_id}/documents/{scan_id}"):
        assert_error(api.get(path), 401, "unauthenticated")
        assert_error(api.get(path, as_user="warga"), 403, "forbidden")
        assert_error(api.get(path, as_user="admin"), 403, "forbidden")
        assert_error(api.get(path, as_user="operator.biroumum"), 403, "forbidden")  # as GET /incoming/{id}
    assert_error(api.get(f"/incoming/{incoming_id}", as_user="operator.biroumum"), 403, "forbidden")
    assert_error(api.get("/incoming/nope/documents", as_user="operator.kominfo"), 404, "not_found")
    assert_error(api.get(f"/incoming/nope/documents/{scan_id}", as_user="operator.kominfo"), 404, "not_found")
    assert_error(api.get(f"/incoming/{incoming_id}/documents/nope", as_user="operator.kominfo"), 404, "not_found",
                 field="document_id")


def test_a_secret_scan_is_downloaded_down_the_disposition_chain_and_by_nobody_else(api, province):
    incoming_id, scan_id = scanned(api, "rahasia")
    path = f"/incoming/{incoming_id}/documents/{scan_id}"
    assert fetch(api, incoming_id, scan_id, "kadis.kominfo")[0] == PDF
    for who in ("kasi.layanan", "analis.kominfo", "operator.kominfo"):
        assert_error(api.get(path, as_user=who), 404, "not_found")
    first = dispose(api, incoming_id, ["KABID-APTIKA"], "kadis.kominfo").json_body["items"][0]
    assert dispose(api, incoming_id, ["KASI-LAYANAN"], "kabid.aptika", parent_id=first["id"]).status_code == 201
    assert fetch(api, incoming_id, scan_id, "kasi.layanan")[0] == PDF  # two levels below the addressee
    for who in ("analis.kominfo", "sekretaris.kominfo", "operator.kominfo"):  # same org, reached by no disposition
        assert_error(api.get(path, as_user=who), 404, "not_found")
        assert_error(api.get(f"/incoming/{incoming_id}/documents", as_user=who), 404, "not_found")


# ------------------------------------------------------------------ a new scan


def test_a_refused_scan_is_replaced_by_a_new_upload_that_is_then_confirmed(api, province):
    letter = register(api)
    refused = letter["attachments"][0]["id"]
    upload(letter["scan_upload"], PNG)
    assert_error(confirm(api, letter["id"], refused), 400, "validation_error", field="file")

    again = api.post(f"/incoming/{letter['id']}/attachments", NEW_SCAN, as_user="operator.kominfo")
    assert again.status_code == 201, again.body
    scan = again.json_body["attachment"]
    assert (scan["filename"], scan["status"]) == ("undangan-ulang.pdf", "pending") and scan["id"] != refused
    assert again.json_body["upload"]["max_bytes"] == letter["scan_upload"]["max_bytes"]
    assert [d["id"] for d in documents(api, letter["id"], "operator.kominfo")] == [scan["id"]]  # refused one gone

    upload(again.json_body["upload"], PDF)
    confirmed = confirm(api, letter["id"], scan["id"])
    assert confirmed.status_code == 200 and confirmed.json_body["attachment"]["status"] == "confirmed"
    assert fetch(api, letter["id"], scan["id"], "kadis.kominfo")[0] == PDF
    timeline = api.get(f"/incoming/{letter['id']}/timeline", as_user="kadis.kominfo").json_body
    assert [e["action"] for e in timeline["events"]] == ["registered", "scan_requested", "scan_confirmed"]
    assert timeline["chain"]["valid"] is True


def test_a_confirmed_scan_stays_when_another_is_added(api, paper):
    incoming_id, scan_id = paper
    added = api.post(f"/incoming/{incoming_id}/attachments", NEW_SCAN, as_user="operator.kominfo").json_body
    assert [d["id"] for d in documents(api, incoming_id, "operator.kominfo")] == [scan_id, added["attachment"]["id"]]


def test_a_new_scan_is_refused_once_the_letter_is_no_longer_registered(api, paper):
    incoming_id, _ = paper
    assert dispose(api, incoming_id, ["KABID-APTIKA"], "kadis.kominfo").status_code == 201
    error = assert_error(api.post(f"/incoming/{incoming_id}/attachments", NEW_SCAN, as_user="operator.kominfo"),
                         409, "conflict")
    assert error["details"] == [{"state": "disposed"}]


def test_a_new_scan_needs_the_orgs_operator_a_paper_letter_and_an_accepted_type(api, paper):
    incoming_id, _ = paper
    path = f"/incoming/{incoming_id}/attachments"
    assert_error(api.post(path, NEW_SCAN), 401, "unauthenticated")
    for who in ("kadis.kominfo", "warga", "operator.biroumum"):
        assert_error(api.post(path, NEW_SCAN, as_user=who), 403, "forbidden")
    assert_error(api.post("/incoming/nope/attachments", NEW_SCAN, as_user="operator.kominfo"), 404, "not_found")
    assert_error(api.post(path, {**NEW_SCAN, "content_type": "text/html"}, as_user="operator.kominfo"), 400,
                 field="content_type")
    assert_error(api.post(path, {"content_type": "application/pdf"}, as_user="operator.kominfo"), 400,
                 field="filename")
    receipt = submit(api)
    from_submission = accept(api, receipt["code"])["incoming_id"]
    assert_error(api.post(f"/incoming/{from_submission}/attachments", NEW_SCAN, as_user="operator.kominfo"), 409,
                 "conflict")


def test_a_new_scan_with_an_idempotency_key_is_made_once(api, paper):
    incoming_id, _ = paper
    key = {"Idempotency-Key": "rescan-0000-0001"}
    first = api.call("POST", f"/incoming/{incoming_id}/attachments", body=NEW_SCAN, as_user="operator.kominfo",
                     headers=key)
    repeat = api.call("POST", f"/incoming/{incoming_id}/attachments", body=NEW_SCAN, as_user="operator.kominfo",
                      headers=key)
    assert first.status_code == repeat.status_code == 201
    assert repeat.json_body["attachment"] == first.json_body["attachment"]
    assert len(documents(api, incoming_id, "operator.kominfo")) == 2


# ------------------------------------------------------------------ submissions and G2G letters


def test_an_accepted_submissions_attachments_are_documents_of_its_incoming_letter(api, province):
    receipt = submit(api)
    requested = api.post(f"/public/submissions/{receipt['code']}/attachments",
                         {"secret": receipt["secret"], "filename": "proposal.pdf", "content_type": "application/pdf",
                          "size": len(PDF)}).json_body
    upload(requested["upload"])
    attachment_id = requested["attachment"]["id"]
    assert api.post(f"/public/submissions/{receipt['code']}/attachments/{attachment_id}/confirm",
                    {"secret": receipt["secret"]}).status_code == 200
    incoming_id = accept(api, receipt["code"])["incoming_id"]
    listed = documents(api, incoming_id, "kadis.kominfo")
    assert [(d["id"], d["kind"], d["filename"]) for d in listed] == [(attachment_id, "attachment", "proposal.pdf")]
    assert fetch(api, incoming_id, attachment_id, "kadis.kominfo")[0] == PDF


@pytest.fixture
def g2g(api, province):
    """A letter with one attachment signed at Diskominfos and addressed to Biro Umum; (letter, attachment id,
    Biro Umum's incoming id)."""
    letter = letters_flow.draft(api, who="kadis.kominfo", addressees=[{"kind": "org", "code": "BIROUMUM"}], cc=[])
    added = api.post(f"/letters/{letter['id']}/attachments", {"filename": "lampiran rab.pdf",
                                                               "content_type": "application/pdf"},
                     as_user="kadis.kominfo").json_body
    upload(added["upload"])
    attachment_id = added["attachment"]["id"]
    assert api.post(f"/letters/{letter['id']}/attachments/{attachment_id}/confirm",
                    as_user="kadis.kominfo").status_code == 200
    assert letters_flow.submit(api, letter["id"], who="kadis.kominfo")["state"] == "sent"
    received = api.get("/incoming", as_user="operator.biroumum").json_body["items"]
    incoming_id = next(i["id"] for i in received if i["source_ref"] == letter["id"])
    return letter, attachment_id, incoming_id


def test_the_receiving_orgs_operator_downloads_a_g2g_letters_signed_pdf_and_attachment(api, g2g):
    letter, attachment_id, incoming_id = g2g
    listed = documents(api, incoming_id, "operator.biroumum")
    assert [(d["id"], d["kind"]) for d in listed] == [("letter-pdf", "letter_pdf"), (attachment_id, "attachment")]
    signed = api.get(f"/letters/{letter['id']}", as_user="kadis.kominfo").json_body
    assert listed[0]["sha256"] == signed["pdf"]["sha256"]

    def pdf_bytes():
        data, link = fetch(api, incoming_id, "letter-pdf", "operator.biroumum")
        return data if data.startswith(b"%PDF") else None

    data = wait_until(pdf_bytes, message="the signed PDF in the archive bucket")
    assert hashlib.sha256(data).hexdigest() == signed["pdf"]["sha256"]
    assert fetch(api, incoming_id, attachment_id, "karo.umum")[0] == PDF
    # the sending org's record stays closed to the receiving org; the documents come through the incoming letter
    assert_error(api.get(f"/letters/{letter['id']}/pdf", as_user="operator.biroumum"), 404)
    assert_error(api.get(f"/incoming/{incoming_id}/documents", as_user="operator.kominfo"), 403, "forbidden")


# ------------------------------------------------------------------ budgets (DESIGN §8: a get is at most 2 calls)


def counted(api, method, path, who, body=None):
    api.token(who)
    with count_aws_calls() as calls:
        response = api.call(method, path, as_user=who, body=body)
    assert response.status_code < 300, response.body
    assert calls_to(calls, "dynamodb") == sum(calls.values()), calls  # presigning calls no AWS API
    return calls_to(calls, "dynamodb")


def test_a_paper_letters_documents_and_download_cost_one_read_and_a_new_scan_two_calls(api, paper):
    incoming_id, scan_id = paper
    assert counted(api, "GET", f"/incoming/{incoming_id}/documents", "analis.kominfo") == 1
    assert counted(api, "GET", f"/incoming/{incoming_id}/documents/{scan_id}", "analis.kominfo") == 1
    assert counted(api, "POST", f"/incoming/{incoming_id}/attachments", "operator.kominfo", NEW_SCAN) == 2


def test_a_g2g_letters_documents_and_download_cost_two_reads(api, g2g):
    _, attachment_id, incoming_id = g2g
    assert counted(api, "GET", f"/incoming/{incoming_id}/documents", "operator.biroumum") == 2
    assert counted(api, "GET", f"/incoming/{incoming_id}/documents/letter-pdf", "operator.biroumum") == 2
    assert counted(api, "GET", f"/incoming/{incoming_id}/documents/{attachment_id}", "karo.umum") == 2
