import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core.filtersets import StyledFilterSet
from renda.regions.choices import RegionLevel
from renda.regions.models import HandlingUnit, Region


class RegionFilterSet(StyledFilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Name or code"))
    level = django_filters.ChoiceFilter(
        choices=RegionLevel.choices, label=_("Level"), empty_label=_("All levels")
    )
    parent = django_filters.CharFilter(field_name="parent__code", label=_("Parent code"))

    class Meta:
        model = Region
        fields: list[str] = []

    def filter_search(self, queryset, name, value):
        value = value.strip()
        return (
            queryset.filter(Q(name__contains=value) | Q(code__startswith=value))
            if value
            else queryset
        )


class HandlingUnitFilterSet(StyledFilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="contains", label=_("Name"))
    active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = HandlingUnit
        fields: list[str] = []
