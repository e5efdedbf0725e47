"""Near-duplicate motions and suggestions: a hint at drafting and at review, never a refusal.

The same offline text measure as commitments' review assistance (`core.textsim`: character
bigrams and jieba words), on titles: against the other items of the same congress and year and
against its earlier years (a problem raised again, the sewage plant of 2018 asked after in
2020). Drafts and withdrawn items are nobody's yet and do not count.
"""

from dataclasses import dataclass

from django.db.models import Q

from renda.core.textsim import similar_texts
from renda.suggestions.choices import SuggestionStatus as S
from renda.suggestions.models import Suggestion

MAX_HINTS = 3
IGNORED = (S.DRAFT, S.WITHDRAWN)


@dataclass(frozen=True)
class Hint:
    kind: str  # "same_year" | "earlier_year"
    score: float
    other: Suggestion


def hints_for(suggestion, *, for_office: bool = True) -> list[Hint]:
    """Up to three of each kind, strongest first; three queries whatever the year's size. A
    deputy drafting is shown only what is public and their own items (`for_office=False`):
    another deputy's item stays theirs until the office discloses it."""
    others = (
        Suggestion.objects.filter(congress_id=suggestion.congress_id)
        .exclude(pk=suggestion.pk)
        .exclude(status__in=IGNORED)
    )
    if not for_office:
        others = others.filter(
            Q(disclosed_at__isnull=False, confidential=False)
            | Q(mandate__person_id=suggestion.mandate.person_id)
        )
    found = []
    for kind, rows in (
        ("same_year", others.filter(year=suggestion.year)),
        ("earlier_year", others.filter(year__lt=suggestion.year)),
    ):
        for score, other_id, _title in similar_texts(
            suggestion.title, rows.values_list("id", "title")
        )[:MAX_HINTS]:
            found.append((kind, score, other_id))
    shown = Suggestion.objects.in_bulk([pk for _k, _s, pk in found])
    return [Hint(kind, score, shown[pk]) for kind, score, pk in found if pk in shown]
