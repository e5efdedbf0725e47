"""The working-day page: system administrators only; list, add and delete one year's
overrides; what the official calendar covers."""

import datetime

import pytest
from django.urls import reverse

from renda.accounts.tests.factories import UserFactory, user_with
from renda.core.models import AuditEntry, WorkdayOverride
from renda.core.testing import frozen_at
from renda.regions.tests.factories import rongchang

pytestmark = pytest.mark.django_db

URL = reverse("core:workdays")
D = datetime.date


frozen = frozen_at("2026-11-22 10:00:00+08:00")


@pytest.fixture
def admin():
    return user_with("admin")


@pytest.mark.parametrize("who", ["nobody", "staff"])
def test_users_who_are_not_administrators_are_refused(client, who):
    user = UserFactory() if who == "nobody" else user_with("staff", region=rongchang())
    client.force_login(user)
    assert client.get(URL).status_code == 403
    day = WorkdayOverride.objects.create(day=D(2027, 1, 1), is_workday=False, note="元旦")
    post = client.post(URL, {"day": "2027-02-06", "is_workday": "1", "note": "调休"})
    assert post.status_code == 403
    delete = client.post(reverse("core:workday_override_delete", args=[day.pk]))
    assert delete.status_code == 403
    assert WorkdayOverride.objects.count() == 1


def test_an_administrator_sees_the_years_overrides_and_what_the_library_covers(client, admin):
    WorkdayOverride.objects.create(day=D(2027, 1, 1), is_workday=False, note="元旦放假")
    WorkdayOverride.objects.create(day=D(2026, 12, 31), is_workday=False, note="去年的")
    client.force_login(admin)
    response = client.get(URL, {"year": 2027})
    page = response.content.decode()
    assert response.status_code == 200
    assert "元旦放假" in page and "去年的" not in page
    assert "2004–2026" in page  # the years the official calendar covers
    assert "系统尚未收录2027年的节假日安排" in page  # 2027 relies on the fallback


def test_a_covered_year_lists_its_official_holidays(client, admin):
    client.force_login(admin)
    page = client.get(URL, {"year": 2024}).content.decode()
    assert "2024年按国务院公布的节假日安排计算工作日" in page
    assert "10月1日" in page and "2月4日" in page


def test_a_bad_year_shows_this_year(client, admin):
    client.force_login(admin)
    assert client.get(URL, {"year": "abc"}).context["year"] == 2026


def test_an_administrator_adds_an_override(client, admin):
    client.force_login(admin)
    response = client.post(
        f"{URL}?year=2027",
        {"day": "2027-02-06", "is_workday": "1", "note": "春节调休上班"},
    )
    assert response.status_code == 302 and response["Location"].endswith("?year=2027")
    made = WorkdayOverride.objects.get()
    assert made.day == D(2027, 2, 6) and made.is_workday and made.note == "春节调休上班"
    assert AuditEntry.objects.filter(actor=admin, action="create").count() == 1


def test_an_override_without_a_note_is_shown_as_a_form_error(client, admin):
    client.force_login(admin)
    response = client.post(URL, {"day": "2027-02-06", "is_workday": "0", "note": ""})
    assert response.status_code == 200 and response.context["form"].errors["note"]
    assert not WorkdayOverride.objects.exists() and not AuditEntry.objects.exists()


def test_an_administrator_deletes_an_override(client, admin):
    made = WorkdayOverride.objects.create(day=D(2027, 1, 1), is_workday=False, note="元旦")
    client.force_login(admin)
    response = client.post(reverse("core:workday_override_delete", args=[made.pk]))
    assert response.status_code == 302 and response["Location"].endswith("?year=2027")
    assert not WorkdayOverride.objects.exists()
    assert AuditEntry.objects.filter(action="delete").count() == 1


def test_deleting_a_missing_override_is_not_found(client, admin):
    client.force_login(admin)
    response = client.post(reverse("core:workday_override_delete", args=[999]))
    assert response.status_code == 404


def test_the_page_queries_do_not_grow_with_its_rows(client, admin):
    client.force_login(admin)
    client.get(URL, {"year": 2027})  # warm the session and the content types

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"year": 2027}).status_code == 200
        return len(queries)

    few = count()
    for day in range(1, 21):
        WorkdayOverride.objects.create(day=D(2027, 1, day), is_workday=False, note="假")
    assert count() == few
