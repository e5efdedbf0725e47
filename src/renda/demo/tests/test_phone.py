"""Staff pages on a 390-px phone: no page is wider than the screen, a queue's buttons are on
screen, and the staff sub-navigation wraps so every entry shows without scrolling sideways.

Regression test for issue 10 (queues and lists ran off a phone's screen; the sub-navigation
scrolled sideways with nothing showing it could). Screenshots go to test-output/test_phone/."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from renda.accounts.models import User
from renda.core.tests.browser import sign_in
from renda.demo import builder

pytestmark = pytest.mark.browser

WIDTH = 390
# The everyday lists of the staff, with the queues whose buttons must be on screen.
PAGES = [
    "core:todo",
    "core:dashboard",
    "people:person_list",
    "people:group_list",
    "stations:station_list",
    "commitments:commitment_list",
    "commitments:review_queue",
    "commitment_reminders:list",
    "activities:activity_list",
    "activities:queue",
    "activities:shortfalls",
    "assessment:evaluation_list",
    "recognition:commendation_list",
    "recognition:warning_list",
    "regions:unit_list",
]
# Whatever of these a page shows must lie within the screen's width.
RIGHT_EDGES = f"""
Array.from(document.querySelectorAll("main button, main summary, .renda-subnav a"))
  .filter(e => e.offsetParent !== null)
  .map(e => [e.textContent.trim(), Math.round(e.getBoundingClientRect().right)])
  .filter(([text, right]) => right > {WIDTH})"""


@pytest.fixture
def demo_staff():
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=fast):
        builder.build(scale=0.03)
    user = User.objects.get(username="rc-staff")
    from renda.accounts.tests.factories import PASSWORD

    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


def test_staff_lists_fit_a_phone(page, screenshot, demo_staff):
    sign_in(page, demo_staff)
    wide = []
    for name in PAGES:
        page.goto(reverse(name))
        expect(page.locator("main")).to_be_visible()
        screenshot(name.replace(":", "-"))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            wide.append(f"{name}: {width}px")
        off = page.evaluate(RIGHT_EDGES)
        if off:
            wide.append(f"{name}: off screen {off}")
    assert not wide, "wider than the phone: " + "; ".join(wide)
    # The queues did have rows with buttons to check.
    page.goto(reverse("activities:queue"))
    assert page.locator("main button:visible", has_text="核实").count() > 0
