"""A citizen sends a proposal with an attachment, tracks it, completes what the operator asked for, reads the reply."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import PHONE, Stack, look
from tests.support import wait_until

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _operator_decides(stack: Stack, code: str, decision: str, note: str) -> dict:
    items = stack.call("GET", "/submissions", as_user="operator.kominfo")["items"]
    submission = next(i for i in items if i["code"] == code)
    return stack.call("POST", f"/submissions/{submission['id']}/verify", {"decision": decision, "note": note},
                      as_user="operator.kominfo")


def _tracked(stack: Stack, code: str) -> dict[str, Any]:
    return stack.call("GET", f"/public/track/{code}")


def _status(stack: Stack, code: str) -> str:
    return _tracked(stack, code)["status"]


def test_a_citizen_sends_a_proposal_completes_it_when_returned_and_reads_the_signed_reply(open_page, stack, tmp_path):
    page = open_page(PHONE)
    proposal = tmp_path / "proposal-festival.pdf"
    proposal.write_bytes(PDF)
    budget = tmp_path / "rab-festival.pdf"
    budget.write_bytes(PDF)

    page.goto("/")
    look(page, "home")
    page.get_by_role("link", name="Kirim surat atau proposal").first.click()

    # A wrong file type is refused at once, in words.
    page.get_by_label("Proposal", exact=True).check()
    wrong = tmp_path / "archive.zip"
    wrong.write_bytes(b"PK\x03\x04")
    page.get_by_label("Lampiran (opsional)").set_input_files(str(wrong))
    assert page.get_by_text("tidak dapat dikirim").is_visible()

    # Sending without the consent names what is missing.
    page.get_by_role("button", name="Kirim", exact=True).click()
    summary = page.get_by_role("alert")
    assert "persetujuan pemrosesan data pribadi" in summary.inner_text()
    look(page, "send-errors")

    page.get_by_label("Tujuan (perangkat daerah)").select_option("DISKOMINFOS")
    page.get_by_label("Nama lengkap").fill("Ni Luh Putu Sari")
    page.get_by_label("Email").fill("sari@example.com")
    page.get_by_label("Perihal").fill("Proposal Festival Literasi Digital Desa")
    page.get_by_label("Isi surat").fill("Dengan hormat, kami mengajukan dukungan untuk festival literasi digital.")
    page.get_by_label("Jenis proposal").select_option("sponsorship")
    page.get_by_label("Jumlah dana yang diajukan (rupiah, opsional)").fill("15000000")
    page.get_by_label("Tanggal kegiatan (opsional)").fill("2027-02-14")
    page.get_by_label("Lampiran (opsional)").set_input_files(str(proposal))
    page.get_by_label(re.compile("Saya setuju data pribadi")).check()
    look(page, "send")
    page.get_by_role("button", name="Kirim", exact=True).click()

    page.wait_for_url("**/kirim/tanda-terima")
    code = page.get_by_test_id("receipt-code").inner_text()
    secret = page.get_by_test_id("receipt-secret").inner_text()
    assert re.fullmatch(r"KV-[A-Z0-9]{4}-[A-Z0-9]{4}", code) and secret
    assert "proposal-festival.pdf" in page.locator("main").inner_text()
    look(page, "receipt")

    page.get_by_role("link", name="Lacak pengajuan ini").click()
    assert page.get_by_test_id("track-status").get_attribute("data-status") == "received"
    look(page, "track")

    # The operator asks for the budget (their screens are part 2: the API does it here).
    _operator_decides(stack, code, "return", "Mohon lampirkan rincian anggaran (RAB).")
    page.reload()
    assert page.get_by_test_id("track-status").get_attribute("data-status") == "returned"
    assert "Mohon lampirkan rincian anggaran (RAB)." in page.locator("main").inner_text()
    page.get_by_label("Kode rahasia").fill("salah-" + secret[:6])
    page.get_by_role("button", name="Kirim kembali").click()
    assert "Kode rahasia tidak cocok." in page.get_by_role("alert").inner_text()
    page.get_by_label("Kode rahasia").fill(secret)
    page.get_by_label("Lampiran (opsional)").set_input_files(str(budget))
    page.get_by_label("Keterangan tambahan (opsional)").fill("RAB terlampir.")
    look(page, "track-returned")
    page.get_by_role("button", name="Kirim kembali").click()
    page.get_by_text("Pengajuan telah dilengkapi dan dikirim kembali.").wait_for()
    page.locator("[data-testid=track-status][data-status=resubmitted]").wait_for()

    # Accepted, answered by the head with a signed reply.
    incoming_id = _operator_decides(stack, code, "accept", "lengkap")["incoming_id"]
    draft = stack.call("POST", f"/incoming/{incoming_id}/reply",
                       {"body": "Dengan hormat, proposal Saudara kami dukung.", "signatory": "KADIS"},
                       as_user="kadis.kominfo")
    stack.call("POST", f"/letters/{draft['id']}/submit", as_user="kadis.kominfo")
    # `answered` and the reply's link are written by two reactions to the same letter.sent event, one after the
    # other: wait for both before the page reads them.
    wait_until(lambda: (lambda t: t["status"] == "answered" and t["reply"])(_tracked(stack, code)), timeout=30,
               message="the reply to reach the submission")

    page.reload()
    page.get_by_role("heading", name="Surat balasan").wait_for()
    page.get_by_label("Kode rahasia").fill(secret)
    page.get_by_role("button", name="Buka surat balasan").click()
    link = page.get_by_test_id("reply-link")
    link.wait_for()
    look(page, "track-reply")
    reply = page.request.get(link.get_attribute("href"))
    assert reply.ok and reply.body().startswith(b"%PDF")
