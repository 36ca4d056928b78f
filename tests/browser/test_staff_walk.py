"""A staff member drafts a letter; three reviewers approve it from their queues (one on a phone); it arrives
signed in another org's incoming register, counted unread until its addressee opens it, and the drafter sees the
read receipt."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, look, sign_in
from tests.browser.ops_support import expect_unread, unread_count

pytestmark = pytest.mark.browser

SUBJECT = "Permohonan dukungan jaringan untuk layanan e-government"


def _open_from_queue(open_page, who: str, size: dict[str, int], name: str, first: bool = False) -> Any:
    page = open_page(size)
    sign_in(page, who)
    if first:
        # The request shows as a new notification (the badge counts it) that links to the letter.
        expect(page.get_by_test_id("notification-badge")).to_be_visible(timeout=30_000)
        page.get_by_role("link", name="Notifikasi").click()
        expect(page.get_by_role("link", name="Permintaan paraf").first).to_be_visible()
        look(page, "notifications")
    page.goto("/persetujuan")
    page.get_by_role("link", name=SUBJECT).wait_for(timeout=30_000)  # the queue polls: no reload needed
    look(page, f"approvals-{name}")
    page.get_by_role("link", name=SUBJECT).click()
    return page


def _approve_from_queue(open_page, who: str, size: dict[str, int], name: str, sign: bool = False,
                        first: bool = False) -> str:
    page = _open_from_queue(open_page, who, size, name, first)
    button = page.get_by_role("button", name="Setujui dan tandatangani" if sign else "Setujui (paraf)")
    button.wait_for()
    look(page, f"letter-decide-{name}")
    button.click()
    result = page.get_by_test_id("decision-result")
    result.wait_for()
    return result.inner_text()


def test_a_letter_climbs_three_reviewers_and_arrives_signed_in_another_orgs_register(open_page, stack, tmp_path):
    plan = tmp_path / "denah-jaringan.pdf"
    plan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    drafter = open_page(DESKTOP)
    sign_in(drafter, "staf.kominfo")
    look(drafter, "boxes")
    drafter.get_by_role("link", name="Buat surat").click()
    drafter.get_by_label("Jenis naskah").select_option("surat_dinas")
    drafter.get_by_label("Cari").first.fill("000.1.2")
    drafter.get_by_label("Pilih kode").select_option("000.1.2")
    drafter.get_by_label("Hal", exact=True).fill(SUBJECT)
    addressees = drafter.get_by_role("group", name="Kepada (Yth.)")
    addressees.get_by_label("Cari").fill("biro umum")
    addressees.get_by_label(re.compile(r"^Biro Umum dan Protokol Sekretariat Daerah")).check()
    drafter.get_by_label("Isi surat").fill("Dengan hormat, bersama ini kami sampaikan permohonan dukungan jaringan.")
    drafter.get_by_label("Lampiran (opsional)").set_input_files(str(plan))
    expect(drafter.get_by_label("Penandatangan")).to_have_value("KADIS")  # the head of the org, once loaded
    preview = drafter.get_by_role("region", name="Pratinjau surat")
    assert SUBJECT in preview.inner_text() and "Biro Umum dan Protokol" in preview.inner_text()
    look(drafter, "editor")
    drafter.get_by_role("button", name="Simpan dan ajukan").click()
    drafter.get_by_text("Surat diajukan untuk diperiksa.").wait_for()
    expect(drafter.get_by_test_id("letter-state")).to_have_attribute("data-state", "in_review")
    expect(drafter.get_by_test_id("letter-attachments")).to_have_text("denah-jaringan.pdf")
    look(drafter, "letter-in-review")

    assert "diteruskan" in _approve_from_queue(open_page, "kasi.layanan", DESKTOP, "kasi", first=True)

    # The kabid, on a phone, asks for a change; the drafter edits the draft and submits it again.
    kabid = _open_from_queue(open_page, "kabid.aptika", PHONE, "kabid-revise")
    kabid.get_by_role("button", name="Minta perbaikan").click()
    expect(kabid.get_by_text("Tulis catatan untuk meminta perbaikan atau menolak")).to_be_visible()
    kabid.get_by_label("Catatan").fill("Sebutkan jumlah titik jaringan.")
    kabid.get_by_role("button", name="Minta perbaikan").click()
    expect(kabid.get_by_test_id("decision-result")).to_have_text("Dikembalikan untuk perbaikan.")
    drafter.reload()
    expect(drafter.get_by_test_id("letter-state")).to_have_attribute("data-state", "revision_requested")
    assert "Sebutkan jumlah titik jaringan." in drafter.locator("main").inner_text()
    drafter.get_by_role("link", name="Ubah konsep").click()
    drafter.get_by_label("Isi surat").fill("Dengan hormat, kami mohon dukungan jaringan untuk 25 titik layanan.")
    look(drafter, "editor-revision")
    drafter.get_by_role("button", name="Simpan dan ajukan").click()
    expect(drafter.get_by_test_id("letter-state")).to_have_attribute("data-state", "in_review")

    assert "diteruskan" in _approve_from_queue(open_page, "kasi.layanan", DESKTOP, "kasi-round-2")
    assert "diteruskan" in _approve_from_queue(open_page, "kabid.aptika", PHONE, "kabid")
    signed = _approve_from_queue(open_page, "kadis.kominfo", DESKTOP, "kadis", sign=True)
    number = re.search(r"nomor (\S+)\.", signed).group(1)
    assert re.fullmatch(r"000\.1\.2/\d+/DISKOMINFOS/\d{4}", number)

    drafter.reload()
    expect(drafter.get_by_test_id("letter-number")).to_have_text(number)
    letter_page = drafter.url
    # Sent: the drafter sees who received it and that nobody has opened it yet (tanda baca).
    expect(drafter.get_by_test_id("receipts-summary")).to_have_text("Dibaca 0 dari 1")
    drafter.get_by_role("button", name="Tampilkan PDF").click()
    pdf = drafter.get_by_test_id("pdf-link")
    pdf.wait_for()
    signed_pdf = drafter.request.get(pdf.get_attribute("href")).body()
    assert signed_pdf.startswith(b"%PDF")
    look(drafter, "letter-signed")

    # Anyone can check it: the verification link, then the PDF itself dropped on the page.
    drafter.get_by_role("link", name="Tautan verifikasi").click()
    drafter.get_by_label("Berkas PDF surat (opsional)").set_input_files(
        {"name": "surat.pdf", "mimeType": "application/pdf", "buffer": signed_pdf})
    drafter.get_by_role("button", name="Periksa").click()
    result = drafter.get_by_test_id("verify-result")
    expect(result).to_contain_text("Surat ini sah")
    expect(result).to_contain_text("Berkas PDF ini sama dengan yang ditandatangani.")
    assert number in result.inner_text()
    look(drafter, "verify")

    head_of_other_org = open_page(PHONE)
    sign_in(head_of_other_org, "karo.umum")
    head_of_other_org.goto("/surat?kotak=incoming")
    register = head_of_other_org.get_by_test_id("box-incoming")
    register.wait_for()
    assert number in register.inner_text() and SUBJECT in register.inner_text()
    # The register's tab counts it unread until the addressee opens it; then the count goes down by one.
    unread = head_of_other_org.get_by_test_id("unread-incoming")
    before = unread_count(unread)
    look(head_of_other_org, "incoming-register")
    register.get_by_role("link", name=SUBJECT).click()
    expect(head_of_other_org.get_by_role("heading", name=SUBJECT, level=1)).to_be_visible()
    look(head_of_other_org, "incoming-opened")
    head_of_other_org.go_back()
    register.wait_for()
    expect_unread(unread, before - 1)

    # The drafter sees it read: by whom and when, in WITA.
    drafter.goto(letter_page)
    receipts = drafter.get_by_test_id("read-receipts")
    expect(drafter.get_by_test_id("receipts-summary")).to_have_text("Dibaca 1 dari 1")
    expect(receipts).to_contain_text("Biro Umum dan Protokol")
    expect(receipts).to_contain_text(re.compile(r"Dibaca \d{1,2} \w+ \d{4} \d{2}\.\d{2} WITA oleh karo\.umum"))
    look(drafter, "letter-receipts")
