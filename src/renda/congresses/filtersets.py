import django_filters
from django.utils.translation import gettext_lazy as _

from renda.congresses.choices import CongressLevel
from renda.congresses.models import Congress
from renda.core.filtersets import StyledFilterSet


class CongressFilterSet(StyledFilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="contains", label=_("Name"))
    level = django_filters.ChoiceFilter(
        choices=CongressLevel.choices, label=_("Level"), empty_label=_("All levels")
    )

    class Meta:
        model = Congress
        fields: list[str] = []


class ByCongressFilterSet(StyledFilterSet):
    """A filter set whose `congress` choice offers only the congresses in the requesting user's
    scope (a congress outside it is refused as an invalid choice)."""

    congress_order: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        congresses = Congress.objects.restrict(getattr(self.request, "user", None))
        congresses = congresses.select_related("region")
        if self.congress_order:
            congresses = congresses.order_by(*self.congress_order)
        self.filters["congress"].queryset = congresses


def congress_filter(**kwargs) -> django_filters.ModelChoiceFilter:
    """The `congress` filter of a `ByCongressFilterSet` (its queryset is set per request)."""
    return django_filters.ModelChoiceFilter(
        queryset=Congress.objects.none(),
        label=_("Congress"),
        empty_label=_("All congresses"),
        **kwargs,
    )
