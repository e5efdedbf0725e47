"""Reads that span apps: the workbench figures."""

from renda.accounts.scope import scope_for
from renda.people.models import DeputyGroup, Mandate, Person
from renda.stations.models import Station


def dashboard_figures(user) -> dict:
    """Counts of what the user's scope reaches, for the workbench."""
    scope = scope_for(user)
    if scope is None:
        return {}
    return {
        "deputies": Person.objects.restrict(user).deputies().count(),
        "mandates": Mandate.objects.restrict(user).current().count(),
        "groups": DeputyGroup.objects.restrict(user).count(),
        "stations": Station.objects.restrict(user).active().count(),
    }
