"""The org admin adds a user, moves them to another seat and deactivates them (who then cannot sign in); the
province admin makes a distribution list of two agencies."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.admin_support import open_as
from tests.browser.conftest import DESKTOP, look

pytestmark = pytest.mark.browser

NAME = "Ni Luh Putu Sukmawati"


def test_an_org_admin_adds_moves_and_deactivates_a_user_who_then_cannot_sign_in(open_page, stack):
    for code, title in (("STAF-HUMAS-1", "Pranata Hubungan Masyarakat"), ("STAF-HUMAS-2", "Analis Media Sosial")):
        stack.call("POST", "/orgs/DISKOMINFOS/positions", {"code": code, "title": title, "level": "staff",
                                                           "unit": "LAYANAN", "reports_to": "KASI-LAYANAN"},
                   as_user="admin.kominfo")
    page = open_page(DESKTOP)
    open_as(page, "admin.kominfo", "/admin/pengguna")
    form = page.get_by_test_id("new-user")
    form.get_by_role("button", name="Tambah pengguna", exact=True).click()
    expect(form.get_by_role("alert").get_by_role("link", name="Isi Nama pengguna")).to_be_visible()
    form.get_by_label("Nama pengguna", exact=True).fill("humas.kominfo")
    form.get_by_label("Nama lengkap", exact=True).fill(NAME)
    form.get_by_label("Email", exact=True).fill("humas.kominfo@baliprov.go.id")
    form.get_by_label("Jabatan", exact=True).select_option("STAF-HUMAS-1")
    form.get_by_label("NIP", exact=True).fill("199801012022032001")
    form.get_by_role("button", name="Tambah pengguna", exact=True).click()
    expect(page.get_by_role("status").filter(has_text=f"{NAME} (humas.kominfo) ditambahkan.")).to_be_visible()
    row = page.get_by_test_id("user-humas.kominfo")
    expect(row).to_contain_text("Pranata Hubungan Masyarakat")

    row.get_by_role("button", name=f"Ubah {NAME}").click()
    editor = page.get_by_test_id("edit-user")
    editor.get_by_label("Jabatan", exact=True).select_option("STAF-HUMAS-2")
    editor.get_by_role("button", name="Simpan").click()
    expect(editor.get_by_role("status")).to_contain_text("disimpan")
    expect(row).to_contain_text("Analis Media Sosial")
    seats = stack.call("GET", "/orgs/DISKOMINFOS/positions?limit=100", as_user="admin.kominfo")["items"]
    assert {p["code"]: p["holder"] for p in seats if p["code"].startswith("STAF-HUMAS")} == {
        "STAF-HUMAS-1": None, "STAF-HUMAS-2": "humas.kominfo"}  # the old seat is free again

    row.get_by_role("button", name=f"Nonaktifkan {NAME}").click()
    row.get_by_role("button", name="Ya, Nonaktifkan").click()
    expect(row).to_contain_text("Nonaktif")
    expect(row.get_by_role("button", name=f"Aktifkan kembali {NAME}")).to_be_visible()
    look(page, "admin-users")
    me = page.get_by_test_id("user-admin.kominfo")
    me.get_by_role("button", name="Nonaktifkan I Wayan Gede Santika").click()
    me.get_by_role("button", name="Ya, Nonaktifkan").click()  # the API's 409, in words
    expect(me).to_contain_text("Anda tidak dapat menonaktifkan akun Anda sendiri.")
    with pytest.raises(AssertionError, match=r"dev-login → 40[13]"):
        stack.call("POST", "/auth/dev-login", {"username": "humas.kominfo"})


def test_the_province_admin_makes_a_distribution_list_of_two_agencies(open_page, stack):
    page = open_page(DESKTOP)
    open_as(page, "admin", "/provinsi/daftar-distribusi")
    form = page.get_by_test_id("new-list")
    form.get_by_label("Nama daftar").fill("Kominfo dan Biro Umum")
    form.get_by_label("Cari perangkat daerah").fill("komunikasi")
    form.get_by_label("Dinas Komunikasi, Informatika dan Statistika Provinsi Bali").check()
    form.get_by_label("Cari perangkat daerah").fill("biro umum")
    form.get_by_label("Biro Umum dan Protokol Sekretariat Daerah Provinsi Bali").check()
    expect(form).to_contain_text("2 dipilih")
    form.get_by_role("button", name="Buat daftar").click()
    expect(page.get_by_role("status").filter(has_text="Daftar Kominfo dan Biro Umum dibuat.")).to_be_visible()
    row = page.get_by_test_id("lists").get_by_role("row").filter(has_text="Kominfo dan Biro Umum")
    expect(row).to_contain_text("2 anggota")
    lists = stack.call("GET", "/distribution-lists", as_user="admin")["items"]
    made = next(item for item in lists if item["name"] == "Kominfo dan Biro Umum")
    assert sorted(m["code"] for m in made["members"]) == ["BIROUMUM", "DISKOMINFOS"]
    look(page, "admin-lists")

    row.get_by_role("button", name="Ubah Kominfo dan Biro Umum").click()
    editor = page.get_by_test_id("edit-list")
    editor.get_by_label("Biro Umum dan Protokol Sekretariat Daerah Provinsi Bali").uncheck()
    editor.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status").filter(has_text="Daftar Kominfo dan Biro Umum disimpan.")).to_be_visible()
    expect(row).to_contain_text("1 anggota")
