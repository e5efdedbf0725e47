"""Who may read a person's private fields, the one rule every page, history, export and API
answer applies (declared to `core.privacy` in `PeopleConfig.ready()`).

- The staff who reach the person through a seat (a congress or electoral region of theirs), the
  person themselves and administrators read all of them.
- A station liaison reads the phone of their station's deputies, to reach them, but not their
  identity documents: ID card number and date of birth.
- Nobody else reads any; the public sees the phone only where the deputy chose to show it
  (`phone_public`, applied by the portal, which never shows a history).
"""

import dataclasses

from renda.core.querysets import VIEW
from renda.core.scope import scope_for

IDENTITY = frozenset({"birth_date", "id_number"})
CONTACT = frozenset({"phone"})
PRIVATE = IDENTITY | CONTACT


def readable(user, pks: list[str]) -> dict[str, frozenset[str]]:
    """{pk: the private fields `user` may read of that person}; at most two queries."""
    from renda.people.models import Person

    scope = scope_for(user)
    if scope is None:
        return {}
    if scope.is_admin:
        return dict.fromkeys(pks, PRIVATE)
    ids = [int(pk) for pk in pks if pk.isdecimal()]
    reached = set(
        Person.objects.restrict(user, VIEW).filter(pk__in=ids).values_list("pk", flat=True)
    )
    keeps = {pk for pk in reached if pk in scope.person_ids}
    if scope.region_prefixes and reached:
        # Only a staff grant opens the identity documents: the same user's liaison grant for a
        # station elsewhere does not.
        as_staff = dataclasses.replace(scope, station_ids=(), person_ids=(), unit_ids=())
        keeps |= set(
            Person.objects.filter(
                Person.objects.none().scope_q(as_staff, VIEW), pk__in=reached
            ).values_list("pk", flat=True)
        )
    return {str(pk): PRIVATE if pk in keeps else CONTACT for pk in reached}
