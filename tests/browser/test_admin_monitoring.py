"""Leaders read their dashboard as charts with the same numbers as GET /dashboard; the province admin and the
auditor compare every org on the monev page; each admin screen shows the "not allowed" page to a wrong role."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.admin_support import open_as
from tests.browser.conftest import DESKTOP, PHONE, look
from tests.integration.letters_flow import letter_body

pytestmark = pytest.mark.browser


def test_a_head_of_agency_reads_the_dashboard_as_charts_with_tables_of_the_same_numbers(open_page, stack):
    stack.call("POST", "/letters", letter_body(subject="Laporan bulanan layanan e-government"), as_user="staf.kominfo")
    figures = stack.call("GET", "/dashboard", as_user="kadis.kominfo")
    page = open_page(PHONE)
    open_as(page, "kadis.kominfo", "/dasbor")
    dashboard = page.get_by_test_id("dashboard")
    expect(dashboard).to_be_visible()
    for title in ("Surat menunggu per eselon", "Kinerja per bulan", "Waktu penyelesaian per tahap", "Disposisi per keadaan"):
        expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.locator(".tile", has_text="Disposisi terbuka").locator("dd")).to_have_text(
        str(figures["backlog"]["dispositions_open"]))
    drafted = figures["month"]["throughput"]["letters_drafted"]
    month_row = page.get_by_role("table", name="Kinerja per bulan").get_by_role("row").last
    expect(month_row.get_by_role("cell").first).to_have_text(str(drafted))  # this month, drafts first
    look(page, "admin-dashboard")

    page.get_by_label("Periode").select_option(index=12)  # a month of last year: twelve months, nothing counted
    expect(page.get_by_role("table", name="Kinerja per bulan").get_by_role("row")).to_have_count(13)


def test_the_auditor_compares_every_org_and_sorts_the_table(open_page, stack):
    stack.call("POST", "/letters", letter_body(subject="Undangan rapat koordinasi monev"), as_user="staf.kominfo")
    page = open_page(DESKTOP)
    open_as(page, "inspektur", "/monev-provinsi")
    table = page.get_by_test_id("monev").get_by_role("table").first
    expect(table.get_by_role("rowheader", name="Dinas Komunikasi, Informatika dan Statistika Provinsi Bali")).to_be_visible()
    page.get_by_role("button", name="Urutkan menurut Perangkat daerah").click()
    expect(table.locator("th[aria-sort='ascending']")).to_have_count(1)
    look(page, "admin-monev")


# Each admin screen and a signed-in role that must not see it.
BOUNDARIES = [("/dasbor", "warga"), ("/monev-provinsi", "kadis.kominfo"), ("/monev-provinsi", "admin.kominfo"),
              ("/admin/struktur", "kadis.kominfo"), ("/admin/struktur", "admin"),
              ("/provinsi/perangkat-daerah", "admin.kominfo"), ("/provinsi/klasifikasi", "inspektur"),
              ("/admin/pengguna", "admin"), ("/provinsi/daftar-distribusi", "admin.kominfo")]


@pytest.mark.parametrize(("path", "who"), BOUNDARIES)
def test_a_role_that_must_not_see_an_admin_screen_gets_the_not_allowed_page(open_page, path, who):
    page = open_page(DESKTOP)
    open_as(page, who, path)
    expect(page.get_by_test_id("not-allowed")).to_be_visible()
    expect(page.get_by_text("Anda tidak berhak membuka halaman ini.")).to_be_visible()
