"""The operator's other screens (a paper letter registered with its scan, the register, the dispatch list, the
archive with a record's trail), and the role boundaries of every ops screen: a role that must not see a screen
gets the app's "not allowed" page, never an error or data."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, look
from tests.browser.ops_support import FORBIDDEN, sign_in_as
from tests.support import wait_until

pytestmark = pytest.mark.browser

OPERATOR_SCREENS = ["/operator", "/operator/pengajuan/x", "/operator/surat-kertas", "/operator/agenda",
                    "/operator/pengiriman"]
INCOMING_SCREENS = ["/surat-masuk", "/surat-masuk/x", "/disposisi/x"]
ARCHIVE_SCREENS = ["/arsip", "/arsip/jejak/letter-x"]
UNIVERSITY = {"kind": "external", "name": "Rektor Universitas Udayana", "address": "Jl. Kampus Bukit, Jimbaran",
              "code": None, "email": None}


@pytest.mark.parametrize(("username", "screens"), [
    ("warga", OPERATOR_SCREENS + INCOMING_SCREENS + ARCHIVE_SCREENS),
    ("kadis.kominfo", OPERATOR_SCREENS + ARCHIVE_SCREENS),
    ("operator.kominfo", INCOMING_SCREENS),
    ("inspektur", OPERATOR_SCREENS + INCOMING_SCREENS),
])
def test_a_role_that_must_not_see_a_screen_gets_the_not_allowed_page(open_page, username, screens):
    page = open_page(DESKTOP)
    sign_in_as(page, username)
    for path in screens:
        page.goto(path)
        expect(page.get_by_role("alert")).to_have_text(FORBIDDEN)


def test_an_operator_registers_a_paper_letter_and_sends_a_signed_letter_by_post(open_page, stack, tmp_path):
    scan = tmp_path / "surat-undangan.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    letter = stack.call("POST", "/letters", {
        "type": "surat_dinas", "classification": "000.1.2", "subject": "Undangan rapat koordinasi jaringan kampus",
        "body": "Dengan hormat, kami mengundang Bapak hadir pada rapat koordinasi.", "addressees": [UNIVERSITY],
        "cc": [], "signatory": "KADIS", "security": "biasa", "urgency": "biasa"}, as_user="kadis.kominfo")
    stack.call("POST", f"/letters/{letter['id']}/submit", as_user="kadis.kominfo")

    operator = open_page(DESKTOP)
    sign_in_as(operator, "operator.kominfo")
    operator.get_by_role("link", name="Antrean verifikasi").click()
    operator.get_by_role("link", name="Catat surat kertas").click()
    operator.get_by_role("button", name="Catat surat masuk").click()
    expect(operator.get_by_role("alert").filter(has_text="Ada yang perlu diperbaiki")).to_be_visible()
    operator.get_by_label("Nama pengirim").fill("I Wayan Sudarsana")
    operator.get_by_label("Instansi pengirim (opsional)").fill("Universitas Pendidikan Ganesha")
    operator.get_by_label("Perihal").fill("Undangan seminar transformasi digital")
    operator.get_by_label("Pindaian surat").set_input_files(str(scan))
    look(operator, "ops-paper-letter")
    operator.get_by_role("button", name="Catat surat masuk").click()
    agenda = operator.get_by_test_id("agenda-number")
    expect(agenda).to_have_text(re.compile(r"/DISKOMINFOS/"))
    expect(operator.get_by_text("Surat dicatat dengan nomor agenda")).to_be_visible()
    look(operator, "ops-paper-receipt")
    operator.get_by_label("Pindaian surat").set_input_files(str(scan))
    operator.get_by_role("button", name="Ganti pindaian").click()
    expect(operator.get_by_text("Pindaian pengganti diterima.")).to_be_visible()

    operator.get_by_role("link", name="Agenda surat masuk").first.click()
    expect(operator.get_by_test_id("incoming-register")).to_contain_text("Undangan seminar transformasi digital")
    look(operator, "ops-register")

    # The signed letter to a university without an email address waits in the dispatch list.
    wait_until(lambda: any(d["letter_id"] == letter["id"] for d in
                           stack.call("GET", "/deliveries", as_user="operator.kominfo")["items"]),
               timeout=30, message="the delivery by hand")
    operator.get_by_role("link", name="Pengiriman").click()
    row = operator.get_by_test_id("dispatch-pending").get_by_role("listitem").filter(
        has_text="Undangan rapat koordinasi jaringan kampus")
    look(operator, "ops-dispatch")
    row.get_by_label("Dikirim lewat").select_option("pos")
    row.get_by_label("Nomor resi atau nama penerima").fill("RR123456789ID")
    row.get_by_role("button", name="Catat terkirim").click()
    expect(row).to_have_count(0)
    operator.get_by_role("link", name="Sudah dikirim").click()
    expect(operator.get_by_test_id("dispatch-dispatched")).to_contain_text("RR123456789ID")

    operator.get_by_role("link", name="Arsip").click()
    operator.get_by_label("Kata kunci atau nomor").fill("undangan")
    operator.get_by_role("button", name="Cari", exact=True).click()
    results = operator.get_by_test_id("archive-results")
    results.get_by_role("link").first.wait_for()
    look(operator, "ops-archive")
    results.get_by_role("link").first.click()
    expect(operator.get_by_test_id("chain-check")).to_contain_text("Rantai utuh")
    look(operator, "ops-record-trail")
