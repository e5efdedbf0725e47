"""Each role's day on a phone (issue 10's proof), in a real Chromium at 390 px: staff open a
login and hand over its one-time password; its owner signs in with it, must change it, lands on
the to-do page (待办), does the top item there, and the other side finds the step in their inbox.

- the district office and a deputy: the deputy's to-do says commitments are owed; they draft and
  submit one; the district's staff find it waiting, approve it; the deputy is told;
- a town's staff and a station liaison: the town's staff verify the activity waiting for them
  (its deputy is told), then open the station liaison's login; the liaison's to-do shows the
  station's next reception day; they register the station's activity for its deputy, who is told;
- an administrator opens a handling unit's login (staff of the district could too); the unit's
  to-do page has nothing yet and says what it will hold.

Screenshots of each page land in test-output/test_browser_role_days/.
"""

import datetime
import importlib
import re

import pytest
from django.urls import reverse
from freezegun import freeze_time
from playwright.sync_api import expect

from renda.accounts.models import User
from renda.accounts.tests.factories import user_with
from renda.activities import services as activity_services
from renda.activities.models import Activity
from renda.activities.tests.factories import ActivityFactory, preset_types
from renda.commitments.models import Commitment
from renda.commitments.tests.factories import CommitmentYearFactory
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.tests.browser import post, sign_in, sign_out
from renda.notifications.models import Notification
from renda.people.tests.factories import MandateFactory, PersonFactory
from renda.regions.models import HandlingUnit
from renda.regions.tests.factories import rongchang, town
from renda.stations.tests.factories import AssignmentFactory, StationFactory

pytestmark = pytest.mark.browser

NEW_PASSWORD = "Huangni-village-2026"
TITLE = "每月十五日在黄泥村联络站接待选民"


@pytest.fixture
def world():
    from django.apps import apps

    importlib.import_module("renda.commitments.migrations.0002_return_reasons").add(apps, None)
    rc, zs = rongchang(), town()
    district = TermFactory(congress=CongressFactory(region=rc))
    preset_types(district.congress)
    activity_services.requirements_apply_preset(actor="test", term=district)
    li = MandateFactory(person=PersonFactory(name="黎源"), term=district, electoral_region=zs)
    CommitmentYearFactory(congress=district.congress, year=2026)
    station = StationFactory(name="黄泥村代表联络站", region=zs)
    AssignmentFactory(station=station, mandate=li)
    # 直升镇's own congress, whose deputy registered a visit the town's staff have to verify.
    town_term = TermFactory(congress=CongressFactory(region=zs, level=5))
    town_types = preset_types(town_term.congress)
    wu = MandateFactory(person=PersonFactory(name="吴晓"), term=town_term, electoral_region=zs)
    visit = ActivityFactory(
        mandate=wu,
        activity_type=town_types["visit"],
        status="submitted",
        day=datetime.date(2026, 1, 10),
        person_times=12,
        content="走访黄泥村困难群众",
    )
    return {
        "li": li,
        "station": station,
        "visit": visit,
        "wu_user": user_with("deputy", person=wu.person),
        "district_staff": user_with("staff", region=rc),
        "town_staff": user_with("staff", region=zs),
        "admin": user_with("admin"),
        "unit": HandlingUnit.objects.create(region=rc, name="荣昌区交通运输委员会"),
    }


def ends_with(path: str):
    return re.compile(re.escape(path) + r"(\?.*)?$")


def open_login(page, role: str, **bound) -> tuple[str, str]:
    """As the signed-in staff: open a login for `role` bound to the given choices; return the
    username and the one-time password the page shows once."""
    page.goto(reverse("accounts:user_create"))
    page.locator("#id_role").select_option(role)
    for field, label in bound.items():
        page.locator(f"#id_{field}").select_option(label=label)
    if role != "deputy":
        page.locator("#id_username").fill(f"{role}-{len(bound)}-{User.objects.count()}")
        page.locator("#id_full_name").fill("新用户")
    post(page, page.locator("main form button[type=submit]").first)
    password = page.locator("[data-password]").inner_text().strip()
    username = page.locator("dd.font-monospace").first.inner_text().strip()
    return username, password


def first_sign_in(page, username: str, password: str, screenshot, step: str) -> None:
    """Sign in with a one-time password: the change page comes first, then the to-do page."""
    sign_in(page, username, password)
    expect(page).to_have_url(ends_with(reverse("accounts:password_change")))
    page.locator("#id_old_password").fill(password)
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    post(page, page.locator("main form button[type=submit]"))
    page.goto(reverse("core:todo"))
    expect(page.locator("h1")).to_have_text("待办")
    screenshot(step)


