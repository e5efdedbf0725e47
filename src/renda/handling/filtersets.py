"""Filters of assignments: the unit's inbox and the office's list, pages and API."""

import datetime

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.filtersets import StyledFilterSet
from renda.handling.choices import AssignmentRole, AssignmentStatus
from renda.handling.models import Assignment
from renda.regions.models import HandlingUnit


def _overdue(queryset, name, value):
    if value is None:
        return queryset
    today = timezone.localdate()
    overdue = Assignment.objects.overdue(today).values("pk")
    return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


def _due_within(queryset, name, value):
    if not value:
        return queryset
    today = timezone.localdate()
    # A NumberFilter's value is a Decimal, which timedelta does not take.
    until = today + datetime.timedelta(days=int(value))
    soon = (
        Assignment.objects.with_clocks()
        .filter(answer_due__gte=today, answer_due__lte=until)
        .values("pk")
    )
    return queryset.filter(pk__in=soon)


def _more_time(queryset, name, value):
    if value is None:
        return queryset
    from renda.handling.choices import ExtensionDecision

    asked = queryset.filter(replies__decision=ExtensionDecision.PENDING).values("pk")
    return queryset.filter(pk__in=asked) if value else queryset.exclude(pk__in=asked)


class AssignmentFilterSet(StyledFilterSet):
    status = django_filters.ChoiceFilter(
        choices=AssignmentStatus.choices, label=_("Status"), empty_label=_("All statuses")
    )
    role = django_filters.ChoiceFilter(
        choices=AssignmentRole.choices, label=_("Role"), empty_label=_("All roles")
    )
    unit = django_filters.ModelChoiceFilter(
        queryset=HandlingUnit.objects.none(), label=_("Handling unit"), empty_label=_("All units")
    )
    overdue = django_filters.BooleanFilter(method=_overdue, label=_("Overdue"))
    more_time = django_filters.BooleanFilter(method=_more_time, label=_("Asks for more time"))
    due_within = django_filters.NumberFilter(
        method=_due_within, label=_("Due within (days)"), min_value=1, max_value=366
    )

    class Meta:
        model = Assignment
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        self.filters["unit"].queryset = HandlingUnit.objects.restrict(user)
