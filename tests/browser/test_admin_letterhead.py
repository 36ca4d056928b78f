"""An org's admin sets the org's letterhead in the browser: the lines, a line in Aksara Bali and a logo, then
previews a sample letter. The letterhead belongs to an org no other browser walk signs letters for."""

from __future__ import annotations

import base64
import io

import pypdf
import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.admin_support import open_as
from tests.browser.conftest import DESKTOP, look

pytestmark = pytest.mark.browser

ADMIN = "admin.biroumum"
BALINESE = "ᬩᬶᬭᭀ ᬉᬫᬸᬫ᭄"  # Biro Umum


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (160, 160), (180, 20, 20)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_an_org_admin_sets_a_letterhead_with_a_balinese_line_and_a_logo(open_page, stack):
    stack.call("POST", "/users", {"username": ADMIN, "full_name": "Ni Kadek Ayu Lestari", "role": "admin",
                                  "org": "BIROUMUM", "email": "admin.biroumum@baliprov.go.id"}, as_user="admin")
    page = open_page(DESKTOP)
    open_as(page, ADMIN, "/admin/kop-surat")
    form = page.get_by_test_id("letterhead-form")
    expect(form.get_by_role("status")).to_contain_text("belum mengatur kop surat sendiri")
    form.get_by_label("Baris Aksara Bali (tidak wajib)").fill("Biro Umum")
    form.get_by_role("button", name="Simpan kop surat").click()
    expect(form.get_by_role("alert").get_by_role("link", name="Baris Aksara Bali hanya boleh")).to_be_visible()
    form.get_by_label("Baris Aksara Bali (tidak wajib)").fill(BALINESE)
    form.get_by_label("Kontak (tidak wajib)").fill("Telepon (0361) 222387, Pos-el biroumum@baliprov.go.id")
    form.get_by_role("button", name="Simpan kop surat").click()
    expect(form.get_by_role("status").filter(has_text="Kop surat disimpan.")).to_be_visible()

    page.get_by_label("Logo", exact=True).set_input_files(files=[{"name": "logo.png", "mimeType": "image/png",
                                                                  "buffer": _png()}])
    page.get_by_role("button", name="Unggah logo").click()
    expect(page.get_by_role("status").filter(has_text="Logo disimpan.")).to_be_visible()
    expect(page.get_by_test_id("logo-state")).to_have_text("Logo sekarang: 160 × 160 piksel.")
    look(page, "admin-letterhead")

    page.get_by_role("button", name="Tampilkan pratinjau").click()
    expect(page.get_by_test_id("letterhead-preview")).to_be_visible()
    saved = stack.call("GET", "/orgs/BIROUMUM/letterhead", as_user=ADMIN)
    assert saved["balinese"] == BALINESE and saved["logo"]["width"] == 160 and saved["custom"] is True
    preview = stack.call("GET", "/orgs/BIROUMUM/letterhead/preview", as_user=ADMIN)
    sample = pypdf.PdfReader(io.BytesIO(base64.b64decode(preview["pdf_base64"]))).pages[0]
    text = "".join(ch for ch in sample.extract_text() if ch != " " and ord(ch) >= 0x20)
    assert BALINESE.replace(" ", "") in text and "Telepon(0361)222387" in text
    assert (160, 160) in [image.image.size for image in sample.images]