def inbox_has(page, text: str) -> None:
    page.goto(reverse("notifications:inbox"))
    expect(page.locator("main")).to_contain_text(text)


@freeze_time("2026-01-15 10:00:00", tick=True)
def test_the_district_office_and_a_deputy(page, screenshot, world):
    staff = world["district_staff"]
    sign_in(page, staff)
    expect(page).to_have_url(ends_with(reverse("core:todo")))
    username, password = open_login(page, "deputy", person="黎源")
    screenshot("1-staff-issued-a-password")
    sign_out(page)

    first_sign_in(page, username, password, screenshot, "2-deputy-to-do")
    owed = page.locator("main a", has_text="2026年度承诺尚需填报")
    expect(owed).to_contain_text("已填报 0 条，应填报 3 至 6 条")
    post(page, owed)  # the top item: the deputy's commitments
    page.locator("a[href*='/years/'][href$='/new/']").first.click()
    page.locator("#id_category").select_option(index=1)
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_due").fill("2026-12-31")
    post(page, page.locator("main form button[type=submit]").first)
    commitment = Commitment.objects.get(title=TITLE)
    page.goto(commitment.get_absolute_url())
    post(page, page.locator(f"form[action$='/{commitment.pk}/submit/'] button"))
    screenshot("3-deputy-submitted")
    sign_out(page)

    sign_in(page, staff)
    waiting = page.locator("main a", has_text="待审核的承诺")
    expect(waiting).to_contain_text("1")
    screenshot("4-staff-to-do")
    inbox_has(page, f"承诺“{TITLE}”：已提交审核")
    page.goto(commitment.get_absolute_url())
    post(page, page.locator(f"form[action$='/{commitment.pk}/approve/'] button"))
    sign_out(page)

    sign_in(page, username, NEW_PASSWORD)
    inbox_has(page, f"承诺“{TITLE}”：审核通过")
    screenshot("5-deputy-told")
    assert not Notification.objects.filter(recipient=staff, kind="commitment.approve").exists()


@freeze_time("2026-01-15 10:00:00", tick=True)
def test_a_towns_staff_and_a_station_liaison(page, screenshot, world):
    staff, visit = world["town_staff"], world["visit"]
    deputy = user_with("deputy", person=world["li"].person)  # the station's deputy
    sign_in(page, staff)
    todo = page.locator("main a", has_text="待核实的履职活动")
    expect(todo).to_contain_text("1")
    screenshot("1-town-staff-to-do")
    post(page, todo)
    page.goto(visit.get_absolute_url())
    post(page, page.locator(f"form[action$='/{visit.pk}/verify/'] button"))
    visit.refresh_from_db()
    assert visit.status == "verified"
    username, password = open_login(page, "liaison", stations=world["station"].name)
    sign_out(page)

    sign_in(page, world["wu_user"])
    inbox_has(page, "已核实")
    sign_out(page)

    first_sign_in(page, username, password, screenshot, "2-liaison-to-do")
    next_day = page.locator("main a", has_text="黄泥村代表联络站下次接待日")
    expect(next_day).to_contain_text("2026年1月15日")
    post(page, next_day)  # the station's page, with its deputies
    page.locator("main a", has_text="为本站点代表登记活动").first.click()
    reception = page.locator("#id_activity_type option", has_text="接待选民").first
    page.locator("#id_activity_type").select_option(reception.get_attribute("value"))
    page.locator("#id_day").fill("2026-01-15")
    page.locator("#id_person_times").fill("8")
    page.locator("#id_content").fill("黄泥村联络站接待日，接待选民8人次")
    page.locator("label", has_text="黎源").first.click()
    post(page, page.locator("main form button[type=submit]").first)
    assert Activity.objects.filter(mandate=world["li"], status="verified").count() == 1
    screenshot("3-liaison-registered")
    sign_out(page)

    sign_in(page, deputy)
    inbox_has(page, "已由工作人员登记并核实")
    screenshot("4-deputy-told")


@freeze_time("2026-01-15 10:00:00", tick=True)
def test_an_administrator_and_a_handling_unit(page, screenshot, world):
    sign_in(page, world["admin"])
    expect(page.locator("h1")).to_have_text("待办")
    username, password = open_login(page, "unit", handling_unit=world["unit"].name)
    screenshot("1-admin-issued-a-password")
    sign_out(page)

    first_sign_in(page, username, password, screenshot, "2-unit-to-do")
    main = page.locator("main")
    expect(main).to_contain_text("目前没有等待您处理的事项")
    expect(main).to_contain_text("交办给本单位的建议和群众诉求")
