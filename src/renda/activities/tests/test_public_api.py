"""/api/v1/public-activities/: verified activities of current deputies only, no private field,
queries that do not grow with the rows."""

import datetime

import pytest

from renda.activities.choices import ActivityStatus
from renda.activities.tests.factories import ActivityFactory, preset_types
from renda.assessment.tests.factories import recognition_world
from renda.core.testing import frozen_at, ids, queries

pytestmark = pytest.mark.django_db


frozen = frozen_at("2025-03-01 10:00:00+08:00")


@pytest.fixture
def w():
    return recognition_world()


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
    few = queries(api, "/api/v1/public-activities/")
    for i in range(5):
        ActivityFactory(
            mandate=w.wang_seat, activity_type=types["survey"], day=datetime.date(2024, 6, i + 1)
        )
    assert queries(api, "/api/v1/public-activities/") == few
