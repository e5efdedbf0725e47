"""Filters of motions and suggestions, shared by the pages and the API; the public list's."""

import django_filters
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from renda.congresses.filtersets import ByCongressFilterSet, congress_filter
from renda.core.filtersets import IdFilter, StyledFilterSet, YearFilter
from renda.handling.models import Assignment
from renda.regions.models import HandlingUnit
from renda.suggestions.choices import Rated, SuggestionKind, SuggestionStatus, SuggestionTopic
from renda.suggestions.models import KeySupervision, Suggestion


def _assignments():
    """The item's assignments, matched on the generic key as text (PostgreSQL compares no
    integer with text)."""
    return Assignment.objects.of_model(Suggestion).filter(
        object_id=Cast(OuterRef("pk"), CharField())
    )


def _search(queryset, name, value):
    """Title, number, the lead deputy's name or a unit's name."""
    value = (value or "").strip()
    if not value:
        return queryset
    q = Q(title__contains=value) | Q(mandate__person__name__contains=value)
    if value.isdigit():
        q |= Q(number=int(value))
    q |= Q(Exists(_assignments().filter(unit__name__contains=value)))
    return queryset.filter(q)


@extend_schema_field(OpenApiTypes.INT)
def _by_unit(queryset, name, value):
    if not value:
        return queryset
    return queryset.filter(Exists(_assignments().filter(unit=value)))


def _key(queryset, name, value):
    if value is None:
        return queryset
    return queryset.filter(supervision__isnull=not value)


class SuggestionFilterSet(ByCongressFilterSet):
    q = django_filters.CharFilter(method=_search, label=_("Search"))
    congress = congress_filter()
    year = YearFilter(label=_("Year"))
    kind = django_filters.ChoiceFilter(
        choices=SuggestionKind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    status = django_filters.ChoiceFilter(
        choices=SuggestionStatus.choices, label=_("Status"), empty_label=_("All statuses")
    )
    topic = django_filters.ChoiceFilter(
        choices=SuggestionTopic.choices, label=_("Topic"), empty_label=_("All topics")
    )
    unit = django_filters.ModelChoiceFilter(
        queryset=HandlingUnit.objects.none(),
        method=_by_unit,
        label=_("Handling unit"),
        empty_label=_("All units"),
    )
    key = django_filters.BooleanFilter(method=_key, label=_("Key supervision"))
    reply_rating = django_filters.ChoiceFilter(
        choices=Rated.choices, label=_("Rating of the reply"), empty_label=_("All ratings")
    )

    class Meta:
        model = Suggestion
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        self.filters["unit"].queryset = HandlingUnit.objects.restrict(user)


def _public_congresses(request):
    """The congresses with disclosed items, in their order of level."""
    from renda.congresses.models import Congress

    disclosed = Suggestion.objects.public().values("congress_id")
    return Congress.objects.filter(pk__in=disclosed).order_by("level", "region__code")


class PublicSuggestionFilterSet(StyledFilterSet):
    """The public list: by congress, year, kind and topic, a search of title, number, deputy
    and unit; and a deputy's items (the link from their page)."""

    q = django_filters.CharFilter(method=_search, label=_("Search"))
    congress = django_filters.ModelChoiceFilter(
        queryset=_public_congresses, label=_("Congress"), empty_label=_("All congresses")
    )
    year = YearFilter(label=_("Year"))
    kind = django_filters.ChoiceFilter(
        choices=SuggestionKind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    topic = django_filters.ChoiceFilter(
        choices=SuggestionTopic.choices, label=_("Topic"), empty_label=_("All topics")
    )
    deputy = IdFilter(field_name="mandate__person", label=_("Deputy (id)"))

    class Meta:
        model = Suggestion
        fields: list[str] = []


class KeySupervisionFilterSet(ByCongressFilterSet):
    congress = congress_filter()
    year = YearFilter(label=_("Year"))

    class Meta:
        model = KeySupervision
        fields: list[str] = []
