"""Handling's pages as their readers reach them: a unit its own assignments and nothing of
another unit's (404, as a missing row), the office its region's, staff elsewhere nothing; the
inbox and the office's list in as many queries for fifteen assignments as for three."""

import pytest
from django.urls import reverse

from renda.accounts.tests.factories import user_with
from renda.core.testing import frozen_at, login, main, queries
from renda.handling.models import Assignment
from renda.handling.services import assignments_create
from renda.regions.tests.factories import town
from renda.suggestions.models import Suggestion
from renda.suggestions.tests.factories import world

pytestmark = pytest.mark.django_db

frozen = frozen_at("2026-03-02 10:00:00+08:00")


@pytest.fixture
def w():
    return world(deputies=1)


def given(w, n: int, unit=None, co=()) -> list:
    """`n` suggestions assigned to `unit` (the lead unit) as lead, with `co` units; their
    assignments to `unit`."""
    made = []
    start = Suggestion.objects.count()
    for i in range(start, start + n):
        s = Suggestion.objects.create(
            congress=w.congress,
            year=2026,
            number=i + 1,
            title=f"关于改善第{i + 1}片区交通的建议",
            body="建议增设公交站点。",
            topic="transport",
            mandate=w.seat,
            status="assigned",
            mode="lead_co",
        )
        lead, *_co = assignments_create(
            actor="test", subject=s, region=w.region, lead=unit or w.lead_unit, co=list(co)
        )
        made.append(lead)
    return made


def url(name, obj=None):
    return reverse(f"handling:{name}", args=[obj.pk] if obj is not None else [])


PAGES_OF_ONE = ("assignment_detail", "assignment_report", "extension_request")
UNIT_STEPS = ("assignment_send_back", "assignment_answer", "assignment_fulfil")


def test_a_unit_reaches_its_own_assignments_and_another_units_are_not_found(client, w):
    (mine,) = given(w, 1)
    (theirs,) = given(w, 1, unit=w.other_unit)
    login(client, w.lead_clerk)
    for name in (*PAGES_OF_ONE, *UNIT_STEPS):
        assert client.get(url(name, mine)).status_code == 200, name
        assert client.get(url(name, theirs)).status_code == 404, name
    assert client.post(url("assignment_accept", theirs)).status_code == 404
    inbox = main(client.get(url("inbox")))
    assert str(mine.subject) in inbox and str(theirs.subject) not in inbox


def test_a_co_handling_unit_reads_the_item_with_the_lead_but_not_another_item(client, w):
    (shared,) = given(w, 1, co=[w.co_unit])
    (other,) = given(w, 1)
    co = Assignment.objects.get(unit=w.co_unit)
    login(client, w.co_clerk)
    page = client.get(url("assignment_detail", co))
    assert page.status_code == 200 and w.lead_unit.name in main(page)
    assert client.get(url("assignment_detail", shared)).status_code == 404
    assert client.get(url("assignment_detail", other)).status_code == 404


def test_the_office_reaches_its_regions_assignments_and_staff_elsewhere_find_nothing(client, w):
    (a,) = given(w, 1)
    login(client, w.staff)
    assert client.get(url("assignment_detail", a)).status_code == 200
    assert client.get(url("assignment_withdraw", a)).status_code == 200
    assert str(a.subject) in main(client.get(url("assignment_list")))
    for user in (w.outsider, user_with("staff", region=town())):
        login(client, user)
        assert client.get(url("assignment_detail", a)).status_code == 404
        assert client.get(url("assignment_withdraw", a)).status_code == 404
        assert client.post(url("assignment_reassign", a), {"unit": w.co_unit.pk}).status_code == 404
        assert str(a.subject) not in main(client.get(url("assignment_list")))


def test_the_inbox_queries_do_not_grow_with_its_assignments(client, w):
    given(w, 3, co=[w.co_unit])
    login(client, w.lead_clerk)
    few = queries(client, url("inbox"))
    given(w, 12, co=[w.co_unit])
    assert queries(client, url("inbox")) == few


def test_the_offices_list_queries_do_not_grow_with_its_assignments(client, w):
    given(w, 3, co=[w.co_unit])
    login(client, w.staff)
    filtered = {"status": "assigned", "overdue": "false", "unit": w.lead_unit.pk}
    few, few_filtered = (
        queries(client, url("assignment_list")),
        queries(client, url("assignment_list"), filtered),
    )
    given(w, 12, co=[w.co_unit])
    assert queries(client, url("assignment_list")) == few
    assert queries(client, url("assignment_list"), filtered) == few_filtered
