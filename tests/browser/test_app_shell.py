"""The app around the screens: its shell worker keeps no API answer, the language switch, and role boundaries."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, look, sign_in

pytestmark = pytest.mark.browser
WITA = timezone(timedelta(hours=8))


def test_the_service_worker_caches_the_app_shell_and_never_an_api_answer(open_page):
    page = open_page(PHONE)
    page.goto("/")
    installed = page.evaluate("""() => Promise.race([
        navigator.serviceWorker.ready.then(registration => !!registration.active),
        new Promise(resolve => setTimeout(() => resolve(false), 15000)),
    ])""")
    assert installed, "the service worker did not install"
    page.goto("/kirim")  # loads /api/public/orgs through the controlled page
    page.get_by_label("Tujuan (perangkat daerah)").locator("option", has_text="Biro Umum").wait_for(state="attached")
    cached = page.evaluate("""async () => {
        const urls = [];
        for (const name of await caches.keys()) {
            for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
        }
        return urls;
    }""")
    assert "/index.html" in cached and any(u.startswith("/assets/") for u in cached)
    assert not [u for u in cached if u.startswith(("/api/", "/public/"))]


def test_the_app_speaks_english_when_asked_and_keeps_the_choice(open_page):
    page = open_page(PHONE)
    page.goto("/")
    page.get_by_label("Bahasa").select_option("en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Correspondence services of the Bali Provincial Government")
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    look(page, "home-en")


def test_a_mistyped_tracking_code_is_explained_before_any_request(open_page):
    page = open_page(PHONE)
    page.goto("/lacak")
    page.get_by_label("Kode lacak").fill("KV 12")
    page.get_by_role("button", name="Lacak").click()
    expect(page.get_by_role("alert")).to_contain_text("Kode lacak tidak dikenali")
    look(page, "track-search")
    page.get_by_label("Kode lacak").fill("kv-zzzz-zzzz")
    page.get_by_role("button", name="Lacak").click()
    expect(page.get_by_role("alert")).to_have_text("Data tidak ditemukan, atau Anda tidak berhak melihatnya.")


def test_a_citizen_opening_an_employee_page_is_told_it_is_not_for_them(open_page):
    page = open_page(PHONE)
    page.goto("/masuk")
    look(page, "sign-in")
    sign_in(page, "warga")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pengajuan saya")
    look(page, "my-submissions")
    page.goto("/persetujuan")
    expect(page.get_by_role("alert")).to_have_text("Anda tidak berhak membuka halaman ini.")
    page.goto("/tidak-ada")
    expect(page.get_by_role("heading", level=1)).to_have_text("Halaman tidak ditemukan")


def test_an_employee_acts_as_plh_only_with_an_appointment_and_sees_it_plainly(open_page, stack):
    page = open_page(PHONE)
    sign_in(page, "sekretaris.kominfo")
    page.get_by_text("Bertindak sebagai Plt / Plh").click()
    page.get_by_label("Kode jabatan yang Anda wakili").fill("KADIS")
    page.get_by_role("button", name="Mulai").click()
    expect(page.get_by_text("Anda tidak sedang ditunjuk sebagai Plt/Plh untuk KADIS hari ini.")).to_be_visible()

    today = datetime.now(WITA).date().isoformat()
    stack.call("POST", "/orgs/DISKOMINFOS/positions/KADIS/acting",
               {"username": "sekretaris.kominfo", "kind": "plh", "from": today, "to": today}, as_user="admin.kominfo")
    page.get_by_role("button", name="Mulai").click()
    expect(page.get_by_role("status").filter(has_text="Anda bertindak sebagai Plt/Plh untuk KADIS")).to_be_visible()
    page.goto("/persetujuan")
    expect(page.get_by_role("heading", level=1)).to_have_text("Menunggu persetujuan saya")
    look(page, "acting-plh")
    page.get_by_role("button", name="Kembali ke jabatan sendiri").click()
    expect(page.get_by_text("Bertindak sebagai Plt / Plh")).to_be_visible()
