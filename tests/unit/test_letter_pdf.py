import io
import unicodedata
from datetime import date

import pypdf

from chalicelib.adapters.pdf import qr_png, render_letter
from chalicelib.domain.document import LetterDocument, attachments_line, terbilang

URL = "https://kantor.example.go.id/public/verify/V7Q4M92XD"


def _document(**overrides) -> LetterDocument:
    fields = dict(
        government="Pemerintah Provinsi Bali",
        org_name="Dinas Komunikasi, Informatika dan Statistika",
        org_address="Jl. D.I. Panjaitan No. 7, Niti Mandala Renon, Denpasar 80235",
        city="Denpasar", signed_on=date(2026, 11, 29), number="005/12/DISKOMINFOS/2026", letter_type="undangan",
        security="biasa", attachments_count=2, subject="Undangan Rapat Koordinasi Satu Data",
        addressees=["Kepala Biro Umum dan Protokol Sekretariat Daerah Provinsi Bali"],
        body=("Dengan hormat, kami mengundang Bapak/Ibu hadir pada rapat koordinasi.\n"
              "Atas perhatiannya kami ucapkan terima kasih."),
        signer_title="Kepala Bidang Aplikasi Informatika", signer_name="Ni Made Sri Widiastuti",
        signer_nip="197609232002122001", verification_url=URL, verification_code="V7Q4M92XD",
        on_behalf_of="Kepala Dinas Komunikasi, Informatika dan Statistika", cc=["Sekretaris Daerah Provinsi Bali"],
    )
    fields.update(overrides)
    return LetterDocument(**fields)


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_the_pdf_prints_every_field_of_the_letter_on_one_page():
    pdf = render_letter(_document())
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 1
    text = _text(pdf)
    for expected in ("PEMERINTAH PROVINSI BALI", "DINAS KOMUNIKASI, INFORMATIKA DAN STATISTIKA",
                     "Jl. D.I. Panjaitan No. 7", "Denpasar, 29 November 2026", "Nomor : 005/12/DISKOMINFOS/2026",
                     "Sifat : Biasa", "Lampiran : 2 (dua) berkas", "Hal : Undangan Rapat Koordinasi Satu Data",
                     "Yth.", "Kepala Biro Umum dan Protokol", "kami mengundang Bapak/Ibu",
                     "a.n. Kepala Dinas Komunikasi, Informatika dan Statistika", "Kepala Bidang Aplikasi Informatika,",
                     "Ni Made Sri Widiastuti", "NIP 197609232002122001", "Tembusan:", "1. Sekretaris Daerah Provinsi Bali",
                     "ditandatangani secara elektronik", URL):
        assert expected in text, expected


def test_the_qr_code_and_its_link_point_at_the_verification_page():
    reader = pypdf.PdfReader(io.BytesIO(render_letter(_document())))
    page = reader.pages[0]
    links = [a.get_object()["/A"]["/URI"] for a in page.get("/Annots", []) if a.get_object().get("/A")]
    assert links == [URL]
    images = list(page.images)
    assert len(images) == 1
    from PIL import Image
    embedded = images[0].image.convert("1")
    expected = Image.open(io.BytesIO(qr_png(URL))).convert("1")
    assert embedded.size == expected.size and list(embedded.getdata()) == list(expected.getdata())


def test_a_letter_signed_by_the_head_has_no_an_line():
    text = _text(render_letter(_document(on_behalf_of=None, signer_title="Kepala Dinas", cc=[])))
    assert "a.n." not in text and "Tembusan" not in text


def test_typographic_characters_do_not_break_rendering():
    text = _text(render_letter(_document(subject="Rapat “Satu Data” — tahap 2")))
    assert 'Rapat "Satu Data" - tahap 2' in text


def test_numbers_are_written_in_indonesian_words():
    assert [terbilang(n) for n in (1, 11, 12, 20, 45, 100, 118, 250)] == [
        "satu", "sebelas", "dua belas", "dua puluh", "empat puluh lima", "seratus", "seratus delapan belas",
        "dua ratus lima puluh"]
    assert attachments_line(0) == "-" and attachments_line(3) == "3 (tiga) berkas"


def test_a_long_list_of_addressees_is_printed_as_a_lampiran_after_the_letter():
    names = [f"Kepala Perangkat Daerah {i}" for i in range(1, 61)]
    pdf = render_letter(_document(addressees=names))
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    first = " ".join(pages[0].extract_text().split())
    assert "Yth. Daftar terlampir (60 penerima)" in first and "Kepala Perangkat Daerah 1" not in first
    rest = _text(pdf)
    assert "DAFTAR PENERIMA" in rest and "1. Kepala Perangkat Daerah 1" in rest and "60. Kepala Perangkat Daerah 60" in rest
    assert "Nomor : 005/12/DISKOMINFOS/2026" in rest


BALINESE = "ᬧᬾᬫᬾᬭᬶᬦ᭄ᬢᬄ ᬧ᭄ᬭᭀᬯᬶᬦ᭄ᬲᬶ ᬩᬮᬶ"  # Pemerintah Provinsi Bali


def _logo_png(size: tuple[int, int] = (120, 120)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_names_beyond_latin_1_print_as_written():
    text = _text(render_letter(_document(signer_name="Ni Made Śrī Wiḍiastuti", subject="Rapat Ŝatu Data")))
    assert "Ni Made Śrī Wiḍiastuti" in text and "Rapat Ŝatu Data" in text and "?" not in text


def test_the_aksara_bali_line_extracts_as_balinese_characters():
    text = _text(render_letter(_document(balinese_line=BALINESE)))
    # A vowel sign drawn before its consonant (taling) carries the pair's text, the consonant's glyph none; pypdf
    # gives such a glyph as a control character and may split words where glyphs are placed: compare without both.
    printed = "".join(ch for ch in text if unicodedata.category(ch) != "Cc" and ch != " ")
    assert BALINESE.replace(" ", "") in printed
    assert "?" not in text


def test_the_letterhead_prints_its_own_lines_and_the_logo_beside_them():
    doc = _document(letterhead_name="Bidang Aplikasi Informatika", org_contact="Telepon (0361) 222222")
    pdf = render_letter(doc, logo=_logo_png())
    text = _text(pdf)
    assert "BIDANG APLIKASI INFORMATIKA" in text and "Telepon (0361) 222222" in text
    assert "DINAS KOMUNIKASI" not in text
    images = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].images
    assert sorted(image.image.size for image in images) == [(120, 120), qr_size(URL)]


def qr_size(url: str) -> tuple[int, int]:
    from PIL import Image

    return Image.open(io.BytesIO(qr_png(url))).size


def test_the_same_document_and_logo_render_the_same_bytes():
    from datetime import datetime

    created = datetime(2026, 11, 29, 10, 0)
    doc = _document(balinese_line=BALINESE)
    assert render_letter(doc, created, _logo_png()) == render_letter(doc, created, _logo_png())
