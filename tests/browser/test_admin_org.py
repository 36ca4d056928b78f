"""An org admin reads the org as a tree and appoints a Plh, who then approves a letter in the absent head's place."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.admin_support import open_as, sign_in_as
from tests.browser.conftest import DESKTOP, PHONE, look
from tests.integration.letters_flow import letter_body
from tests.support import wait_until

pytestmark = pytest.mark.browser

SUBJECT = "Permohonan data pengguna layanan aplikasi"


def _waiting_for(stack, who: str, letter_id: str) -> bool:
    items = stack.call("GET", "/approvals?limit=100", as_user=who)["items"]
    return any(item["letter_id"] == letter_id for item in items)


def test_an_org_admin_appoints_a_plh_who_approves_a_letter_in_the_head_s_place(open_page, stack):
    letter = stack.call("POST", "/letters", letter_body(subject=SUBJECT), as_user="staf.kominfo")
    stack.call("POST", f"/letters/{letter['id']}/submit", as_user="staf.kominfo")
    wait_until(lambda: _waiting_for(stack, "kasi.layanan", letter["id"]), timeout=30, message="the kasi's step")
    stack.call("POST", f"/letters/{letter['id']}/decision", {"decision": "approve"}, as_user="kasi.layanan")

    admin = open_page(DESKTOP)
    open_as(admin, "admin.kominfo", "/admin/struktur")
    tree = admin.get_by_test_id("org-tree")
    kabid = tree.get_by_test_id("position-KABID-APTIKA")
    expect(kabid).to_contain_text("Pemangku: Ni Made Sri Widiastuti")
    expect(tree.get_by_test_id("position-KASI-LAYANAN")).to_contain_text("Atasan: Kepala Bidang Aplikasi Informatika")
    look(admin, "admin-org-tree")
    kabid.get_by_role("button", name="Tunjuk Plt/Plh KABID-APTIKA").click()
    kabid.get_by_label("Pegawai yang ditunjuk").select_option("sekretaris.kominfo")
    expect(kabid.get_by_label(re.compile(r"^Plh"))).to_be_checked()  # the seat has a holder: an absence
    kabid.get_by_label("Nomor surat perintah").fill("800/123/DISKOMINFOS/2026")
    kabid.get_by_role("button", name="Tunjuk Plt/Plh", exact=True).click()
    expect(kabid.get_by_role("status").filter(has_text="ditunjuk sebagai PLH")).to_be_visible()
    expect(kabid.get_by_test_id("acting-KABID-APTIKA-schedule")).to_contain_text("(berlaku)")
    look(admin, "admin-acting")

    plh = open_page(PHONE)
    sign_in_as(plh, "sekretaris.kominfo")
    plh.get_by_text("Bertindak sebagai Plt / Plh").click()
    plh.get_by_label("Kode jabatan yang Anda wakili").fill("KABID-APTIKA")
    plh.get_by_role("button", name="Mulai").click()
    expect(plh.get_by_role("status").filter(has_text="untuk KABID-APTIKA")).to_be_visible()
    plh.goto("/persetujuan")
    plh.get_by_role("link", name=SUBJECT).click(timeout=30_000)  # the queue polls until the step waits
    plh.get_by_role("button", name="Setujui (paraf)").click()
    expect(plh.get_by_test_id("decision-result")).to_contain_text("diteruskan")
    timeline = stack.call("GET", f"/letters/{letter['id']}/timeline", as_user="staf.kominfo")
    assert [(e["actor"], e["acting_kind"]) for e in timeline["events"] if e["acting_for"] == "KABID-APTIKA"] == [
        ("sekretaris.kominfo", "plh")]  # the trail says who approved for whom
