"""One FilterSet per list of the activity register, shared by the staff pages and the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.activities.choices import ActivityStatus, RequirementCategory
from renda.activities.models import Activity, ActivityBatch, ActivityType, Excuse, Requirement
from renda.congresses.filtersets import ByCongressFilterSet, congress_filter
from renda.congresses.models import Congress, Term
from renda.core.filtersets import IdFilter, StyledFilterSet, YearFilter
from renda.core.querysets import CHANGE
from renda.regions.models import Region


def _user(request):
    return getattr(request, "user", None)


def _town_widget(user):
    # The towns of the user's area of work (a town's staff see their own), not the whole tree.
    towns = Region.objects.restrict(user, CHANGE).towns().order_by("code")
    return forms.Select(
        choices=[("", _("All towns and streets"))] + [(r.code, r.name) for r in towns]
    )


class QueueFilterSet(ByCongressFilterSet):
    """The verification queue: by congress, town or street, type and date."""

    congress = congress_filter()
    town = django_filters.CharFilter(method="filter_town", label=_("Town / street"))
    activity_type = django_filters.ModelChoiceFilter(
        queryset=ActivityType.objects.all(), label=_("Activity type"), empty_label=_("All types")
    )
    day_from = django_filters.DateFilter(
        field_name="day", lookup_expr="gte", label=_("From"), widget=forms.DateInput()
    )
    day_to = django_filters.DateFilter(
        field_name="day", lookup_expr="lte", label=_("Until"), widget=forms.DateInput()
    )

    class Meta:
        model = Activity
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _user(self.request)
        congresses = self.filters["congress"].queryset
        self.filters["activity_type"].queryset = (
            ActivityType.objects.filter(congress__in=congresses)
            .select_related("congress")
            .order_by("congress__level", "order", "pk")
        )
        if user is not None and getattr(user, "is_authenticated", False):
            self.filters["town"].field.widget = _town_widget(user)

    def filter_town(self, queryset, name, value):
        """Elected in the town's subtree (a seat's electoral region), or a congress of it."""
        try:
            region = Region.objects.get(code=(value or "").strip())
        except Region.DoesNotExist:
            return queryset.none()
        return queryset.filter(
            Q(mandate__electoral_region__code__startswith=region.prefix)
            | Q(congress__region__code__startswith=region.prefix)
        )


class ActivityFilterSet(QueueFilterSet):
    """All activities in scope: also by status, category, deputy's name, year and seat."""

    status = django_filters.ChoiceFilter(
        choices=ActivityStatus.choices, label=_("Status"), empty_label=_("All statuses")
    )
    category = django_filters.ChoiceFilter(
        field_name="activity_type__category",
        choices=RequirementCategory.choices,
        label=_("Requirement category"),
        empty_label=_("All categories"),
    )
    q = django_filters.CharFilter(method="filter_name", label=_("Deputy's name"))
    year = YearFilter(field_name="day", lookup_expr="year", label=_("Year"))
    mandate = IdFilter(field_name="mandate", label=_("Seat (id)"))
    person = IdFilter(field_name="person", label=_("Deputy (id)"))

    class Meta(QueueFilterSet.Meta):
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Ids are for the API and for links; the page's form does not show them.
        for name in ("mandate", "person"):
            self.filters[name].field.widget = forms.HiddenInput()

    def filter_name(self, queryset, name, value):
        from renda.people.models import Person

        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(person__in=Person.objects.search(value).values("pk"))


class ActivityTypeFilterSet(StyledFilterSet):
    congress = django_filters.ModelChoiceFilter(
        queryset=Congress.objects.all(), label=_("Congress"), empty_label=_("All congresses")
    )
    category = django_filters.ChoiceFilter(
        choices=RequirementCategory.choices,
        label=_("Requirement category"),
        empty_label=_("All categories"),
    )
    active = django_filters.BooleanFilter(label=_("In use"))

    class Meta:
        model = ActivityType
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        from renda.core.scope import scope_for

        super().__init__(*args, **kwargs)
        user = _user(self.request)
        scope = scope_for(user) if user is not None else None
        # Every catalogue is readable (a deputy picks from theirs); staff are offered their own.
        congresses = Congress.objects.all()
        if scope is not None and scope.region_prefixes:
            congresses = Congress.objects.restrict(user)
        self.filters["congress"].queryset = congresses.select_related("region")


class RequirementFilterSet(ByCongressFilterSet):
    congress = congress_filter()
    term = django_filters.ModelChoiceFilter(
        queryset=Term.objects.all(), label=_("Term"), empty_label=_("All terms")
    )

    class Meta:
        model = Requirement
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _user(self.request)
        self.filters["term"].queryset = Term.objects.restrict(user).select_related(
            "congress__region"
        )


class ExcuseFilterSet(ByCongressFilterSet):
    congress = congress_filter(field_name="mandate__congress")
    mandate = IdFilter(field_name="mandate", label=_("Seat (id)"))
    year = YearFilter(method="filter_year", label=_("Year"))

    class Meta:
        model = Excuse
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["mandate"].field.widget = forms.HiddenInput()

    def filter_year(self, queryset, name, value):
        import datetime

        year = int(value)
        return queryset.overlapping(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


class BatchFilterSet(ByCongressFilterSet):
    congress = congress_filter()
    year = YearFilter(field_name="day", lookup_expr="year", label=_("Year"))

    class Meta:
        model = ActivityBatch
        fields: list[str] = []


class PublicActivityFilterSet(StyledFilterSet):
    """The public API of activities: one deputy's (person id), one year's."""

    person = IdFilter(field_name="person", label=_("Deputy (id)"))
    year = YearFilter(field_name="day", lookup_expr="year", label=_("Year"))

    class Meta:
        model = Activity
        fields: list[str] = []
