"""Proves the browser harness: Debian's Chromium, driven by Playwright, reaches the live server."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_admin_login_page_shows_a_password_field(page, screenshot):
    page.goto("/admin/login/")

    expect(page.locator("input[type=password]")).to_be_visible()
    assert screenshot().stat().st_size > 0
