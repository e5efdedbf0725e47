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
