"""/api/v1/public-activities/: verified activities of current deputies only, no private field,
queries that do not grow with the rows."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time
from rest_framework.test import APIClient

from renda.accounts.tests.factories import user_with
from renda.activities.choices import ActivityStatus
from renda.activities.tests.factories import ActivityFactory, preset_types
from renda.assessment import services as assessment_services
from renda.assessment.tests.factories import rongchang_table
from renda.commendations import services as commendation_services
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.people.tests.factories import GroupFactory, MandateFactory, PersonFactory
from renda.regions.tests.factories import rongchang, tongliang

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with freeze_time("2025-03-01 10:00:00+08:00") as clock:
        yield clock


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def w():
    rc, tl = rongchang(), tongliang()
    term = TermFactory(congress=CongressFactory(region=rc))
    tl_term = TermFactory(congress=CongressFactory(region=tl))
    li = PersonFactory(name="黎源", phone="13800001111")
    seat = MandateFactory(person=li, term=term)
    wang_seat = MandateFactory(person=PersonFactory(name="王芳"), term=term)
    return SimpleNamespace(
        congress=term.congress,
        term=term,
        tl_congress=tl_term.congress,
        li=li,
        seat=seat,
        wang_seat=wang_seat,
        tl_seat=MandateFactory(person=PersonFactory(name="李铜梁"), term=tl_term),
        group=GroupFactory(congress=term.congress, name="直升镇代表小组"),
        staff=user_with("staff", region=rc),
        tl_staff=user_with("staff", region=tl),
        deputy=user_with("deputy", person=li),
    )


def as_user(api, user):
    api.force_authenticate(user)
    return api


def nominate(w, **extra):
    return commendation_services.commendation_nominate(
        actor="test",
        congress=w.congress,
        kind="praise",
        year=2024,
        title="2024年度履职优秀代表",
        **({"mandate": w.seat} | extra),
    )


def final_evaluation(w):
    with freeze_time("2025-01-10"):
        rongchang_table(w.congress, 2024)
        evaluation = assessment_services.evaluation_run(
            actor="test", congress=w.congress, year=2024
        )
        return assessment_services.evaluation_finalize(actor="test", evaluation=evaluation)


def ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


# --- Public activities --------------------------------------------------------------------------


def test_public_activities_are_verified_only_and_carry_no_private_field(api, w):
    types = preset_types(w.congress)
    verified = ActivityFactory(
        mandate=w.seat, activity_type=types["visit"], person_times=30, place="黄泥村"
    )
    ActivityFactory(mandate=w.seat, activity_type=types["survey"], status=ActivityStatus.SUBMITTED)
    ActivityFactory(
        mandate=w.seat,
        activity_type=types["inspection"],
        status=ActivityStatus.REJECTED,
        status_note="重复",
    )
    other = ActivityFactory(
        mandate=w.wang_seat, activity_type=types["survey"], day=datetime.date(2023, 5, 1)
    )
    url = "/api/v1/public-activities/"
    assert ids(api.get(url)) == [verified.pk, other.pk]
    row = api.get(url, {"person": w.li.pk}).json()["results"][0]
    assert row == {
        "id": verified.pk,
        "person": w.li.pk,
        "person_name": "黎源",
        "date": "2024-05-10",
        "type": "走访选民",
        "category": "closed_session",
        "place": "黄泥村",
        "content": verified.content,
        "person_times": 30,
    }
    assert ids(api.get(url, {"year": 2023})) == [other.pk]
    assert api.post(url, {}, format="json").status_code in (401, 403, 405)


def test_public_activities_of_a_former_deputy_are_not_listed(api, w):
    from renda.people.services import mandate_end

    ActivityFactory(mandate=w.seat)
    mandate_end(actor="test", mandate=w.seat, end=datetime.date(2025, 2, 1), reason="recall")
    assert ids(api.get("/api/v1/public-activities/", {"person": w.li.pk})) == []


@pytest.mark.parametrize("year", ["10000", "0", "-1", "2024.5"])
def test_public_activities_refuse_a_year_no_date_holds(api, w, year):
    """Guards GET /public-activities/?year=10000 (and 0): the `day__year` lookup built a date
    of that year and answered 500 (ValueError); now a 400 naming `year`."""
    response = api.get("/api/v1/public-activities/", {"year": year})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and "year" in body["errors"]
    assert api.get("/api/v1/public-activities/", {"year": "2024"}).status_code == 200


def test_public_activities_queries_do_not_grow(api, w):
    types = preset_types(w.congress)
    ActivityFactory(mandate=w.seat, activity_type=types["visit"])
    with CaptureQueriesContext(connection) as few:
        api.get("/api/v1/public-activities/")
    for i in range(5):
        ActivityFactory(
            mandate=w.wang_seat, activity_type=types["survey"], day=datetime.date(2024, 6, i + 1)
        )
    with CaptureQueriesContext(connection) as many:
        api.get("/api/v1/public-activities/")
    assert len(many) == len(few)
