import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core.filtersets import StyledFilterSet, signed_in
from renda.core.querysets import CHANGE
from renda.regions.models import Region
from renda.stations.choices import StationKind
from renda.stations.models import Station


class StationFilterSet(StyledFilterSet):
    """Find a station by name or address, kind and town/street; shared by pages and the API."""

    q = django_filters.CharFilter(method="filter_search", label=_("Name or address"))
    kind = django_filters.ChoiceFilter(
        choices=StationKind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    region = django_filters.CharFilter(method="filter_region", label=_("Town / street"))

    class Meta:
        model = Station
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        towns = (
            Region.objects.towns()
            .filter(
                code__in=[
                    code[:9] + "000"
                    for code in Station.objects.values_list("region__code", flat=True).distinct()
                ]
            )
            .order_by("code")
        )
        if (user := signed_in(self.request)) is not None:
            # Staff pick among the towns of their area of work; the public among them all.
            towns = towns.filter(pk__in=Region.objects.restrict(user, CHANGE).values("pk"))
        self.filters["region"].field.widget = forms.Select(
            choices=[("", _("All towns and streets"))] + [(r.code, r.name) for r in towns]
        )

    def filter_search(self, queryset, name, value):
        value = value.strip()
        return (
            queryset.filter(Q(name__contains=value) | Q(address__contains=value))
            if value
            else queryset
        )

    def filter_region(self, queryset, name, value):
        try:
            region = Region.objects.get(code=(value or "").strip())
        except Region.DoesNotExist:
            return queryset.none()
        return queryset.in_region(region)
