"""Operators, leaders and the auditor in the browser: an operator returns and then accepts a citizen's
submission and forwards it to another org, whose head finds it there; the head disposes it to a kabid, who
disposes it further to a kasi, who marks it done with a reply letter; the auditor searches another org's archive
and finds no write action. Every screen is checked with axe-core and photographed at phone and desktop size."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, look
from tests.browser.ops_support import citizen_submission, expect_unread, sign_in_as, unread_count

pytestmark = pytest.mark.browser

SUBJECT = "Permohonan data jaringan internet desa Tenganan"


def test_a_citizens_letter_is_returned_accepted_and_disposed_down_to_a_kasi_who_answers_it(open_page, stack):
    receipt = citizen_submission(stack, SUBJECT)

    # The operator, on a phone, returns it with a reason the sender reads.
    operator = open_page(PHONE)
    sign_in_as(operator, "operator.kominfo")
    operator.goto("/operator")
    operator.get_by_role("link", name=SUBJECT).wait_for()
    look(operator, "ops-queue")
    operator.get_by_role("link", name=SUBJECT).click()
    operator.get_by_role("button", name="Kembalikan untuk dilengkapi").click()
    expect(operator.get_by_text("Tulis alasan yang akan dibaca pengirim").first).to_be_visible()
    operator.get_by_label("Alasan atau catatan").fill("Lampirkan surat pengantar dari kepala desa.")
    look(operator, "ops-submission")
    operator.get_by_role("button", name="Kembalikan untuk dilengkapi").click()
    expect(operator.get_by_test_id("verify-result")).to_contain_text("Dikembalikan")
    tracking = stack.call("GET", f"/public/track/{receipt['code']}")
    assert tracking["status"] == "returned" and "Lampirkan surat pengantar dari kepala desa." in json.dumps(tracking)

    # The citizen sends it back; the operator accepts it from the queue (oldest first, marked resubmitted).
    stack.call("POST", f"/public/submissions/{receipt['code']}/resubmit",
               {"secret": receipt["secret"], "note": "Surat pengantar sudah kami kirim lewat pos."})
    operator.goto("/operator")
    operator.get_by_role("link", name=SUBJECT).click()
    expect(operator.get_by_test_id("submission-state")).to_have_attribute("data-state", "resubmitted")
    operator.get_by_role("button", name="Terima dan catat sebagai surat masuk").click()
    expect(operator.get_by_test_id("verify-result")).to_contain_text("nomor agenda")

    # The operator forwards it from the register to Biro Umum too (for its information), with a note.
    operator.goto("/operator/agenda")
    operator.get_by_role("row").filter(has_text=SUBJECT).get_by_role("link").click()
    form = operator.get_by_role("form", name="Teruskan surat")
    form.get_by_role("button", name="Teruskan surat").click()
    expect(operator.get_by_text("Pilih tujuan surat diteruskan").first).to_be_visible()
    form.get_by_label("Perangkat daerah tujuan").select_option("BIROUMUM")
    form.get_by_label("Catatan (opsional)").fill("Tembusan untuk Biro Umum: jaringan desa termasuk program provinsi.")
    form.get_by_role("button", name="Teruskan surat").click()
    expect(operator.get_by_test_id("forward-done")).to_contain_text("nomor agenda")
    expect(operator.get_by_test_id("forwarded-to")).to_contain_text("Biro Umum dan Protokol")
    look(operator, "ops-forwarded")

    # Biro Umum's head finds it unread in the org's incoming letters, with where it came from.
    karo = open_page(DESKTOP)
    sign_in_as(karo, "karo.umum")
    karo.goto("/surat-masuk?tab=all")
    expect(karo.get_by_test_id("unread-all")).to_be_visible()
    karo.get_by_role("link", name=SUBJECT).click()
    expect(karo.get_by_test_id("forwarded-from")).to_contain_text("Dinas Komunikasi, Informatika dan Statistika")
    expect(karo.get_by_test_id("forwarded-from")).to_contain_text("jaringan desa termasuk program provinsi")
    look(karo, "ops-forwarded-received")

    # The head disposes it to the kabid on the disposition sheet.
    head = open_page(DESKTOP)
    sign_in_as(head, "kadis.kominfo")
    head.goto("/surat-masuk?tab=all")
    head.get_by_role("link", name=SUBJECT).wait_for()
    look(head, "ops-incoming")
    head.get_by_role("link", name=SUBJECT).click()
    sheet = head.get_by_role("form", name="Lembar disposisi")
    sheet.get_by_role("button", name="Kirim disposisi").click()
    expect(head.get_by_text("Centang paling sedikit satu instruksi").first).to_be_visible()
    sheet.get_by_label("Tindak lanjuti").check()
    sheet.get_by_label("Siapkan jawaban").check()
    sheet.get_by_label(re.compile(r"^Kepala Bidang Aplikasi Informatika")).check()
    sheet.get_by_label(re.compile(r"^Sekretaris Dinas")).check()
    sheet.get_by_label("Catatan").fill("Mohon koordinasi dengan seksi layanan.")
    look(head, "ops-disposition-sheet")
    sheet.get_by_role("button", name="Kirim disposisi").click()
    head.get_by_test_id("disposition-sent").wait_for()
    tree = head.get_by_test_id("disposition-tree")
    expect(tree).to_contain_text("Kepala Bidang Aplikasi Informatika")
    # Sent to the secretary by mistake: recalled while still unread.
    to_secretary = tree.locator("li").filter(has_text="kepada Sekretaris Dinas")
    to_secretary.get_by_role("button", name="Tarik kembali").click()
    expect(to_secretary).to_have_attribute("data-state", "recalled")

    # The kabid, on a phone, opens it from the list and disposes it further to the kasi.
    kabid = open_page(PHONE)
    sign_in_as(kabid, "kabid.aptika")
    kabid.goto("/surat-masuk")
    unread = kabid.get_by_test_id("unread-dispositions")
    before = unread_count(unread)
    kabid.get_by_role("link", name=SUBJECT).click()
    expect(kabid.get_by_test_id("disposition-state")).to_have_attribute("data-state", "read")
    expect_unread(unread, before - 1)
    look(kabid, "ops-disposition-received")
    kabid.get_by_role("button", name="Disposisikan lebih lanjut").click()
    further = kabid.get_by_role("form", name="Lembar disposisi")
    further.get_by_label("Siapkan jawaban").check()
    further.get_by_label(re.compile(r"^Kepala Seksi Layanan")).check()
    further.get_by_role("button", name="Kirim disposisi").click()
    kabid.get_by_test_id("disposition-sent").wait_for()

    # The kasi drafts the reply letter from it and marks it done.
    kasi = open_page(DESKTOP)
    sign_in_as(kasi, "kasi.layanan")
    kasi.goto("/surat-masuk")
    kasi.get_by_role("link", name=SUBJECT).click()
    kasi.get_by_label("Isi surat balasan").fill("Dengan hormat, data jaringan desa Tenganan kami lampirkan.")
    kasi.get_by_role("button", name="Buat surat balasan").click()
    kasi.get_by_test_id("reply-drafted").wait_for()
    kasi.get_by_label("Tindak lanjut").fill("Data disiapkan, surat balasan dalam proses paraf.")
    kasi.get_by_role("button", name="Tandai selesai").click()
    expect(kasi.get_by_test_id("disposition-state")).to_have_attribute("data-state", "done")
    look(kasi, "ops-disposition-done")
    kasi.get_by_role("link", name="Buka konsep balasan").first.click()
    kasi.wait_for_url(re.compile(r"/surat/[^/]+$"))
    expect(kasi.locator("main")).to_contain_text("data jaringan desa Tenganan kami lampirkan")


def test_the_auditor_reads_another_orgs_archive_and_finds_no_write_action(open_page, stack):
    auditor = open_page(DESKTOP)
    sign_in_as(auditor, "inspektur")
    auditor.get_by_role("link", name="Arsip").click()
    auditor.get_by_label("Perangkat daerah").select_option("BIROUMUM")
    auditor.get_by_role("button", name="Cari", exact=True).click()
    auditor.get_by_role("heading", name="Jatuh tempo retensi").wait_for()
    expect(auditor.get_by_text("hanya baca")).to_be_visible()
    look(auditor, "ops-archive-auditor")
    main = auditor.locator("main")
    buttons = {b.inner_text() for b in main.get_by_role("button").all()}
    assert buttons <= {"Cari", "Unduh CSV", "Sebelumnya", "Berikutnya"}, buttons
