"""Public verification: what the QR code opens (one GetItem + one KMS Verify), restricted letters show little,
a PDF file is recognised as the signed original or not, an edited verification record no longer verifies."""

from __future__ import annotations

from tests.conftest import assert_error
from tests.integration.archive_flow import pdf_of, signed, table
from tests.support import count_aws_calls

PDF = {"Content-Type": "application/pdf"}


def test_a_plain_letter_shows_number_date_org_signer_subject_hash_and_a_valid_signature(api, province):
    letter = signed(api)
    with count_aws_calls() as calls:
        response = api.get(f"/public/verify/{letter['verification_code']}")
    assert response.status_code == 200, response.body
    shown = response.json_body
    assert dict(calls) == {"dynamodb:GetItem": 1, "kms:Verify": 1}
    assert shown["valid"] and shown["signature_valid"] and shown["hash_matches"] and shown["pdf_hash_matches"]
    assert shown["restricted"] is False
    assert (shown["number"], shown["org"], shown["subject"]) == (letter["number"], "DISKOMINFOS", letter["subject"])
    assert shown["signer"] == {"title": "Kepala Dinas Komunikasi, Informatika dan Statistika",
                               "name": "I Gede Pramana Putra", "on_behalf_of": None}
    assert shown["content_hash"] == letter["content_hash"] and shown["pdf_sha256"] == letter["pdf"]["sha256"]


def test_a_restricted_letter_shows_only_number_date_org_and_validity(api, province):
    letter = signed(api, security="terbatas")
    shown = api.get(f"/public/verify/{letter['verification_code']}").json_body
    assert shown["valid"] is True and shown["restricted"] is True
    assert {k for k, v in shown.items() if v is not None} == {"code_valid", "number", "date", "signed_at", "org",
                                                               "org_name", "valid", "restricted"}


def test_the_original_pdf_is_recognised_and_an_altered_one_is_not(api, province):
    letter = signed(api)
    data = pdf_of(api, letter["id"])
    path = f"/public/verify/{letter['verification_code']}"
    with count_aws_calls() as calls:
        original = api.call("POST", path, raw=data, headers=PDF)
    assert original.status_code == 200, original.body
    assert original.json_body["original"] is True and dict(calls) == {"dynamodb:GetItem": 1}
    altered = data.replace(b"Permohonan", b"Persetujuan", 1)
    answer = api.call("POST", path, raw=altered, headers=PDF).json_body
    assert answer["original"] is False and answer["number"] == letter["number"]
    assert_error(api.call("POST", path, raw=b"", headers=PDF), 400, "validation_error", field="body")


def test_an_unknown_code_is_not_found_in_the_error_shape(api, province):
    assert_error(api.get("/public/verify/NOSUCHCODE"), 404, "not_found")
    assert_error(api.call("POST", "/public/verify/NOSUCHCODE", raw=b"%PDF-1.4", headers=PDF), 404, "not_found")


def test_an_edited_verification_record_no_longer_verifies(api, province):
    letter = signed(api)
    key = {"pk": f"VERIFY#{letter['verification_code']}", "sk": "#VERIFY"}
    stored = table().get_item(Key=key)["Item"]["document"]  # the signed document as stored (JSON text)
    table().update_item(Key=key, UpdateExpression="SET #d = :d", ExpressionAttributeNames={"#d": "document"},
                        ExpressionAttributeValues={":d": stored.replace(letter["subject"], "Hal yang dipalsukan")})
    shown = api.get(f"/public/verify/{letter['verification_code']}").json_body
    assert shown["valid"] is False and shown["hash_matches"] is False and shown["signature_valid"] is True
