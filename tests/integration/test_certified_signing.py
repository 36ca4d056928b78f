"""Certified signatures (TTE) through the local BSrE service: the signed PDF carries a PAdES signature pyHanko
validates (intact, valid, trusted to the test root, timestamped) and one flipped byte breaks; the public page
shows the certified signer; every refusal answers clearly with the letter waiting, the passphrase is kept nowhere.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from chalicelib import bootstrap
from chalicelib.adapters import pades
from infra.local_bsre import LocalBsre
from tests.conftest import assert_error
from tests.integration.archive_flow import pdf_of
from tests.integration.letters_flow import await_step, decide, draft, submit

HEAD = "kadis.kominfo"
KADIS_NIK = "5171010203040005"
PASSPHRASE = "Rahasia-TTE-kadis-7391"
ORG = "DISKOMINFOS"  # the tests' other orgs keep the KMS seal alone


@pytest.fixture(scope="module")
def bsre() -> Iterator[LocalBsre]:
    """The local signing service on a free loopback port, with the Kadis enrolled."""
    service = LocalBsre()
    service.enrol(KADIS_NIK, "I Gede Pramana Putra", PASSPHRASE)
    service.start()
    yield service
    service.stop()


@pytest.fixture
def certified(province: Any, bsre: LocalBsre, monkeypatch: pytest.MonkeyPatch) -> LocalBsre:
    """The Diskominfos signs with certified signatures: the service's secret stored, the app configured."""
    import boto3

    arn = boto3.client("secretsmanager", region_name="ap-southeast-3").create_secret(
        Name="kv-test-bsre", SecretString=json.dumps(bsre.secret({"kadis.kominfo": KADIS_NIK})))["ARN"]
    monkeypatch.setenv("BSRE_SECRET_ID", arn)
    monkeypatch.setenv("CERTIFIED_SIGNING_ORGS", ORG)
    bootstrap.reset()
    bsre.available = True
    for user in bsre.users.values():
        user.status = "ISSUE"
    return bsre


def up_to_the_signatory(api: Any) -> str:
    """A letter of the Diskominfos staff reviewed by the Kasi and the Kabid, waiting for the Kadis to sign."""
    letter = draft(api)
    submit(api, letter["id"])
    for who in ("kasi.layanan", "kabid.aptika"):
        assert decide(api, who, letter["id"]).status_code == 200
    await_step(api, HEAD, letter["id"])
    return letter["id"]


def sign(api: Any, letter_id: str, passphrase: str | None) -> Any:
    body: dict[str, Any] = {"decision": "approve"}
    if passphrase is not None:
        body["passphrase"] = passphrase
    return api.post(f"/letters/{letter_id}/decision", body, as_user=HEAD)


def state_of(api: Any, letter_id: str) -> dict[str, Any]:
    return api.get(f"/letters/{letter_id}", as_user=HEAD).json_body


def flip_a_signed_byte(data: bytes) -> bytes:
    """One byte of the letter's own content (inside the signature's first byte range) changed."""
    start, length = (int(n) for n in re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)", data).groups())
    at = start + length // 2
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


