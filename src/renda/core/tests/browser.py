"""Steps the browser journeys share: signing in and out on a phone-sized page, and posting a
form and waiting for where it leads.

Each step waits for the page it leads to before returning, so the next step never acts on a
page being left (a click on the collapsed menu while a POST's redirect loads is lost)."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from renda.accounts.tests.factories import PASSWORD

LOGOUT_FORM = "form[action='/accounts/logout/']"


def sign_in(page, user, password: str = PASSWORD) -> None:
    page.goto(reverse("accounts:login"))
    page.locator("#id_username").fill(user if isinstance(user, str) else user.username)
    page.locator("#id_password").fill(password)
    post(page, page.locator("main button[type=submit]"))
    expect(page.locator(LOGOUT_FORM)).to_be_attached()


def sign_out(page) -> None:
    # On a phone the sign-out button sits in the collapsed menu: open it, and wait until it has
    # finished opening, or the click lands on a moving button.
    page.locator(".navbar-toggler").click()
    expect(page.locator("#nav")).to_have_class(re.compile(r"\bshow\b"))
    # Signing out sits in the account's menu (with "修改密码"): open it too.
    page.locator("#nav .dropdown-toggle").click()
    button = page.locator(f"{LOGOUT_FORM} button")
    expect(button).to_be_visible()
    post(page, button)
    expect(page.locator(LOGOUT_FORM)).not_to_be_attached()


def post(page, button) -> None:
    """Click a form's button and wait for the page the POST leads to."""
    with page.expect_navigation():
        button.click()
