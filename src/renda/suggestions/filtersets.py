"""Filters of motions and suggestions, shared by the pages and the API; the public list's."""

import django_filters
from django.db.models import BigIntegerField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from renda.congresses.filtersets import ByCongressFilterSet, congress_filter
from renda.core.filtersets import StyledFilterSet, YearFilter
from renda.handling.models import Assignment
from renda.regions.models import HandlingUnit
from renda.suggestions.choices import Rated, SuggestionKind, SuggestionStatus, SuggestionTopic
from renda.suggestions.models import Suggestion


def _item_ids(assignments):
    """The ids of the items of `assignments` (of suggestions only), as numbers: the generic key
    is text, and PostgreSQL compares no bigint with text."""
    return assignments.annotate(item=Cast("object_id", BigIntegerField())).values("item")


def _search(queryset, name, value):
    """Title, number, the lead deputy's name or a unit's name."""
    value = (value or "").strip()
    if not value:
        return queryset
    q = Q(title__contains=value) | Q(mandate__person__name__contains=value)
    if value.isdigit():
        q |= Q(number=int(value))
    units = Assignment.objects.of_model(Suggestion).filter(unit__name__contains=value)
    q |= Q(pk__in=_item_ids(units))
    return queryset.filter(q)


def _by_unit(queryset, name, value):
    if not value:
        return queryset
    held = Assignment.objects.of_model(Suggestion).filter(unit=value)
    return queryset.filter(pk__in=_item_ids(held))


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


class PublicSuggestionFilterSet(StyledFilterSet):
    """The public list: by year, kind and topic, and a search of title, number, deputy, unit."""

    q = django_filters.CharFilter(method=_search, label=_("Search"))
    year = YearFilter(label=_("Year"))
    kind = django_filters.ChoiceFilter(
        choices=SuggestionKind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    topic = django_filters.ChoiceFilter(
        choices=SuggestionTopic.choices, label=_("Topic"), empty_label=_("All topics")
    )

    class Meta:
        model = Suggestion
        fields: list[str] = []
