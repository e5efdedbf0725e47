from django.db.models import Q

from renda.activities.choices import ActivityStatus
from renda.core.querysets import CHANGE, RestrictedQuerySet, prefix_q


class ActivityTypeQuerySet(RestrictedQuerySet):
    """Staff keep their congresses' catalogues; everyone signed in may read them (a deputy
    picks a type when registering)."""

    def scope_q(self, scope, action):
        if action != CHANGE:
            return Q()
        return prefix_q("congress__region__code", scope.region_prefixes)

    def active(self):
        return self.filter(active=True)


class ActivityQuerySet(RestrictedQuerySet):
    """Staff reach the activities of their congresses' seats; a deputy their own; a liaison the
    verified activities of their stations' deputies."""

    def scope_q(self, scope, action):
        q = prefix_q("congress__region__code", scope.region_prefixes)
        q |= Q(person_id__in=scope.person_ids)
        if action != CHANGE and scope.station_ids:
            from renda.stations.models import StationAssignment

            q |= Q(
                status=ActivityStatus.VERIFIED,
                mandate_id__in=StationAssignment.objects.filter(
                    station_id__in=scope.station_ids
                ).values("mandate_id"),
            )
        return q

    def of_deputy(self, user):
        """The user's own records, as a deputy."""
        from renda.core.scope import scope_for

        scope = scope_for(user)
        return self.filter(person_id__in=scope.person_ids if scope else ())

    def verifiable_by(self, user):
        """What the user decides on as staff (a staff member who is also a deputy reaches their
        own records as a deputy, not as a verifier)."""
        from renda.core.scope import scope_for

        scope = scope_for(user)
        if scope is None:
            return self.none()
        if scope.is_admin:
            return self
        return self.filter(prefix_q("congress__region__code", scope.region_prefixes))

    def verified(self):
        return self.filter(status=ActivityStatus.VERIFIED)

    def public(self):
        """What the portal shows: verified records only."""
        return self.verified()

    def in_year(self, year: int):
        return self.filter(day__year=year)


class BatchQuerySet(RestrictedQuerySet):
    """Staff reach the group registrations of their congresses; a station liaison reads those
    whose every deputy is (or was) at one of their stations, and nothing beyond."""

    def scope_q(self, scope, action):
        q = prefix_q("congress__region__code", scope.region_prefixes)
        if action != CHANGE and scope.station_ids:
            from renda.activities.models import Activity
            from renda.stations.models import StationAssignment

            theirs = StationAssignment.objects.filter(station_id__in=scope.station_ids).values(
                "mandate_id"
            )
            q |= Q(pk__in=Activity.objects.filter(mandate_id__in=theirs).values("batch_id")) & ~Q(
                pk__in=Activity.objects.filter(batch__isnull=False)
                .exclude(mandate_id__in=theirs)
                .values("batch_id")
            )
        return q


class RequirementQuerySet(RestrictedQuerySet):
    def scope_q(self, scope, action):
        if action != CHANGE:
            return Q()
        return prefix_q("congress__region__code", scope.region_prefixes)


class ExcuseQuerySet(RestrictedQuerySet):
    def scope_q(self, scope, action):
        q = prefix_q("mandate__congress__region__code", scope.region_prefixes)
        if action != CHANGE:
            q |= Q(mandate__person_id__in=scope.person_ids)
        return q

    def overlapping(self, start, end):
        return self.filter(start__lte=end, end__gte=start)
