"""Who to tell: the users behind a person, a region's staff, a unit — the one place every
module finds the recipients of a notification or a reminder.

Each takes many keys at once and answers in one query, so a daily run over a whole district
does not ask per row. Only active users are returned, each once per key.
"""

from collections import defaultdict
from collections.abc import Iterable

from renda.accounts.models import RoleGrant
from renda.core.choices import Role
from renda.regions.models import Region


def _grouped(grants, key: str) -> dict[int, list]:
    found: dict[int, dict] = defaultdict(dict)
    for grant in grants.select_related("user").order_by("pk"):
        found[getattr(grant, key)].setdefault(grant.user.pk, grant.user)
    return {k: list(users.values()) for k, users in found.items()}


def person_users(person_ids: Iterable[int]) -> dict[int, list]:
    """Per person id, the active users who act as that deputy (a deputy grant bound to them)."""
    grants = RoleGrant.objects.filter(
        role=Role.DEPUTY, person_id__in=set(person_ids), user__is_active=True
    )
    return defaultdict(list, _grouped(grants, "person_id"))


def unit_users(unit_ids: Iterable[int], *, heads: bool = False) -> dict[int, list]:
    """Per handling unit id, its active users (with `heads`, only its head contacts)."""
    grants = RoleGrant.objects.filter(
        role=Role.UNIT, handling_unit_id__in=set(unit_ids), user__is_active=True
    )
    if heads:
        grants = grants.filter(unit_head=True)
    return defaultdict(list, _grouped(grants, "handling_unit_id"))


def station_liaisons(station_ids: Iterable[int]) -> dict[int, list]:
    """Per station id, its active liaisons."""
    grants = RoleGrant.objects.filter(
        role=Role.LIAISON, station_id__in=set(station_ids), user__is_active=True
    )
    return defaultdict(list, _grouped(grants, "station_id"))


def region_staff(regions: Iterable[Region], *, up: int | None = 0) -> dict[int, list]:
    """Per region id, the active staff bound to that region and to the `up` regions above it
    (all the way up with None): with up=1 a town's matter goes to the town's staff and the
    district's. Staff bound further down are not told. One query per level climbed."""
    chains = {r.pk: [r.pk] for r in regions}
    parent_of = {r.pk: r.parent_id for r in regions}
    steps = 0
    frontier = {pk: parent_of[pk] for pk in chains}
    while frontier and (up is None or steps < up):
        steps += 1
        for pk, parent in list(frontier.items()):
            if parent is None:
                del frontier[pk]
            else:
                chains[pk].append(parent)
        missing = {p for p in frontier.values() if p not in parent_of}
        if missing:
            parent_of.update(Region.objects.filter(pk__in=missing).values_list("pk", "parent_id"))
        frontier = {pk: parent_of[parent] for pk, parent in frontier.items()}
    wanted = {r for chain in chains.values() for r in chain}
    grants = RoleGrant.objects.filter(role=Role.STAFF, region_id__in=wanted, user__is_active=True)
    by_region = _grouped(grants, "region_id")
    return {
        pk: list({u.pk: u for r in chain for u in by_region.get(r, [])}.values())
        for pk, chain in chains.items()
    }
