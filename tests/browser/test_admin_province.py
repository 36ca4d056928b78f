"""The province-wide admin adds an agency and reads the classification and retention (JRA) table."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.admin_support import open_as
from tests.browser.conftest import DESKTOP, look

pytestmark = pytest.mark.browser


def test_the_province_admin_adds_an_agency_and_searches_the_retention_table(open_page, stack):
    page = open_page(DESKTOP)
    open_as(page, "admin", "/provinsi/perangkat-daerah")
    page.get_by_role("button", name="Tambah", exact=True).click()
    expect(page.get_by_role("alert").get_by_role("link", name="Isi Kode")).to_be_visible()  # the summary links
    page.get_by_label("Kode").fill("DISPAR")
    page.get_by_label("Nama").fill("Dinas Pariwisata Provinsi Bali")
    page.get_by_label("Alamat kop surat").fill("Jl. S. Parman, Niti Mandala Renon, Denpasar")
    page.get_by_role("button", name="Tambah", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Dinas Pariwisata Provinsi Bali ditambahkan.")).to_be_visible()
    expect(page.get_by_test_id("orgs").get_by_role("rowheader", name="Dinas Pariwisata Provinsi Bali")).to_be_visible()
    assert stack.call("GET", "/orgs/DISPAR", as_user="admin")["city"] == "Denpasar"
    look(page, "admin-orgs")

    page.goto("/provinsi/klasifikasi")
    page.get_by_label("Cari kode atau nama").fill("000.1.2")
    rows = page.get_by_test_id("classifications").get_by_role("row")
    expect(rows.nth(1).get_by_role("cell").first).to_have_text("000.1.2")
    look(page, "admin-classifications")
