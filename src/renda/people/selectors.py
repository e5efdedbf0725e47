"""Named reads for deputies: what the public pages and the API show."""

from collections.abc import Iterable

from django.db.models import Prefetch

from renda.congresses.models import Congress, Term
from renda.people.models import DeputyGroup, GroupMembership, Mandate, Person
from renda.regions.models import Region

# What a public deputy entry shows (its cache key's models, core/public_cache.py).
PUBLIC_MODELS = (Person, Mandate, DeputyGroup, GroupMembership, Congress, Term, Region)


def current_mandates_prefetch(to_attr: str = "current_mandates") -> Prefetch:
    return Prefetch(
        "mandates",
        queryset=Mandate.objects.current()
        # A term names itself after its congress's region (荣昌区第十九届人民代表大会).
        .select_related("congress__region", "term__congress__region", "electoral_region")
        .order_by("congress__level"),
        to_attr=to_attr,
    )


def public_deputies():
    """People holding a mandate today, in 姓氏笔画 order, with their current mandates."""
    return Person.public_objects.official_order().prefetch_related(current_mandates_prefetch())


def current_seats(person: Person) -> list[Mandate]:
    """The seats `person` holds today, the highest congress first (national, municipal,
    district, town), each with its congress, term and electoral region."""
    return list(current_mandates_prefetch().queryset.filter(person=person))


def public_deputy_rows(*fields: str):
    """`public_deputies` as rows of the person's `fields`, without their seats (which
    `public_seat_rows` reads for a page): the API's list is written from rows, not objects."""
    return Person.public_objects.official_order().values(*fields)


def public_seat_rows(person_ids: Iterable[int], *fields: str) -> dict[int, list[dict]]:
    """{person id: their current seats as rows of `fields`}, in the order of
    `current_mandates_prefetch`; one query, none for no one."""
    seats: dict[int, list[dict]] = {pk: [] for pk in person_ids}
    if seats:
        rows = current_mandates_prefetch().queryset.filter(person_id__in=seats)
        for row in rows.values("person_id", *fields):
            seats[row.pop("person_id")].append(row)
    return seats


def public_deputy_cards():
    """`public_deputies` as the search page's cards show them: each seat with its congress and
    that congress's region only (the level, work unit and post), not its term and electoral
    region; a page of 20 builds about a third fewer objects."""
    seats = Prefetch(
        "mandates",
        queryset=Mandate.objects.current()
        .select_related("congress__region")
        .order_by("congress__level"),
        to_attr="current_mandates",
    )
    return Person.public_objects.official_order().prefetch_related(seats)


def level_labels(mandates: Iterable) -> list[str]:
    """What a deputy is called on the plate for each mandate, highest congress first, each
    once. Pass current mandates with `select_related("congress__region")`."""
    labels: list[str] = []
    for mandate in sorted(mandates, key=lambda m: m.congress.level):
        if mandate.level_label not in labels:
            labels.append(mandate.level_label)
    return labels
