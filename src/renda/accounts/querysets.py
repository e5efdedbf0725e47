"""Which logins a user may manage: staff the deputies', liaisons' and handling units' logins of
their area, administrators every login."""

from django.db.models import Exists, OuterRef, Q

from renda.core.choices import Role
from renda.core.querysets import CHANGE, RestrictedQuerySet


def grants_reached_q(scope) -> Q:
    """Role grants of the roles staff hand out, bound to what the scope may change: a deputy's
    record its staff keep, a station or a handling unit of their area."""
    from renda.people.models import Person
    from renda.regions.models import HandlingUnit
    from renda.stations.models import Station

    def reached(model):
        return model.objects.filter(model.objects.all().scope_q(scope, CHANGE)).values("pk")

    return (
        Q(role=Role.DEPUTY, person__in=reached(Person))
        | Q(role=Role.LIAISON, station__in=reached(Station))
        | Q(role=Role.UNIT, handling_unit__in=reached(HandlingUnit))
    )


class UserQuerySet(RestrictedQuerySet):
    def scope_q(self, scope, action):
        # Staff see and manage a login only when every role it holds is one they hand out, bound
        # inside their area: never a staff or administrator login, nor one shared with another
        # district (an administrator looks after those). VIEW and CHANGE are the same set.
        if Role.STAFF not in scope.roles:
            return Q(pk__in=[])
        from renda.accounts.models import RoleGrant

        reach = grants_reached_q(scope)
        inside = RoleGrant.objects.filter(reach, user=OuterRef("pk"))
        outside = RoleGrant.objects.filter(user=OuterRef("pk")).exclude(reach)
        return Q(Exists(inside)) & ~Q(Exists(outside)) & Q(is_superuser=False)

    def with_role(self, role: str):
        from renda.accounts.models import RoleGrant

        return self.filter(Exists(RoleGrant.objects.filter(user=OuterRef("pk"), role=role)))

    def search(self, text: str):
        """By username or full name."""
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(Q(username__icontains=text) | Q(full_name__contains=text))
