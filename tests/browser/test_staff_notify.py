"""An official chooses how notifications reach them outside the app: SMS for approvals, later quiet hours, no digest."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, look, sign_in

pytestmark = pytest.mark.browser


def test_an_official_sets_sms_for_approvals_and_quiet_hours_from_the_notifications_page(open_page, stack):
    page = open_page(PHONE)
    sign_in(page, "sekretaris.kominfo")
    page.goto("/notifikasi")
    page.get_by_role("link", name="Pengaturan e-mail dan SMS").click()
    form = page.get_by_test_id("notification-preferences")
    approvals = form.get_by_role("group", name="Permintaan paraf atau tanda tangan", exact=False)
    expect(approvals.get_by_label("E-mail")).to_be_checked()
    approvals.get_by_label("SMS").check()
    page.get_by_label("Mulai").select_option("22:00")
    page.get_by_label("Ringkasan harian", exact=False).uncheck()
    look(page, "staff-notification-preferences")
    page.get_by_role("button", name="Simpan pengaturan").click()
    expect(page.get_by_role("status")).to_contain_text("Pengaturan notifikasi disimpan.")

    saved = stack.call("GET", "/me/notification-preferences", as_user="sekretaris.kominfo")
    assert saved["channels"]["approval"] == ["email", "sms"]
    assert saved["quiet_hours"] == {"start": "22:00", "end": "06:00"}
    assert saved["digest"] is False