def test_a_letter_signed_through_the_service_validates_with_pyhanko_and_a_flipped_byte_fails(api, certified):
    letter_id = up_to_the_signatory(api)
    answer = sign(api, letter_id, PASSPHRASE)
    assert answer.status_code == 200, answer.body
    assert answer.json_body["state"] == "sent" and answer.json_body["delivered"] is True
    data = pdf_of(api, letter_id)
    roots = [certified.pki.root_pem()]

    found = pades.validate(data, roots)

    assert (found.intact, found.valid, found.trusted, found.covers_whole_file, found.timestamped) == (
        True, True, True, True, True)
    assert found.signer_name == "I Gede Pramana Putra" and "Root CA BSrE Uji Lokal" in found.issuer
    broken = pades.validate(flip_a_signed_byte(data), roots)
    assert not broken.unchanged, "a changed byte must break the signature"
    code = state_of(api, letter_id)["verification_code"]
    shown = api.get(f"/public/verify/{code}").json_body
    assert shown["valid"] is True and shown["signature_kind"] == "tte"
    assert shown["certified"]["signer_name"] == "I Gede Pramana Putra" and shown["certified"]["unchanged"]
    assert shown["certified"]["timestamped"] and "Root CA BSrE Uji Lokal" in shown["certified"]["certificate_issuer"]
    page = api.get(f"/public/verify/{code}", headers={"Accept": "text/html"}).body.decode()
    assert "Tanda tangan elektronik tersertifikasi (BSrE)" in page and "I Gede Pramana Putra" in page
    container = bootstrap.container()  # a lost archive copy is restored byte for byte from the copy kept by hash
    container.archive_files._s3().delete_object(Bucket=container.settings.archive_bucket,
                                          Key=f"letters/{letter_id}/signed.pdf")
    assert container.letters.ensure_pdf(letter_id) == "restored" and pdf_of(api, letter_id) == data


def test_each_refusal_answers_clearly_and_the_right_passphrase_then_signs_with_the_claimed_number(
        api, certified, capfd, caplog):
    letter_id = up_to_the_signatory(api)
    wrong = "salah-" + PASSPHRASE

    assert_error(sign(api, letter_id, None), 400, "passphrase_required", field="passphrase")
    certified.users["5171999999999999"] = certified.users.pop(KADIS_NIK)  # the service no longer knows the NIK
    assert_error(sign(api, letter_id, PASSPHRASE), 409, "signer_not_enrolled")
    certified.users[KADIS_NIK] = certified.users.pop("5171999999999999")
    certified.users[KADIS_NIK].status = "EXPIRED"
    assert_error(sign(api, letter_id, PASSPHRASE), 409, "certificate_not_valid")
    certified.users[KADIS_NIK].status = "ISSUE"
    certified.available = False
    assert_error(sign(api, letter_id, PASSPHRASE), 503, "signing_unavailable")
    certified.available = True
    waiting = state_of(api, letter_id)
    assert waiting["state"] == "in_review" and waiting["number"] is None, "refused before the number was claimed"

    assert_error(sign(api, letter_id, wrong), 400, "wrong_passphrase", field="passphrase")
    claimed = state_of(api, letter_id)
    assert claimed["state"] == "signing" and claimed["number"], "the number is claimed once and kept"
    trail = api.get(f"/letters/{letter_id}/timeline", as_user=HEAD).json_body["events"]
    assert trail[-1]["action"] == "signing_refused" and "Passphrase" in trail[-1]["note"]

    signed = sign(api, letter_id, PASSPHRASE)
    assert signed.status_code == 200, signed.body
    done = state_of(api, letter_id)
    assert done["state"] == "sent" and done["number"] == claimed["number"]

    stored = json.dumps(everything_stored(), default=str)
    logged = capfd.readouterr().out + capfd.readouterr().err + caplog.text
    for secret in (PASSPHRASE, wrong):
        assert secret not in stored, "a passphrase was stored"
        assert secret not in logged, "a passphrase was logged"
    assert KADIS_NIK not in stored, "a NIK was stored in the clear"


def everything_stored() -> list[Any]:
    """Every DynamoDB item of every table and every S3 object of every bucket in the mocked account."""
    from moto.dynamodb.models import dynamodb_backends
    from moto.s3.models import s3_backends

    from infra.local_stack import ACCOUNT_ID

    found: list[Any] = []
    for table in dynamodb_backends[ACCOUNT_ID]["ap-southeast-3"].tables.values():
        found += [item.to_json() for item in table.all_items()]
    for bucket in s3_backends[ACCOUNT_ID]["aws"].buckets.values():
        found += [key.value.decode("latin-1") for key in bucket.keys.values()]
    return found
