"""Named reads of stations and the deputies seated at them, for the public pages and the API."""

from renda.people.models import GroupMembership, Mandate, Person
from renda.people.selectors import current_seats
from renda.regions.models import Region
from renda.stations.models import Station, StationAssignment

# What a public station shows besides its deputies (core/public_cache.py).
PUBLIC_MODELS = (Station, StationAssignment, Region)


def deputy_profile(person: Person) -> dict:
    """Everything the public page of one deputy shows, in a fixed number of queries."""
    mandates = current_seats(person)
    memberships = list(
        GroupMembership.objects.filter(mandate__in=mandates)
        .select_related("group")
        .order_by("group__name")
    )
    assignments = list(
        StationAssignment.objects.current()
        .filter(mandate__in=mandates)
        .select_related("station__region")
        .order_by("station__name")
    )
    stations = []
    seen = set()
    for a in assignments:
        if a.station_id not in seen and a.station.active:
            seen.add(a.station_id)
            stations.append(
                {"station": a.station, "role": a.get_role_display(), "is_head": a.role == "head"}
            )
    return {
        "mandates": mandates,
        "groups": [m.group for m in memberships],
        "stations": stations,
        "phone": _public_phone(person, [s["station"].phone for s in stations]),
        "phone_is_station": not (person.phone_public and person.phone),
    }


def deputy_plate(person: Person) -> dict:
    """What the deputy's contact plate prints about them, in two queries: the current mandates
    (highest congress first), the first station they receive the public at, and the phone.

    The same facts as `deputy_profile`, without the groups, terms and regions the page shows and
    the plate does not: reading them was half the plate's cost once the PDF was quick.
    """
    mandates = list(
        Mandate.objects.current()
        .filter(person=person)
        .select_related("congress__region")
        .order_by("congress__level")
    )
    stations = list(
        StationAssignment.objects.current()
        .filter(mandate__in=mandates, station__active=True)
        .order_by("station__name")
        .values_list("station__name", "station__phone")
    )
    return {
        "mandates": mandates,
        "station": stations[0][0] if stations else "",
        "phone": _public_phone(person, [phone for _, phone in stations]),
    }


def _public_phone(person: Person, station_phones: list[str]) -> str:
    """The public sees the deputy's own phone only if they agreed; otherwise a station's."""
    if person.phone_public and person.phone:
        return person.phone
    return next((phone for phone in station_phones if phone), "")


def station_deputies(station):
    """Current assignments of a station, the head first, then in 姓氏笔画 order."""
    return (
        StationAssignment.objects.current()
        .filter(station=station)
        .select_related("mandate__person", "mandate__congress__region")
        .order_by("role", "mandate__person__stroke_key", "pk")
    )


def station_people(station) -> list[dict]:
    """The deputies of a station as the public sees them: one entry per person, with every
    level they serve it at (a municipal and district deputy is listed once), the head first."""
    people: dict[int, dict] = {}
    for assignment in station_deputies(station):
        person = assignment.mandate.person
        entry = people.setdefault(person.pk, {"person": person, "labels": [], "is_head": False})
        if assignment.mandate.level_label not in entry["labels"]:
            entry["labels"].append(assignment.mandate.level_label)
        entry["is_head"] = entry["is_head"] or assignment.role == "head"
    return sorted(people.values(), key=lambda e: (not e["is_head"], e["person"].stroke_key))
