from django.db.models import Q

from renda.commitments.choices import PUBLIC_STATUSES
from renda.core.querysets import CHANGE, RestrictedQuerySet, prefix_q


class CommitmentYearQuerySet(RestrictedQuerySet):
    def scope_q(self, scope, action):
        q = prefix_q("congress__region__code", scope.region_prefixes)
        if action != CHANGE:
            # Deputies see the years of the congresses they sit in, to make their commitments.
            from renda.people.models import Mandate

            q |= Q(
                congress__in=Mandate.objects.filter(person_id__in=scope.person_ids).values(
                    "congress"
                )
            )
        return q


class CommitmentQuerySet(RestrictedQuerySet):
    """Staff reach the commitments filed under their congresses' seats; a deputy their own;
    a liaison the approved commitments of their stations' deputies."""

    def scope_q(self, scope, action):
        q = prefix_q("mandate__congress__region__code", scope.region_prefixes)
        q |= Q(person_id__in=scope.person_ids)
        if action != CHANGE and scope.station_ids:
            from renda.stations.models import StationAssignment

            q |= Q(
                status__in=PUBLIC_STATUSES,
                person_id__in=StationAssignment.objects.filter(
                    station_id__in=scope.station_ids
                ).values("mandate__person_id"),
            )
        return q

    def of_deputy(self, user):
        """The user's own commitments, as a deputy."""
        return self.filter(person_id__in=_person_ids(user))

    def reviewable_by(self, user):
        """What the user may decide on: commitments filed under a seat their staff grant keeps.
        (A staff member who is also a deputy reaches their own as a deputy, not as a reviewer.)"""
        from renda.people.models import Mandate

        return self.restrict(user, CHANGE).filter(
            mandate__in=Mandate.objects.restrict(user, CHANGE)
        )

    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def of_year(self, year: int):
        return self.filter(commitment_year__year=year)


class ReturnReasonQuerySet(RestrictedQuerySet):
    def scope_q(self, scope, action):
        return Q()

    def for_congress(self, congress):
        return self.filter(Q(congress__isnull=True) | Q(congress=congress), active=True)


def _person_ids(user) -> tuple[int, ...]:
    from renda.core.scope import scope_for

    scope = scope_for(user)
    return scope.person_ids if scope else ()
