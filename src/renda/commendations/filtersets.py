"""Filters of commendations, shared by the staff pages and the API; the public list's."""

import django_filters
from django.utils.translation import gettext_lazy as _

from renda.commendations.choices import CommendationKind, CommendationStatus
from renda.commendations.models import Commendation
from renda.congresses.filtersets import ByCongressFilterSet, congress_filter
from renda.core.filtersets import StyledFilterSet, YearFilter


class CommendationFilterSet(ByCongressFilterSet):
    congress = congress_filter()
    kind = django_filters.ChoiceFilter(
        choices=CommendationKind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    year = YearFilter(label=_("Year"))
    status = django_filters.ChoiceFilter(
        choices=CommendationStatus.choices, label=_("Status"), empty_label=_("All statuses")
    )

    class Meta:
        model = Commendation
        fields: list[str] = []


class PublicCommendationFilterSet(StyledFilterSet):
    """The public list: by year and kind."""

    year = YearFilter(label=_("Year"))
    kind = django_filters.ChoiceFilter(
        choices=CommendationKind.choices, label=_("Kind"), empty_label=_("All kinds")
    )

    class Meta:
        model = Commendation
        fields: list[str] = []
