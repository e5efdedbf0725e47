"""The commitment cycle in a real Chromium on a phone: a deputy drafts two commitments and
submits them; staff return one as the deputy's own job duty (the hint shows); the deputy revises
and resubmits; staff approve; the public page and the station wall poster show both."""

import datetime
import importlib
import shutil
import subprocess

import pytest
from django.urls import reverse
from freezegun import freeze_time
from playwright.sync_api import expect

from renda.accounts.tests.factories import user_with
from renda.commitments.models import Commitment
from renda.commitments.tests.factories import CommitmentYearFactory
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.tests.browser import post, sign_in, sign_out
from renda.people.tests.factories import MandateFactory, PersonFactory
from renda.regions.tests.factories import rongchang, town
from renda.stations.choices import AssignmentRole
from renda.stations.tests.factories import AssignmentFactory, StationFactory

pytestmark = pytest.mark.browser

VISITS = "全年走访选区选民500人次"
JOB_DUTY = "统筹推进全镇农村产业强镇示范建设项目"
REVISED = "为选区群众宣讲惠农政策10场"


def seed_return_reasons():
    """Browser tests run on `transactional_db`, which empties every table after each test,
    seeded rows included: a browser test that ran earlier took the data migration's return
    reasons with it. Seed them again, as the migration does."""
    from django.apps import apps

    importlib.import_module("renda.commitments.migrations.0002_return_reasons").add(apps, None)


@pytest.fixture
def world():
    seed_return_reasons()
    hebao = town("500153109000", "河包镇")
    congress = CongressFactory(region=rongchang())
    seat = MandateFactory(
        person=PersonFactory(name="黎源"),
        term=TermFactory(congress=congress),
        electoral_region=hebao,
        post="河包镇党委书记",
        work_unit="中共重庆市荣昌区河包镇委员会",
    )
    CommitmentYearFactory(congress=congress, year=2026)
    station = StationFactory(name="河包镇人大代表之家", region=hebao)
    AssignmentFactory(station=station, mandate=seat, role=AssignmentRole.HEAD)
    deputy = user_with("deputy", person=seat.person)
    staff = user_with("staff", region=rongchang())
    return seat.person, station, deputy, staff


def draft_and_submit(page, title, target="", unit=""):
    page.goto(reverse("commitments:mine"))
    page.locator("a[href*='/years/'][href$='/new/']").first.click()
    page.locator("#id_category").select_option(index=1)
    page.locator("#id_title").fill(title)
    if target:
        page.locator("#id_target_value").fill(target)
        page.locator("#id_target_unit").fill(unit)
    page.locator("#id_due").fill("2026-12-31")
    post(page, page.locator("main form button[type=submit]").first)
    commitment = Commitment.objects.get(title=title)
    page.goto(commitment.get_absolute_url())
    post(page, page.locator(f"form[action$='/{commitment.pk}/submit/'] button"))
    return commitment


@freeze_time("2026-01-15 10:00:00", tick=True)
def test_a_commitment_returned_as_a_job_duty_is_revised_approved_and_published(
    page, screenshot, world
):
    person, station, deputy, staff = world

    sign_in(page, deputy)
    visits = draft_and_submit(page, VISITS, "500", "人次")
    duty = draft_and_submit(page, JOB_DUTY)
    screenshot("1-submitted")
    sign_out(page)

    sign_in(page, staff)
    page.goto(duty.get_absolute_url())
    hints = page.locator("main")
    expect(hints).to_contain_text("河包镇党委书记")  # the job-duty hint names the post it matched
    screenshot("2-hint")
    page.locator(f"details:has(form[action$='/{duty.pk}/return/']) summary").click()
    page.locator("#id_reason").select_option(label="与本职工作重合")
    post(page, page.locator(f"form[action$='/{duty.pk}/return/'] button"))
    duty.refresh_from_db()
    assert duty.status == "returned"
    sign_out(page)

    sign_in(page, deputy)
    page.goto(duty.get_absolute_url())
    expect(page.locator("main")).to_contain_text("与本职工作重合")
    page.goto(reverse("commitments:commitment_edit", args=[duty.pk]))
    page.locator("#id_title").fill(REVISED)
    post(page, page.locator("main form button[type=submit]").first)
    page.goto(duty.get_absolute_url())
    post(page, page.locator(f"form[action$='/{duty.pk}/submit/'] button"))
    sign_out(page)

    sign_in(page, staff)
    for commitment in (visits, duty):
        page.goto(commitment.get_absolute_url())
        post(page, page.locator(f"form[action$='/{commitment.pk}/approve/'] button"))
    assert set(Commitment.objects.values_list("status", flat=True)) == {"approved"}
    sign_out(page)

    page.goto(reverse("portal:deputy", args=[person.pk]))
    expect(page.locator("main")).to_contain_text(VISITS)
    expect(page.locator("main")).to_contain_text(REVISED)
    expect(page.locator("main")).not_to_contain_text(JOB_DUTY)
    screenshot("3-public")

    poster = page.request.get(reverse("commitment_wall:wall_a4", args=[station.pk]))
    assert poster.ok and poster.body().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=poster.body(), capture_output=True, check=True
        ).stdout.decode()
        assert "黎源" in text.replace(" ", "")
        assert VISITS in text.replace(" ", "").replace("\n", "")
        assert REVISED in text.replace(" ", "").replace("\n", "")
    assert datetime.date.today().year == 2026
