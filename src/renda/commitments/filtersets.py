"""One FilterSet per list of the commitment cycle, shared by the staff pages and the API."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from renda.commitments.choices import CommitmentStatus
from renda.commitments.models import Commitment, CommitmentCategory, CommitmentYear
from renda.congresses.choices import CongressLevel
from renda.congresses.filtersets import ByCongressFilterSet, congress_filter
from renda.congresses.models import Congress
from renda.core.filtersets import IdFilter, StyledFilterSet, YearFilter, signed_in
from renda.core.querysets import CHANGE
from renda.people.models import DeputyGroup, GroupMembership, Mandate
from renda.regions.models import Region
from renda.stations.models import StationAssignment


def _user(request):
    return getattr(request, "user", None)


class ReviewQueueFilterSet(StyledFilterSet):
    """The review queue: what is waiting, narrowed by town/street, deputy group and category."""

    category = django_filters.ModelChoiceFilter(
        queryset=CommitmentCategory.objects.all(),
        label=_("Category"),
        empty_label=_("All categories"),
    )
    town = django_filters.CharFilter(method="filter_town", label=_("Town / street"))
    group = django_filters.ModelChoiceFilter(
        queryset=DeputyGroup.objects.all(),
        method="filter_group",
        label=_("Deputy group"),
        empty_label=_("All groups"),
    )

    class Meta:
        model = Commitment
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _user(self.request)
        congresses = Congress.objects.restrict(user)
        self.filters["category"].queryset = (
            CommitmentCategory.objects.filter(congress__in=congresses)
            .select_related("congress")
            .order_by("congress__level", "order", "name")
        )
        self.filters["group"].queryset = DeputyGroup.objects.restrict(user).order_by("name")
        # Offer the towns where deputies with commitments were elected, not all of the province;
        # the API still takes any region code.
        towns = (
            Region.objects.towns()
            .filter(
                pk__in=Mandate.objects.filter(commitments__isnull=False).values("electoral_region")
            )
            .order_by("code")
        )
        if (signed := signed_in(self.request)) is not None:
            # Within the user's area of work: a town's staff see their town, not all 21.
            towns = towns.filter(pk__in=Region.objects.restrict(signed, CHANGE).values("pk"))
        self.filters["town"].field.widget = forms.Select(
            choices=[("", _("All towns and streets"))] + [(r.code, r.name) for r in towns]
        )

    def filter_town(self, queryset, name, value):
        try:
            region = Region.objects.get(code=(value or "").strip())
        except Region.DoesNotExist:
            return queryset.none()
        # Elected there, sitting in a congress of it, or seated at one of its stations.
        seated_here = Exists(
            StationAssignment.objects.current().filter(
                mandate__person=OuterRef("person"),
                station__region__code__startswith=region.prefix,
            )
        )
        return queryset.filter(
            Q(mandate__electoral_region__code__startswith=region.prefix)
            | Q(mandate__congress__region__code__startswith=region.prefix)
            | seated_here
        )

    @extend_schema_field(OpenApiTypes.INT)
    def filter_group(self, queryset, name, value):
        return queryset.filter(
            Exists(GroupMembership.objects.filter(group=value, mandate__person=OuterRef("person")))
        )


class CommitmentFilterSet(ReviewQueueFilterSet):
    """All commitments: also by text, year, status, level and deputy."""

    q = django_filters.CharFilter(field_name="title", lookup_expr="contains", label=_("Text"))
    year = YearFilter(field_name="commitment_year__year", label=_("Year"))
    status = django_filters.ChoiceFilter(
        choices=CommitmentStatus.choices, label=_("Status"), empty_label=_("All statuses")
    )
    level = django_filters.ChoiceFilter(
        choices=CongressLevel.choices,
        field_name="mandate__congress__level",
        label=_("Level"),
        empty_label=_("All levels"),
    )
    person = IdFilter(field_name="person", label=_("Deputy (id)"))

    class Meta(ReviewQueueFilterSet.Meta):
        fields: list[str] = []


class CommitmentYearFilterSet(ByCongressFilterSet):
    congress = congress_filter()
    year = YearFilter(label=_("Year"))

    class Meta:
        model = CommitmentYear
        fields: list[str] = []


class PublicCommitmentFilterSet(StyledFilterSet):
    """The public API: one deputy's, one year's."""

    person = IdFilter(field_name="person", label=_("Deputy (id)"))
    year = YearFilter(field_name="commitment_year__year", label=_("Year"))

    class Meta:
        model = Commitment
        fields: list[str] = []
