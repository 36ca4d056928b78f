"""The signed PDF: rendered once at signing, archived with its SHA-256 and page count, every field printed,
the QR code pointing at the public verification page, and a short-lived link for the letter's readers only."""

from __future__ import annotations

import hashlib
import io

import pypdf
from PIL import Image

from chalicelib.adapters.files import FileStore
from chalicelib.adapters.pdf import qr_png
from tests.conftest import assert_error
from tests.integration.archive_flow import HEAD, pdf_of, pdf_text, signed
from tests.integration.letters_flow import draft
from tests.support import count_aws_calls


def test_the_pdf_prints_every_field_and_its_qr_code_opens_the_verification_page(api, province):
    letter = signed(api, security="terbatas")
    data = pdf_of(api, letter["id"])
    url = f"https://kantor.example.go.id/public/verify/{letter['verification_code']}"
    assert letter["pdf"] == {"sha256": hashlib.sha256(data).hexdigest(), "pages": 1}
    text = pdf_text(data)
    for expected in ("PEMERINTAH PROVINSI BALI", "DINAS KOMUNIKASI, INFORMATIKA DAN STATISTIKA PROVINSI BALI",
                     "Jl. D.I. Panjaitan No. 7", f"Nomor : {letter['number']}", "Sifat : Terbatas", "Lampiran : -",
                     f"Hal : {letter['subject']}", "Yth. Sekretaris Dinas Biro Umum dan Protokol Sekretariat Daerah",
                     "Dengan hormat, bersama ini kami sampaikan", "Kepala Dinas Komunikasi, Informatika dan Statistika,",
                     "I Gede Pramana Putra", "NIP 197202151998031005", "Tembusan: 1. Bidang Aplikasi Informatika",
                     "ditandatangani secara elektronik", url):
        assert expected in text, expected
    assert "Denpasar, " in text and letter["signed_at"][:4] in text
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    assert [a.get_object()["/A"]["/URI"] for a in page.get("/Annots", [])] == [url]
    embedded = page.images[0].image.convert("1")
    expected_qr = Image.open(io.BytesIO(qr_png(url))).convert("1")
    assert list(embedded.getdata()) == list(expected_qr.getdata())


def test_a_letter_signed_on_behalf_of_the_head_prints_an(api, province):
    letter = signed(api, who="kabid.aptika")
    text = pdf_text(pdf_of(api, letter["id"], who="kabid.aptika"))
    assert "a.n. Kepala Dinas Komunikasi, Informatika dan Statistika" in text
    assert "Ni Made Sri Widiastuti" in text and "NIP 197609232002122001" in text


def test_the_signature_covers_the_pdf_and_every_printed_line(api, province):
    letter = signed(api)
    document = api.get(f"/letters/{letter['id']}/verification", as_user=HEAD).json_body["document"]
    assert document["pdf"] == letter["pdf"]
    assert document["printed"]["addressees"] == ["Sekretaris Dinas",
                                                 "Biro Umum dan Protokol Sekretariat Daerah Provinsi Bali"]
    assert document["printed"]["verification_code"] == letter["verification_code"]


def test_the_pdf_link_follows_the_letters_read_rules(api, province):
    letter = signed(api)
    path = f"/letters/{letter['id']}/pdf"
    api.token(HEAD)
    with count_aws_calls() as calls:
        link = api.get(path, as_user=HEAD)
    assert link.status_code == 200 and link.json_body["expires_in"] <= 900
    assert sum(calls.values()) == 1  # the letter's GetItem; presigning is local
    assert api.get(path, as_user="sekretaris.kominfo").status_code == 200  # an addressee
    assert api.get(path, as_user="operator.kominfo").status_code == 200  # the org's operator (plain letter)
    assert_error(api.get(path), 401, "unauthenticated")
    assert_error(api.get(path, as_user="warga"), 403, "forbidden")
    assert_error(api.get(path, as_user="kabag.tu"), 404, "not_found")
    assert_error(api.get(path, as_user="analis.kominfo"), 404, "not_found")  # a colleague who is no party
    unsigned = draft(api)
    assert_error(api.get(f"/letters/{unsigned['id']}/pdf", as_user="staf.kominfo"), 409, "conflict")


def test_a_failed_archive_put_is_repaired_by_the_signed_reaction_with_the_same_bytes(api, province, events,
                                                                                     monkeypatch):
    original_put = FileStore.put
    failures = []

    def failing_put(self, key, data, content_type):
        if key.endswith("signed.pdf") and not failures:
            failures.append(key)
            raise RuntimeError("S3 unavailable")
        return original_put(self, key, data, content_type)

    monkeypatch.setattr(FileStore, "put", failing_put)
    letter = signed(api)
    from chalicelib import bootstrap

    archive = bootstrap.container().archive_files
    assert failures and not archive.exists(failures[0])
    events.pump()
    assert hashlib.sha256(archive.get(failures[0])).hexdigest() == letter["pdf"]["sha256"]


def test_a_letter_signed_two_levels_below_the_head_prints_an_and_ub(api, province):
    from tests.integration.letters_flow import decide, draft, submit

    made = draft(api, "staf.kominfo", signatory="KASI-LAYANAN")
    assert made["on_behalf_of"] == "Kepala Dinas Komunikasi, Informatika dan Statistika"
    assert made["by_order_of"]
    submit(api, made["id"], "staf.kominfo")
    signed_now = decide(api, "kasi.layanan", made["id"])  # decide() waits for the step with a deadline
    assert signed_now.status_code == 200 and signed_now.json_body["state"] == "sent", signed_now.body
    text = pdf_text(pdf_of(api, made["id"], who="kasi.layanan"))
    an = text.index("a.n. Kepala Dinas Komunikasi, Informatika dan Statistika")
    ub = text.index("u.b.")
    assert an < text.index(made["by_order_of"], an) < ub < text.index("I Ketut Arya Wiguna", ub)
