"""Years closed to change: one lock below the apps that close a congress's year and the apps
whose records count toward it.

The evaluation makes a congress's year final; from then on the activities and adjustments of
that year must not change. The app that closes years registers how to tell in its
`AppConfig.ready()`; the apps that must respect it call `ensure_year_open` before a change.
Neither imports the other.
"""

from collections.abc import Callable

from renda.core.exceptions import InvalidTransition

# Each check answers whether (congress id, year) is closed.
_checks: list[Callable[[int, int], bool]] = []


def register(check: Callable[[int, int], bool]) -> None:
    if check not in _checks:
        _checks.append(check)


def is_year_closed(congress_id: int, year: int) -> bool:
    return any(check(congress_id, year) for check in _checks)


def ensure_year_open(congress_id: int, year: int, message) -> None:
    """Refuse with `message` (which may name %(year)s) a change to a closed year."""
    if is_year_closed(congress_id, year):
        raise InvalidTransition(message % {"year": year})
