"""Org letterheads over the HTTP API: the org's admin sets the lines, an Aksara Bali line and a logo; a letter
signed afterwards prints them, one signed before keeps its own; bad logos and other orgs' admins are refused."""

from __future__ import annotations

import base64
import io

import pypdf
from PIL import Image

from tests.conftest import assert_error
from tests.integration.archive_flow import HEAD, pdf_of, pdf_text, signed

ADMIN = "admin.kominfo"  # DISKOMINFOS's admin
PATH = "/orgs/DISKOMINFOS/letterhead"
BALINESE = "ᬤᬶᬦᬲ᭄ ᬓᭀᬫᬸᬦᬶᬓᬲᬶ"
LINES = {"government": "Pemerintah Provinsi Bali", "org_name": "Dinas Komunikasi, Informatika dan Statistika",
         "address": "Jalan D.I. Panjaitan Nomor 7, Renon, Denpasar 80235", "contact": "Telepon (0361) 224412",
         "balinese": BALINESE}


def _image(kind: str = "PNG", size: tuple[int, int] = (160, 160)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (190, 20, 20)).save(buffer, format=kind)
    return buffer.getvalue()


def _upload(api, data: bytes, content_type: str = "image/png", who: str = ADMIN, path: str = PATH):
    return api.call("PUT", f"{path}/logo", as_user=who, raw=data, headers={"Content-Type": content_type})


def _images(data: bytes) -> list[tuple[int, int]]:
    return sorted(image.image.size for image in pypdf.PdfReader(io.BytesIO(data)).pages[0].images)


def _unspaced(text: str) -> str:
    return "".join(ch for ch in text if ch != " " and ord(ch) >= 0x20)


def test_an_org_without_its_own_letterhead_shows_the_default_from_its_details(api, province):
    letterhead = api.get(PATH, as_user=ADMIN)
    assert letterhead.status_code == 200, letterhead.body
    body = letterhead.json_body
    assert body["custom"] is False and body["logo"] is None and body["balinese"] is None
    assert body["org_name"].startswith("Dinas Komunikasi") and body["government"] == "Pemerintah Provinsi Bali"


def test_a_letter_signed_after_a_change_prints_the_new_letterhead_and_an_earlier_one_keeps_its_own(api, province):
    before = signed(api)
    assert api.call("PUT", PATH, as_user=ADMIN, body=LINES).status_code == 200
    uploaded = _upload(api, _image())
    assert uploaded.status_code == 200, uploaded.body
    assert uploaded.json_body["logo"]["width"] == 160 and uploaded.json_body["balinese"] == BALINESE

    after = signed(api)
    data = pdf_of(api, after["id"])
    text = pdf_text(data)
    assert "Telepon (0361) 224412" in text and _unspaced(BALINESE) in _unspaced(text)
    assert (160, 160) in _images(data)  # the logo beside the QR code

    old = pdf_text(pdf_of(api, before["id"]))
    assert "Telepon (0361) 224412" not in old and "Jl. D.I. Panjaitan No. 7" in old
    document = api.get(f"/letters/{before['id']}/verification", as_user=HEAD).json_body["document"]
    assert document["printed"].get("balinese_line") is None and document["printed"].get("logo") is None


def test_the_preview_shows_the_letterhead_on_a_sample_letter(api, province):
    api.call("PUT", PATH, as_user=ADMIN, body=LINES)
    _upload(api, _image("JPEG", (200, 100)), "image/jpeg")
    preview = api.get(f"{PATH}/preview", as_user=ADMIN)
    assert preview.status_code == 200, preview.body
    data = base64.b64decode(preview.json_body["pdf_base64"])
    assert "CONTOH" in pdf_text(data) and (200, 100) in _images(data)
    removed = api.call("DELETE", f"{PATH}/logo", as_user=ADMIN)
    assert removed.status_code == 200 and removed.json_body["logo"] is None


def test_bad_logos_are_refused(api, province):
    assert_error(_upload(api, b"GIF89a" + bytes(200), "image/png"), 400, field="body")
    assert_error(_upload(api, _image(size=(8, 8))), 400, field="body")
    assert_error(_upload(api, _image(size=(600, 60))), 400, field="body")
    assert_error(_upload(api, _image()[:40] + bytes(400)), 400, field="body")  # a PNG header over nothing
    assert_error(_upload(api, b"\x89PNG\r\n\x1a\n" + bytes(1_000_001)), 413)
    assert api.get(PATH, as_user=ADMIN).json_body["logo"] is None


def test_lines_are_checked(api, province):
    assert_error(api.call("PUT", PATH, as_user=ADMIN, body={**LINES, "balinese": "Dinas Kominfo"}), 400,
                 field="balinese")
    assert_error(api.call("PUT", PATH, as_user=ADMIN, body={**LINES, "org_name": " "}), 400)
    assert_error(api.call("PUT", PATH, as_user=ADMIN, body={**LINES, "address": "Jalan\u202eRenon"}), 400)


def test_only_the_orgs_admin_or_the_province_admin_edits_it(api, province):
    assert_error(api.get("/orgs/SETDA/letterhead", as_user=ADMIN), 403)
    assert_error(api.call("PUT", "/orgs/SETDA/letterhead", as_user=ADMIN, body=LINES), 403)
    assert_error(_upload(api, _image(), path="/orgs/SETDA/letterhead"), 403)
    assert_error(api.get(PATH, as_user="staf.kominfo"), 403)
    assert api.call("PUT", "/orgs/SETDA/letterhead", as_user="admin", body=LINES).status_code == 200
    assert_error(api.get("/orgs/NOPE/letterhead", as_user="admin"), 404)
