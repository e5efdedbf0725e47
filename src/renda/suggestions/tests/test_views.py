"""Suggestions' pages as their readers reach them: a deputy their own and the items they were
asked to co-sign, a unit what was assigned to it, the office its congress's, staff elsewhere
nothing (404, as a missing row); an item's page with its ratings; the list, filtered by unit
and searched, in as many queries for fifteen items as for three."""

import pytest
from django.urls import reverse

from renda.core.ratings import rating_record
from renda.core.testing import frozen_at, login, main, queries
from renda.handling.services import assignments_create
from renda.suggestions import services
from renda.suggestions.models import CoSigner, Suggestion
from renda.suggestions.tests.factories import draft, world

pytestmark = pytest.mark.django_db

frozen = frozen_at("2026-03-02 10:00:00+08:00")


@pytest.fixture
def w():
    return world(deputies=3)


def item(w, *, seat=None, status="accepted", title=None, unit=None, co=()) -> Suggestion:
    n = Suggestion.objects.count() + 1
    s = Suggestion.objects.create(
        congress=w.congress,
        year=2026,
        number=n,
        title=title or f"关于改善第{n}片区交通的建议",
        body="建议增设公交站点。",
        topic="transport",
        mandate=seat or w.seat,
        status=status,
    )
    if unit is not None:
        assignments_create(actor="test", subject=s, region=w.region, lead=unit, co=list(co))
    return s


def detail(s):
    return reverse("suggestions:suggestion_detail", args=[s.pk])


def test_a_deputy_reaches_their_own_and_what_they_were_asked_to_co_sign(client, w):
    mine = draft(w)
    asked = item(w, seat=w.seats[1], status="draft", title="王代表的草稿")
    CoSigner.objects.create(suggestion=asked, mandate=w.seat)
    signed = item(w, seat=w.seats[1], title="已联名的建议")
    CoSigner.objects.create(suggestion=signed, mandate=w.seat, status="confirmed")
    theirs = item(w, seat=w.seats[2], title="别人的建议")
    login(client, w.deputy)
    for s in (mine, asked, signed):
        assert client.get(detail(s)).status_code == 200, s.title
    assert client.get(detail(theirs)).status_code == 404
    listed = main(client.get(reverse("suggestions:mine")))
    assert all(s.title in listed for s in (mine, asked, signed)) and theirs.title not in listed
    # Reading is not changing: another deputy's draft stays theirs.
    assert client.get(reverse("suggestions:suggestion_edit", args=[asked.pk])).status_code == 404


def test_a_deputy_not_invited_is_refused_the_co_signing(client, w):
    s = draft(w)
    services.cosigners_invite(actor=w.deputy, suggestion=s, mandates=w.seats[1:2])
    login(client, w.deputies[2])
    url = reverse("suggestions:suggestion_cosign", args=[s.pk])
    assert client.post(url, {"confirm": "1"}).status_code == 404  # not theirs to read either
    login(client, w.deputy)  # the lead deputy reads it, but was not invited
    assert client.post(url, {"confirm": "1"}).status_code == 403
    login(client, w.deputies[1])
    assert client.post(url, {"confirm": "1"}).status_code == 302
    assert s.cosigners.get().status == "confirmed"


def test_a_unit_reads_what_was_assigned_to_it_and_nothing_else(client, w):
    ours = item(w, status="assigned", unit=w.lead_unit, co=[w.co_unit])
    other = item(w, status="assigned", unit=w.other_unit)
    for clerk in (w.lead_clerk, w.co_clerk):
        login(client, clerk)
        assert client.get(detail(ours)).status_code == 200
        assert client.get(detail(other)).status_code == 404
        listed = main(client.get(reverse("suggestions:suggestion_list")))
        assert ours.title in listed and other.title not in listed


def test_staff_of_another_district_find_nothing(client, w):
    s = item(w)
    login(client, w.staff)
    assert client.get(detail(s)).status_code == 200
    login(client, w.outsider)
    assert client.get(detail(s)).status_code == 404
    assert client.get(reverse("suggestions:suggestion_assign", args=[s.pk])).status_code == 404
    assert s.title not in main(client.get(reverse("suggestions:suggestion_list")))


def test_an_items_page_shows_its_ratings_with_their_dates(client, w):
    s = item(w, status="closed")
    rating_record(actor=w.deputy, obj=s, stage="reply", value="satisfied", comment="办理认真")
    body = main(login(client, w.staff).get(detail(s)))
    ratings = body[body.index('id="ratings-h"') :]
    ratings = ratings[: ratings.index("</section>")]
    assert "办理认真" in ratings and "2026年3月2日" in ratings


def test_the_list_filtered_by_unit_and_searched(client, w):
    by_lead = item(w, status="assigned", unit=w.lead_unit, title="昌州大道公交")
    by_other = item(w, status="assigned", unit=w.other_unit, title="濑溪河整治")
    login(client, w.staff)
    url = reverse("suggestions:suggestion_list")
    listed = main(client.get(url, {"unit": w.lead_unit.pk}))
    assert by_lead.title in listed and by_other.title not in listed
    listed = main(client.get(url, {"q": "住建"}))  # a unit's name: 区住建委
    assert by_other.title in listed and by_lead.title not in listed


@pytest.mark.parametrize("reader", ["staff", "deputy", "lead_clerk"])
def test_the_lists_queries_do_not_grow_with_its_items(client, w, reader):
    def add(n):
        for _ in range(n):
            s = item(w, status="assigned", unit=w.lead_unit, co=[w.co_unit])
            CoSigner.objects.create(suggestion=s, mandate=w.seats[1], status="confirmed")

    add(3)
    login(client, getattr(w, reader))
    url = reverse("suggestions:suggestion_list")
    searched = {"q": "交通", "unit": w.lead_unit.pk, "status": "assigned"}
    few, few_searched = queries(client, url), queries(client, url, searched)
    add(12)
    assert queries(client, url) == few
    assert queries(client, url, searched) == few_searched
