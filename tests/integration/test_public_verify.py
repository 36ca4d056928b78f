"""Public verification: what the QR code opens (a GetItem of the code, then a Query of the letter with its stored
seal; the key's public half fetched from KMS once per container, then signatures verify locally), restricted
letters show little, a PDF file is recognised as the signed original or not, an edited seal no longer verifies."""

from __future__ import annotations

import base64

from chalicelib.adapters import signer
from tests.conftest import assert_error
from tests.integration.archive_flow import pdf_of, seal_of, signed, tamper
from tests.support import count_aws_calls

PDF = {"Content-Type": "application/pdf"}


def test_a_plain_letter_shows_number_date_org_signer_subject_hash_and_a_valid_signature(api, province):
    letter = signed(api)
    signer._PUBLIC_KEYS.clear()
    with count_aws_calls() as calls:
        response = api.get(f"/public/verify/{letter['verification_code']}")
    assert response.status_code == 200, response.body
    assert dict(calls) == {"dynamodb:GetItem": 1, "dynamodb:Query": 1, "kms:GetPublicKey": 1}
    with count_aws_calls() as calls:
        response = api.get(f"/public/verify/{letter['verification_code']}")
    assert dict(calls) == {"dynamodb:GetItem": 1, "dynamodb:Query": 1}, "the public key is fetched once per container"
    shown = response.json_body
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
                                                               "org_name", "valid", "restricted", "signature_kind",
                                                               "signature_label"}
    assert shown["signature_kind"] == "segel", "a letter of an org without certified signatures carries the seal"


def test_the_original_pdf_is_recognised_and_an_altered_one_is_not(api, province):
    letter = signed(api)
    data = pdf_of(api, letter["id"])
    path = f"/public/verify/{letter['verification_code']}"
    with count_aws_calls() as calls:
        original = api.call("POST", path, raw=data, headers=PDF)
    assert original.status_code == 200, original.body
    assert original.json_body["original"] is True and dict(calls) == {"dynamodb:GetItem": 1, "dynamodb:Query": 1}
    altered = data.replace(b"Permohonan", b"Persetujuan", 1)
    answer = api.call("POST", path, raw=altered, headers=PDF).json_body
    assert answer["original"] is False and answer["number"] == letter["number"]
    assert_error(api.call("POST", path, raw=b"", headers=PDF), 400, "validation_error", field="body")


def test_an_unknown_code_is_not_found_in_the_error_shape(api, province):
    assert_error(api.get("/public/verify/NOSUCHCODE"), 404, "not_found")
    assert_error(api.call("POST", "/public/verify/NOSUCHCODE", raw=b"%PDF-1.4", headers=PDF), 404, "not_found")


def test_an_edited_signed_document_no_longer_verifies(api, province):
    letter = signed(api)
    tamper(letter["id"], lambda seal: seal["signed_document"].update(subject="Hal yang dipalsukan"))
    shown = api.get(f"/public/verify/{letter['verification_code']}").json_body
    assert shown["valid"] is False and shown["hash_matches"] is False and shown["signature_valid"] is True


def test_a_forged_signature_does_not_verify(api, province):
    letter = signed(api)
    stored = seal_of(letter["id"])
    other = signed(api)  # a genuine signature, but over another letter's content
    other_signature = seal_of(other["id"])["signature"]
    for forged in (other_signature, "bm90IGEgc2lnbmF0dXJl", "***not base64***"):
        tamper(letter["id"], lambda seal, forged=forged: seal.update(signature=forged))
        shown = api.get(f"/public/verify/{letter['verification_code']}").json_body
        assert shown["signature_valid"] is False and shown["valid"] is False, forged
    assert stored["signature"] != other_signature


def test_an_auditor_verifies_offline_with_the_public_key_alone(api, province):
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import load_der_public_key

    from chalicelib import bootstrap
    from chalicelib.adapters import aws

    letter = signed(api)
    stored = seal_of(letter["id"])
    settings = bootstrap.container().settings
    der = aws.client("kms", settings.region).get_public_key(KeyId=stored["signing_key_id"])["PublicKey"]
    # What `openssl dgst -sha256 -verify key.pem -signature sig.der hash.bin` does; raises when it does not verify.
    load_der_public_key(der).verify(base64.b64decode(stored["signature"]), bytes.fromhex(letter["content_hash"]),
                                    ec.ECDSA(hashes.SHA256()))


def test_a_verification_item_written_before_with_its_own_copy_of_the_seal_still_verifies(api, province):
    from chalicelib import bootstrap
    from chalicelib.adapters.archive_repo import VerificationItem, verification_key

    letter = signed(api)
    seal = bootstrap.container().letter_repo.get(letter["id"]).letter
    item = VerificationItem.get(*verification_key(letter["verification_code"]))
    item.update(actions=[VerificationItem.document.set(seal.signed_document),
                         VerificationItem.content_hash.set(seal.content_hash),
                         VerificationItem.signature.set(seal.signature),
                         VerificationItem.signing_key_id.set(seal.signing_key_id),
                         VerificationItem.pdf_sha256.set(seal.pdf_sha256)])
    tamper(letter["id"], lambda stored: stored.update(signature="bm90IGEgc2lnbmF0dXJl"))  # not read for this item
    with count_aws_calls() as calls:
        shown = api.get(f"/public/verify/{letter['verification_code']}").json_body
    assert shown["valid"] is True and shown["subject"] == letter["subject"]
    assert calls["dynamodb:GetItem"] == 1 and "dynamodb:Query" not in calls


def test_a_code_written_for_a_signing_that_did_not_commit_is_not_found(api, province):
    from chalicelib.adapters.archive_repo import ArchiveRepository
    from chalicelib.domain.letter_records import Verification

    letter = signed(api)  # a signing attempt before the one that committed wrote its code, then failed
    ArchiveRepository().add_verification(Verification(
        code="ORPHANCODE", letter_id=letter["id"], org="DISKOMINFOS", number=letter["number"],
        signed_at=letter["signed_at"], security="biasa", document={}, content_hash="", signature="",
        signing_key_id="", pdf_sha256=""))
    assert_error(api.get("/public/verify/ORPHANCODE"), 404, "not_found")
    assert api.get(f"/public/verify/{letter['verification_code']}").json_body["valid"] is True
