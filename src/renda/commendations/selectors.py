"""Named reads of commendations: what the portal shows."""

from django.db.models import Exists, OuterRef

from renda.commendations.models import Commendation
from renda.people.models import Mandate
from renda.people.querysets import current_mandate_q

# What published commendations show (core/public_cache.py).
PUBLIC_MODELS = (Commendation,)


def public_commendations():
    """Published commendations, with what their lists show, and whether the deputy still holds
    a seat (only then is their name a link to their page)."""
    return (
        Commendation.objects.public()
        .select_related("congress", "mandate__person", "group")
        .annotate(
            deputy_current=Exists(
                Mandate.objects.filter(
                    current_mandate_q(), person_id=OuterRef("mandate__person_id")
                )
            )
        )
        .order_by("-year", "kind", "congress__level", "mandate__person__stroke_key", "group__name")
    )


def deputy_commendations(person) -> list[Commendation]:
    """A deputy's published commendations, for their public page."""
    return list(
        Commendation.objects.public()
        .filter(mandate__person=person)
        .select_related("congress")
        .order_by("-year", "kind", "pk")
    )
