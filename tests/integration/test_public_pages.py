"""What a person sees: the QR code of a signed letter and the tracking link of a submission opened in a browser
(`Accept: text/html`) give a page in Indonesian with the same facts as the JSON, and nothing more."""

from __future__ import annotations

from tests.conftest import assert_error
from tests.integration.archive_flow import signed, tamper
from tests.integration.public_support import CITIZEN, submission_id, submit
from tests.support import count_aws_calls

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"}


def _page(response, status: int = 200) -> str:
    assert response.status_code == status, response.body
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    text = response.body.decode()
    assert text.startswith("<!doctype html>") and "<script" not in text.lower() and "http" not in text.lower()
    return text


def test_scanning_the_qr_code_of_a_plain_letter_shows_that_it_is_valid_and_what_it_is(api, province):
    letter = signed(api)
    with count_aws_calls() as calls:
        text = _page(api.get(f"/public/verify/{letter['verification_code']}", headers=BROWSER))
    assert calls["dynamodb:GetItem"] == 1 and calls["dynamodb:Query"] == 1  # the code, then the sealed letter
    shown = api.get(f"/public/verify/{letter['verification_code']}").json_body
    assert "Dokumen sah" in text and "tidak dapat dipastikan" not in text
    for value in (letter["number"], shown["date"], shown["org_name"], letter["subject"], shown["signer"]["title"],
                  shown["signer"]["name"]):
        assert value in text, value
    assert "WITA" in text


def test_a_restricted_letter_page_hides_subject_and_signer(api, province):
    letter = signed(api, security="terbatas")
    text = _page(api.get(f"/public/verify/{letter['verification_code']}", headers=BROWSER))
    assert "Dokumen sah" in text and letter["number"] in text and "bersifat terbatas" in text
    assert letter["subject"] not in text and "I Gede Pramana Putra" not in text


def test_a_tampered_record_is_shown_as_not_valid(api, province):
    letter = signed(api)
    tamper(letter["id"], lambda seal: seal["signed_document"].update(subject="Hal palsu"))
    text = _page(api.get(f"/public/verify/{letter['verification_code']}", headers=BROWSER))
    assert "tidak dapat dipastikan keasliannya" in text and "Dokumen sah" not in text


def test_unknown_codes_get_a_404_page_in_a_browser_and_the_error_shape_otherwise(api, province):
    assert "Kode verifikasi tidak dikenal" in _page(api.get("/public/verify/NOSUCHCODE", headers=BROWSER), 404)
    assert "Kode lacak tidak dikenal" in _page(api.get("/public/track/KV-AAAA-AAAA", headers=BROWSER), 404)
    assert_error(api.get("/public/verify/NOSUCHCODE"), 404, "not_found")
    assert_error(api.get("/public/track/KV-AAAA-AAAA", headers={"Accept": "application/json"}), 404, "not_found")


def test_api_clients_keep_getting_json(api, province):
    letter = signed(api)
    for accept in ("application/json", "*/*", "application/json, text/html;q=0.5", ""):
        response = api.get(f"/public/verify/{letter['verification_code']}", headers={"Accept": accept})
        assert response.status_code == 200 and response.json_body["valid"] is True, accept


def test_the_tracking_link_shows_the_status_and_history_without_personal_data(api, province):
    receipt = submit(api)
    sid = submission_id(api, receipt["code"])
    reason = "Lampirkan KTP <script>alert(1)</script> & surat pengantar"
    returned = api.post(f"/submissions/{sid}/verify", {"decision": "return", "note": reason},
                        as_user="operator.kominfo")
    assert returned.status_code == 200, returned.body
    with count_aws_calls() as calls:
        text = _page(api.get(f"/public/track/{receipt['code']}", headers=BROWSER))
    assert dict(calls) == {"dynamodb:GetItem": 1}, "a tracking page costs what the JSON costs"
    assert receipt["code"] in text and "Dinas Komunikasi, Informatika dan Statistika" in text
    assert "Pengajuan diterima dan menunggu verifikasi" in text and "Pengajuan dikembalikan untuk dilengkapi" in text
    assert "Lampirkan KTP &lt;script&gt;alert(1)&lt;/script&gt; &amp; surat pengantar" in text
    for private in (CITIZEN["name"], CITIZEN["email"], CITIZEN["phone"], CITIZEN["body"], receipt["secret"]):
        assert private not in text
