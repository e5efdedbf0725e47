"""待办: what waits for a user, gathered from every app.

The workflows' queues come from their declarations (`core.workflow.Todo`: to review, to verify,
returned to you). Apps add what is not a workflow status through `register(provider)` in their
`AppConfig.ready()`: a provider takes the user and yields `TodoLine`s (a deputy's minimums still
short, commitments with no progress for long, the next reception day at a liaison's station).
A provider yields nothing for a role it has nothing for; each asks the database a fixed number
of times, whatever the user's reach.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core.choices import Role
from renda.core.scope import scope_for


@dataclass(frozen=True)
class TodoLine:
    """One line of the to-do page: how many wait (None for a line to read, such as a date) and
    where they are; `detail` says it in words ("本年度还需审议发言 1 次")."""

    label: Any
    count: int | None
    url: str
    detail: str = ""

    @property
    def waiting(self) -> bool:
        return self.count is None or self.count > 0


Provider = Callable[[Any], Iterable[TodoLine]]
_providers: list[Provider] = []

# What the page holds for each role, said when nothing waits (a new handling unit's page is
# empty until suggestions and cases reach it, and should say so rather than show zeros).
HOLDS = {
    Role.DEPUTY: _(
        "Your commitments and activities returned to you, commitments with no progress for "
        "long, the minimums you still need this year, and your station's next reception day."
    ),
    Role.STAFF: _(
        "Commitments to review, activities to verify, nominations and exit warnings to decide, "
        "deputies below the minimums and commitments with no progress in your area, and the "
        "reception days coming up at its stations."
    ),
    Role.LIAISON: _(
        "Your stations' next reception days, and the deputies of your stations below the minimums."
    ),
    Role.UNIT: _(
        "The suggestions and the public's problems assigned to your unit, with their "
        "deadlines, once they reach it."
    ),
    Role.ADMIN: _("Administrators keep the system; the staff's work is on their to-do pages."),
}


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def lines_for(user) -> list[TodoLine]:
    """Every line for `user`: the workflows' queues, then the apps' lines; what waits first."""
    from renda.core import workflow

    lines = [*workflow.todo_for(user)]
    for provider in _providers:
        lines.extend(provider(user))
    return sorted(lines, key=lambda line: not line.waiting)


def holds_for(user) -> list:
    """What the page holds for each of the user's roles."""
    scope = scope_for(user)
    if scope is None:
        return []
    if scope.is_admin:
        return [HOLDS[Role.ADMIN]]
    return [text for role, text in HOLDS.items() if role in scope.roles]
