"""An org's admin sets the org's letterhead in the browser: the lines, a line in Aksara Bali and a logo, then
previews a sample letter. The stack is shared: the org's lines are put back and the logo removed afterwards."""

from __future__ import annotations

import base64
import io
import re

import pypdf
import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.admin_support import open_as
from tests.browser.conftest import DESKTOP, look

pytestmark = pytest.mark.browser

ADMIN = "admin.kominfo"
PATH = "/orgs/DISKOMINFOS/letterhead"
BALINESE = "ᬤᬶᬦᬲ᭄ ᬓᭀᬫᬸᬦᬶᬓᬲᬶ"  # Dinas Komunikasi


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (160, 160), (180, 20, 20)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_an_org_admin_sets_a_letterhead_with_a_balinese_line_and_a_logo(open_page, stack):
    before = stack.call("GET", PATH, as_user=ADMIN)
    try:
        _walk(open_page, stack)
    finally:
        lines = {key: before[key] for key in ("government", "org_name", "address", "contact", "balinese")}
        stack.call("PUT", PATH, lines, as_user=ADMIN)
        stack.call("DELETE", f"{PATH}/logo", as_user=ADMIN)


def _walk(open_page, stack) -> None:
    page = open_page(DESKTOP)
    open_as(page, ADMIN, "/admin/kop-surat")
    form = page.get_by_test_id("letterhead-form")
    expect(form.get_by_label("Nama perangkat daerah")).to_have_value(re.compile("Dinas Komunikasi"))
    form.get_by_label("Baris Aksara Bali (tidak wajib)").fill("Dinas Kominfo")
    form.get_by_role("button", name="Simpan kop surat").click()
    expect(form.get_by_role("alert").get_by_role("link", name="Baris Aksara Bali hanya boleh")).to_be_visible()
    form.get_by_label("Baris Aksara Bali (tidak wajib)").fill(BALINESE)
    form.get_by_label("Kontak (tidak wajib)").fill("Telepon (0361) 224412, Pos-el diskominfos@baliprov.go.id")
    form.get_by_role("button", name="Simpan kop surat").click()
    expect(form.get_by_role("status").filter(has_text="Kop surat disimpan.")).to_be_visible()

    page.get_by_label("Berkas logo").set_input_files(files=[{"name": "logo.png", "mimeType": "image/png",
                                                                  "buffer": _png()}])
    page.get_by_role("button", name="Unggah logo").click()
    expect(page.get_by_role("status").filter(has_text="Logo disimpan.")).to_be_visible()
    expect(page.get_by_test_id("logo-state")).to_have_text("Logo sekarang: 160 × 160 piksel.")
    page.get_by_role("button", name="Tampilkan pratinjau").click()
    kop = page.get_by_test_id("letterhead-preview")
    expect(kop).to_contain_text(BALINESE)
    expect(kop.get_by_role("img", name="Logo kop surat")).to_be_visible()
    expect(page.get_by_role("link", name="Unduh contoh surat (PDF)")).to_be_visible()
    look(page, "admin-letterhead")
    saved = stack.call("GET", PATH, as_user=ADMIN)
    assert saved["balinese"] == BALINESE and saved["logo"]["width"] == 160 and saved["custom"] is True
    preview = stack.call("GET", f"{PATH}/preview", as_user=ADMIN)
    sample = pypdf.PdfReader(io.BytesIO(base64.b64decode(preview["pdf_base64"]))).pages[0]
    text = "".join(ch for ch in sample.extract_text() if ch != " " and ord(ch) >= 0x20)
    assert BALINESE.replace(" ", "") in text and "Telepon(0361)224412" in text
    assert (160, 160) in [image.image.size for image in sample.images]
