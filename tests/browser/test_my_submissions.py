"""A citizen with an account finds their submission under "Pengajuan saya" and completes it there, without the secret."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, look, sign_in

pytestmark = pytest.mark.browser
SUBJECT = "Permohonan audiensi Karang Taruna Sanur"


def test_a_signed_in_citizen_completes_a_returned_submission_from_pengajuan_saya(open_page, stack, tmp_path):
    letter = tmp_path / "susunan-pengurus.pdf"
    letter.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page = open_page(PHONE)
    sign_in(page, "warga")
    page.get_by_role("link", name="Kirim surat atau proposal").first.click()
    page.get_by_label("Tujuan (perangkat daerah)").select_option("DISKOMINFOS")
    page.get_by_label("Nama lengkap").fill("Ni Luh Gede Sukmawati")
    page.get_by_label("Email").fill("sukmawati@example.com")
    page.get_by_label("Perihal").fill(SUBJECT)
    page.get_by_label("Isi surat").fill("Dengan hormat, kami mohon waktu untuk beraudiensi.")
    page.get_by_label("Saya setuju data pribadi saya diproses", exact=False).check()
    page.get_by_role("button", name="Kirim", exact=True).click()
    code = page.get_by_test_id("receipt-code").inner_text()

    items = stack.call("GET", "/submissions", as_user="operator.kominfo")["items"]
    submission = next(i for i in items if i["code"] == code)
    stack.call("POST", f"/submissions/{submission['id']}/verify",
               {"decision": "return", "note": "Lampirkan susunan pengurus."}, as_user="operator.kominfo")

    page.get_by_role("link", name="Pengajuan saya").click()
    page.get_by_role("link", name=SUBJECT).click()
    expect(page.get_by_test_id("track-status")).to_have_attribute("data-status", "returned")
    expect(page.locator("main")).to_contain_text("Lampirkan susunan pengurus.")
    page.get_by_label("Lampiran (opsional)").set_input_files(str(letter))
    look(page, "my-submission-returned")
    page.get_by_role("button", name="Kirim kembali").click()
    expect(page.get_by_test_id("track-status")).to_have_attribute("data-status", "resubmitted")
    expect(page.locator("main")).to_contain_text("susunan-pengurus.pdf")
