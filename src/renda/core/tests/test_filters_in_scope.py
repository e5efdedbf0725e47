"""Filters offer only what is in the user's scope (issue 10: a town's staff saw the district's 21
towns in every filter). Every staff list page of the project (the GET rows of the access grids
without an object that the town's staff open) is requested as the staff of 直升镇, in a world
where 荣昌区 has a second town with its own congress, station and deputy group; every choice of
every select named for a region, town, station, congress or deputy group must lie in their scope.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from renda.commitments.tests.factories import CommitmentFactory
from renda.congresses.choices import CongressLevel
from renda.congresses.models import Congress
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.core.testing import declared_access, module_data, shared_world, url_names
from renda.people.models import DeputyGroup
from renda.people.tests.factories import GroupFactory, MandateFactory
from renda.regions.models import Region
from renda.regions.tests.factories import town
from renda.stations.models import Station
from renda.stations.tests.factories import StationFactory

MOMENT = "2026-01-15 10:00:00+08:00"

NAMES = url_names()
PAGES = sorted(
    row.name
    for (method, name), row in declared_access().items()
    if method == "GET"
    and row.obj == "-"
    and ":" in name
    and name in NAMES
    and row.answers["town"] == "200"
    and row.answers["anon"] != "200"  # the public pages offer the public everything
)

SELECT = re.compile(r"<select\b[^>]*\bname=\"([^\"]+)\"[^>]*>(.*?)</select>", re.S)
OPTION = re.compile(r"<option\b[^>]*\bvalue=\"([^\"]*)\"")


def selects(body: str) -> dict[str, list[str]]:
    """Each select of the page by its name, with its options' values (the empty one left out)."""
    return {
        name: [v for v in OPTION.findall(options) if v] for name, options in SELECT.findall(body)
    }


@pytest.fixture(scope="module")
def town_staff(django_db_setup, django_db_blocker):
    """The shared world, a second town of 荣昌区 with everything a filter could offer, and a
    signed-in client of 直升镇's staff."""
    with module_data(django_db_blocker, at=MOMENT):
        w = shared_world()
        other = town("500153001000", "昌元街道")
        congress = CongressFactory(region=other, level=CongressLevel.TOWN)
        TermFactory(congress=congress)
        StationFactory(region=other, name="昌元街道人大代表之家")
        GroupFactory(congress=congress, name="昌元街道代表小组")
        # A district deputy elected there, with a commitment (the commitments' town list).
        seat = MandateFactory(term=w.term, electoral_region=other)
        CommitmentFactory(mandate=seat, status="approved")
        client = Client()
        client.force_login(w.users["town"])
        yield w, client


def _outside(kind: str, values: list[str], user, zs: Region) -> list[str]:
    """The values of a select of `kind` that lie outside the town staff's scope."""
    congresses = Congress.objects.restrict(user)
    if kind == "region":
        regions = {str(r.code): r for r in Region.objects.filter(code__in=values)}
        regions.update(
            {str(r.pk): r for r in Region.objects.filter(pk__in=[v for v in values if len(v) < 12])}
        )
        return [v for v in values if v not in regions or not regions[v].code.startswith(zs.prefix)]
    pks = [int(v) for v in values if v.isdigit()]
    if kind == "station":
        inside = set(
            Station.objects.filter(pk__in=pks, region__code__startswith=zs.prefix).values_list(
                "pk", flat=True
            )
        )
    elif kind == "congress":
        inside = set(congresses.filter(pk__in=pks).values_list("pk", flat=True))
    else:
        inside = set(
            DeputyGroup.objects.filter(pk__in=pks, congress__in=congresses).values_list(
                "pk", flat=True
            )
        )
    return [v for v in values if not v.isdigit() or int(v) not in inside]


def _kind(name: str) -> str | None:
    if name in {"region", "town", "electoral_region", "street"} or name.endswith("region"):
        return "region"
    if name in {"station", "congress", "group"}:
        return name
    return None


def test_the_pages_are_found():
    """The walk below reaches the staff lists (a grid that lost its rows would pass vacuously)."""
    expected = {"activities:activity_list", "commitments:commitment_list", "stations:station_list"}
    assert expected <= set(PAGES)


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_a_town_s_staff_are_offered_only_their_scope(town_staff, name):
    w, client = town_staff
    with freeze_time(MOMENT):
        response = client.get(reverse(name))
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        pytest.skip("not a page")
    body = response.content.decode()
    wrong = []
    for select, values in selects(body).items():
        kind = _kind(select)
        if kind is None:
            continue
        outside = _outside(kind, values, w.users["town"], w.zs)
        if outside:
            wrong.append(f"{select}: {outside[:5]} ({len(outside)} outside the town)")
    assert not wrong, f"{name} offers choices outside 直升镇:\n  " + "\n  ".join(wrong)
