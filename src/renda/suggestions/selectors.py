"""Reads of motions and suggestions beyond a filter: the seats a deputy drafts under, whom they
may invite, what an item may be merged into."""

from renda.people.models import Mandate
from renda.suggestions.models import Suggestion
from renda.suggestions.workflow import MERGEABLE_INTO


def draftable_seats(user):
    from renda.core.scope import scope_for

    scope = scope_for(user)
    return (
        Mandate.objects.current()
        .filter(person_id__in=scope.person_ids if scope else ())
        .select_related("congress__region")
        .order_by("congress__level")
    )


def invitable_seats(suggestion):
    """The other deputies of the item's congress, in the official order (姓氏笔画)."""
    return (
        Mandate.objects.current()
        .filter(congress_id=suggestion.congress_id)
        .exclude(person_id=suggestion.mandate.person_id)
        .exclude(pk__in=suggestion.cosigners.values("mandate_id"))
        .select_related("person")
        .order_by("person__stroke_key", "person__name", "pk")
    )


def merge_targets(suggestion):
    return (
        Suggestion.objects.filter(
            congress_id=suggestion.congress_id, year=suggestion.year, status__in=MERGEABLE_INTO
        )
        .exclude(pk=suggestion.pk)
        .order_by("kind", "number")
    )


def user_delegations(user):
    """The delegations (代表团) the user sits in as a deputy, whose motions they may draft."""
    from renda.core.scope import scope_for
    from renda.people.choices import GroupKind
    from renda.people.models import DeputyGroup

    scope = scope_for(user)
    return DeputyGroup.objects.filter(
        kind=GroupKind.DELEGATION,
        memberships__mandate__person_id__in=scope.person_ids if scope else (),
    ).distinct()
