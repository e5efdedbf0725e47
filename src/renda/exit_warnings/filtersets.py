"""Filters of exit rules and warnings, shared by the staff pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from renda.congresses.filtersets import ByCongressFilterSet, congress_filter
from renda.core.filtersets import YearFilter
from renda.exit_warnings.choices import ExitRuleKind, WarningStatus
from renda.exit_warnings.models import ExitRule, ExitWarning


class ExitRuleFilterSet(ByCongressFilterSet):
    congress = congress_filter()

    class Meta:
        model = ExitRule
        fields: list[str] = []


class WarningFilterSet(ByCongressFilterSet):
    congress = congress_filter()
    year = YearFilter(label=_("Year"))
    kind = django_filters.ChoiceFilter(
        choices=ExitRuleKind.choices, label=_("Rule"), empty_label=_("All rules")
    )
    status = django_filters.ChoiceFilter(
        choices=WarningStatus.choices, label=_("Status"), empty_label=_("All statuses")
    )

    class Meta:
        model = ExitWarning
        fields: list[str] = []
