"""The workbench (工作台), the signed-in start page, assembled from what the apps register.

Core knows no app: each app says in its `AppConfig.ready()` what it puts on the workbench.

- A **figure** is a count of what the user's scope reaches (deputies, stations), for staff.
- A **card** groups the links of one area of work (commitments, activities and evaluation); it
  is shown to the roles it names when at least one of its links is.
- A **link** goes to a page. A link with `waiting` is a queue: it shows how many items wait
  and stands out while any do. A link on a *bound* card ("person", "station", "unit") is
  repeated for each object the user's grants bind them to, and reversed with its pk.

    workbench.add_card("commitments", _("Commitments"), order=10)
    workbench.add_link("commitments", _("All commitments"), "commitments:commitment_list")
    workbench.add_link("person", _("My commitments"), "commitments:person_commitments",
                       with_target=True, roles=("deputy",))
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from renda.core.choices import Role
from renda.core.scope import scope_for

# Cards bound to what a grant reaches: (grant field, title, note beside each entry).
BOUND_CARDS = {
    "region": ("region", _("Your area of work"), _("and everything under it")),
    "person": ("person", _("Your record as a deputy"), ""),
    "station": ("station", _("Your stations"), ""),
    "unit": ("handling_unit", _("Your handling unit"), ""),
}


@dataclass(frozen=True)
class Figure:
    key: str
    label: Any
    count: Callable[[Any], int]
    url_name: str | None = None
    order: int = 100


@dataclass(frozen=True)
class Card:
    key: str
    title: Any
    roles: tuple[str, ...] = (Role.STAFF,)
    order: int = 100


@dataclass(frozen=True)
class Link:
    card: str
    label: Any
    url_name: str
    roles: tuple[str, ...] = (Role.STAFF,)
    waiting: Callable[[Any], int] | None = None
    with_target: bool = False
    primary: bool = False
    order: int = 100


@dataclass
class Registry:
    figures: list[Figure] = field(default_factory=list)
    cards: dict[str, Card] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)


registry = Registry()


def add_figure(
    key: str, label, count: Callable[[Any], int], url_name: str | None = None, order: int = 100
) -> None:
    """A count for staff; `count(user)` reads through the user's scope."""
    registry.figures.append(Figure(key, label, count, url_name, order))


def add_card(key: str, title, *, roles=(Role.STAFF,), order: int = 100) -> None:
    registry.cards[key] = Card(key, title, tuple(roles), order)


def add_link(
    card: str,
    label,
    url_name: str,
    *,
    roles=(Role.STAFF,),
    waiting: Callable[[Any], int] | None = None,
    with_target: bool = False,
    primary: bool = False,
    order: int = 100,
) -> None:
    """A link on `card`; `primary` makes it stand out (the everyday page of that card)."""
    if card not in registry.cards and card not in BOUND_CARDS:
        raise LookupError(f"no workbench card {card!r}; add_card() it first")
    registry.links.append(
        Link(card, label, url_name, tuple(roles), waiting, with_target, primary, order)
    )


# --- Reading it for one user ----------------------------------------------------------------------


@dataclass(frozen=True)
class ShownLink:
    label: Any
    url: str
    waiting: int | None = None
    primary: bool = False


@dataclass(frozen=True)
class ShownCard:
    title: Any
    links: list[ShownLink] = field(default_factory=list)
    # A bound card: one entry per object (its links reversed with its pk), or, for a person,
    # a card of its own (`target`) whose links are that person's.
    entries: list[tuple[Any, list[ShownLink]]] = field(default_factory=list)
    target: Any = None
    note: Any = ""


@dataclass(frozen=True)
class ShownFigure:
    key: str
    label: Any
    count: int
    url: str | None


def figures(user) -> list[ShownFigure]:
    """Each figure's count for the user, for staff."""
    scope = scope_for(user)
    if scope is None or not scope.has(Role.STAFF):
        return []
    return [
        ShownFigure(f.key, f.label, f.count(user), reverse(f.url_name) if f.url_name else None)
        for f in sorted(registry.figures, key=lambda f: f.order)
    ]


def _links(card: str, scope, user, target=None) -> list[ShownLink]:
    shown = []
    for link in sorted((x for x in registry.links if x.card == card), key=lambda x: x.order):
        if not scope.has(*link.roles):
            continue
        url = reverse(link.url_name, args=[target.pk] if link.with_target else None)
        waiting = link.waiting(user) if link.waiting else None
        shown.append(ShownLink(link.label, url, waiting, link.primary or bool(waiting)))
    return shown


def cards(user) -> list[ShownCard]:
    """The cards the user sees: the work cards of their roles, then the cards of what their
    grants bind them to (their area of work, their own record as a deputy, their stations,
    their unit)."""
    scope = scope_for(user)
    if scope is None:
        return []
    shown = []
    for card in sorted(registry.cards.values(), key=lambda c: c.order):
        if scope.has(*card.roles) and (links := _links(card.key, scope, user)):
            shown.append(ShownCard(card.title, links))
    grants = list(
        user.grants.select_related("region", "station", "person", "handling_unit").order_by(
            "role", "pk"
        )
    )
    for key, (attr, title, note) in BOUND_CARDS.items():
        targets = [getattr(g, attr) for g in grants if getattr(g, f"{attr}_id")]
        if not targets:
            continue
        if key == "person":
            shown.extend(
                ShownCard(title, _links(key, scope, user, target=p), target=p) for p in targets
            )
        else:
            entries = [(t, _links(key, scope, user, target=t)) for t in targets]
            shown.append(ShownCard(title, entries=entries, note=note))
    return shown
