"""Scope in one place: every model that staff, liaisons, deputies or units reach through a
view or the API has a queryset with `.restrict(user, action)`.

A model's queryset says, in `scope_q`, which rows each kind of grant reaches; `restrict` applies
it. Administrators see everything; anyone else sees the union of what their grants reach, and
nothing when they hold none. Views fetch objects through it, so a row outside the scope answers
404 exactly like a missing one.
"""

from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q

VIEW = "view"
CHANGE = "change"


def prefix_q(field: str, prefixes) -> Q:
    """Rows whose region code (at `field`) lies under any of `prefixes`; empty Q matches none."""
    qs = [Q(**{f"{field}__startswith": p}) for p in prefixes]
    return reduce(or_, qs) if qs else Q(pk__in=[])


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user, action: str = VIEW):
        from renda.core.scope import scope_for

        scope = scope_for(user)
        if scope is None:
            return self.none()
        if scope.is_admin:
            return self
        return self.filter(self.scope_q(scope, action))

    def scope_q(self, scope, action: str) -> Q:  # pragma: no cover - every subclass overrides
        raise NotImplementedError(f"{type(self).__name__} must say what each grant reaches")
