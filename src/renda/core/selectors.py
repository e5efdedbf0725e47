"""Reads that span apps: the workbench figures and links."""

from renda.accounts.scope import scope_for
from renda.people.models import DeputyGroup, Mandate, Person
from renda.stations.models import Station


def dashboard_figures(user) -> dict:
    """Counts of what the user's scope reaches, for the workbench of staff."""
    scope = scope_for(user)
    if scope is None or not scope.has("staff"):
        return {}
    return {
        "deputies": Person.objects.restrict(user).deputies().count(),
        "mandates": Mandate.objects.restrict(user).current().count(),
        "groups": DeputyGroup.objects.restrict(user).count(),
        "stations": Station.objects.restrict(user).active().count(),
    }


def dashboard_links(user) -> dict:
    """What each of the user's roles is bound to, for the workbench: a deputy's own record, a
    liaison's stations, a unit."""
    from renda.accounts.models import RoleGrant

    grants = (
        RoleGrant.objects.filter(user=user)
        .select_related("region", "station", "person", "handling_unit")
        .order_by("role", "pk")
    )
    return {
        "regions": [g.region for g in grants if g.region_id],
        "people": [g.person for g in grants if g.person_id],
        "stations": [g.station for g in grants if g.station_id],
        "units": [g.handling_unit for g in grants if g.handling_unit_id],
        "review_waiting": _review_waiting(user),
        "activities_waiting": _activities_waiting(user),
    }


def _review_waiting(user) -> int | None:
    """Submitted commitments the staff may decide on; None for those who do not review."""
    from renda.commitments.choices import CommitmentStatus
    from renda.commitments.models import Commitment

    scope = scope_for(user)
    if scope is None or not scope.has("staff"):
        return None
    return Commitment.objects.reviewable_by(user).filter(status=CommitmentStatus.SUBMITTED).count()


def _activities_waiting(user) -> int | None:
    """Registered activities the staff may verify; None for those who do not verify."""
    from renda.activities.choices import ActivityStatus
    from renda.activities.models import Activity

    scope = scope_for(user)
    if scope is None or not scope.has("staff"):
        return None
    return Activity.objects.verifiable_by(user).filter(status=ActivityStatus.SUBMITTED).count()
