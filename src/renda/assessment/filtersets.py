"""One FilterSet per list of the evaluation, shared by the staff pages and the API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from renda.activities.choices import Compliance
from renda.assessment.models import Evaluation, EvaluationResult, ScoreAdjustment, ScoringTable
from renda.congresses.filtersets import ByCongressFilterSet, congress_filter
from renda.core.filtersets import IdFilter, StyledFilterSet, YearFilter, signed_in
from renda.core.querysets import CHANGE
from renda.people.models import DeputyGroup, GroupMembership
from renda.regions.models import Region


def _user(request):
    return getattr(request, "user", None)


class _CongressYearFilterSet(ByCongressFilterSet):
    congress = congress_filter()
    year = YearFilter(label=_("Year"))
    congress_order = ("level", "pk")


class TableFilterSet(_CongressYearFilterSet):
    class Meta:
        model = ScoringTable
        fields = ["congress", "year", "status"]


class AdjustmentFilterSet(_CongressYearFilterSet):
    class Meta:
        model = ScoreAdjustment
        fields = ["congress", "year", "mandate"]


class EvaluationFilterSet(_CongressYearFilterSet):
    class Meta:
        model = Evaluation
        fields = ["congress", "year", "status"]


class ResultFilterSet(StyledFilterSet):
    """The results of an evaluation by grade, compliance, town/street (where the deputy was
    elected, the whole subtree) and deputy group."""

    grade = django_filters.CharFilter(label=_("Grade"))
    compliance = django_filters.ChoiceFilter(
        label=_("Minimums"),
        choices=[(c.value, c.label) for c in Compliance if c != Compliance.IN_PROGRESS],
        empty_label=_("Any"),
    )
    town = django_filters.CharFilter(method="filter_town", label=_("Town / street"))
    group = django_filters.ModelChoiceFilter(
        queryset=DeputyGroup.objects.all(),
        method="filter_group",
        label=_("Deputy group"),
        empty_label=_("All groups"),
    )
    evaluation = IdFilter(label=_("Evaluation"))
    year = YearFilter(field_name="evaluation__year", label=_("Year"))

    class Meta:
        model = EvaluationResult
        fields = ["evaluation", "grade", "compliance"]

    def __init__(self, *args, evaluation=None, **kwargs):
        super().__init__(*args, **kwargs)
        user = _user(self.request)
        groups = DeputyGroup.objects.restrict(user).order_by("name")
        if evaluation is not None:
            # A page for one evaluation: offer its grades, its congress's groups and towns.
            del self.filters["evaluation"]
            del self.filters["year"]
            labels = list(evaluation.table.bands.values_list("label", flat=True))
            self.filters["grade"].field.widget = forms.Select(
                choices=[("", _("All grades"))] + [(x, x) for x in labels]
            )
            groups = groups.filter(congress_id=evaluation.congress_id)
            towns = Region.objects.towns().filter(
                code__startswith=evaluation.congress.region.prefix
            )
            if (signed := signed_in(self.request)) is not None:
                # Within the user's area of work: a town's staff see their own town.
                towns = towns.filter(pk__in=Region.objects.restrict(signed, CHANGE).values("pk"))
            self.filters["town"].field.widget = forms.Select(
                choices=[("", _("All towns and streets"))]
                + [(r.code, r.name) for r in towns.order_by("code")]
            )
        self.filters["group"].queryset = groups

    def filter_town(self, queryset, name, value):
        region = Region.objects.filter(code=(value or "").strip()).first()
        if region is None:
            return queryset.none()
        return queryset.filter(mandate__electoral_region__code__startswith=region.prefix)

    @extend_schema_field(OpenApiTypes.INT)
    def filter_group(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            mandate_id__in=GroupMembership.objects.filter(group=value).values("mandate_id")
        )
