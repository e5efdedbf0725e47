"""Registering a duty and seeing it counted, in a real Chromium on a phone: a deputy registers
an inspection with a photo; staff verify it; the deputy's progress toward "341 311" changes;
staff run the evaluation and make it final; the deputy opens their score sheet and finds the
inspection on the line that counted it, and in its PDF."""

import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from freezegun import freeze_time
from PIL import Image
from playwright.sync_api import expect

from renda.accounts.tests.factories import user_with
from renda.activities import services as activity_services
from renda.activities.models import Activity
from renda.assessment.models import EvaluationResult
from renda.assessment.tests.factories import rongchang_table
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.tests.browser import post, sign_in, sign_out
from renda.people.tests.factories import MandateFactory, PersonFactory
from renda.regions.tests.factories import rongchang

pytestmark = pytest.mark.browser

CONTENT = "视察荣昌区城乡供水一体化工程，提出加快管网改造的意见"


@pytest.fixture
def world():
    congress = CongressFactory(region=rongchang())
    term = TermFactory(congress=congress)
    seat = MandateFactory(person=PersonFactory(name="蒋国彬"), term=term)
    activity_services.requirements_apply_preset(actor="test", term=term)
    rongchang_table(congress, year=2024)
    return seat, user_with("deputy", person=seat.person), user_with("staff", region=rongchang())


def photo(tmp_path):
    path = tmp_path / "视察.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (40, 120, 200)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


@freeze_time("2024-12-10 10:00:00", tick=True)
def test_a_registered_inspection_is_verified_and_counted_on_the_score_sheet(
    page, screenshot, world, tmp_path
):
    seat, deputy, staff = world

    sign_in(page, deputy)
    page.goto(reverse("activities:mine"))
    main = page.locator("main")
    expect(main).to_contain_text("本年度还需参加闭会期间履职活动 4 次")
    page.goto(reverse("activities:register"))
    page.locator("#id_activity_type").select_option(label="视察（闭会期间履职活动）")
    page.locator("#id_day").fill("2024-12-05")
    page.locator("#id_place").fill("荣昌区清江镇")
    page.locator("#id_content").fill(CONTENT)
    page.locator("#id_files").set_input_files(str(photo(tmp_path)))
    post(page, page.locator("main form button[type=submit]").first)
    activity = Activity.objects.get(content=CONTENT)
    assert activity.status == "submitted"
    assert activity.evidence.get().kind == "photo"
    screenshot("1-registered")
    sign_out(page)

    sign_in(page, staff)
    page.goto(reverse("activities:queue"))
    expect(page.locator("main")).to_contain_text("蒋国彬")
    page.goto(activity.get_absolute_url())
    expect(page.locator("main img").first).to_be_visible()  # the photo as evidence
    post(page, page.locator(f"form[action$='/{activity.pk}/verify/'] button"))
    activity.refresh_from_db()
    assert activity.status == "verified"
    sign_out(page)

    sign_in(page, deputy)
    page.goto(reverse("activities:mine"))
    expect(page.locator("main")).to_contain_text("本年度还需参加闭会期间履职活动 3 次")
    screenshot("2-progress")
    sign_out(page)

    sign_in(page, staff)
    page.goto(reverse("assessment:evaluation_list"))
    page.locator("#run_congress").select_option(index=1)
    page.locator("#run_year").fill("2024")
    post(page, page.locator("form[action$='/run/'] button"))
    expect(page.locator("main")).to_contain_text("蒋国彬")
    evaluation = EvaluationResult.objects.get(mandate=seat).evaluation
    page.goto(reverse("assessment:evaluation_finalize", args=[evaluation.pk]))
    page.locator("#id_confirm").check()
    post(page, page.locator("main form button[type=submit]").first)
    evaluation.refresh_from_db()
    assert evaluation.is_final
    sign_out(page)

    sign_in(page, deputy)
    page.goto(reverse("assessment:mine"))
    page.locator("main a[href*='/results/']").first.click()
    sheet = page.locator("main")
    expect(sheet).to_contain_text("参加视察、调研、执法检查")
    expect(sheet).to_contain_text(CONTENT)
    screenshot("3-score-sheet")
    result = EvaluationResult.objects.get(mandate=seat)
    pdf = page.request.get(reverse("assessment:result_pdf", args=[result.pk]))
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf.body(), capture_output=True, check=True
        ).stdout.decode()
        assert "蒋国彬" in text.replace(" ", "")
        assert "参加视察、调研、执法检查" in text.replace(" ", "").replace("\n", "")
