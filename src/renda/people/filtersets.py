"""One FilterSet per list, shared by the HTML pages and the API."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from renda.congresses.choices import CongressLevel
from renda.core import public_cache
from renda.core.filtersets import StyledFilterSet, signed_in
from renda.core.querysets import CHANGE
from renda.people.choices import GroupKind
from renda.people.models import DeputyGroup, GroupMembership, Mandate, Person
from renda.people.querysets import current_mandate_q
from renda.regions.models import Region


@extend_schema_field(OpenApiTypes.INT)
class GroupFilter(django_filters.ModelChoiceFilter):
    """A deputy group by id (filtered through a method, so the schema is told its type)."""


class DeputyFilterSet(StyledFilterSet):
    """Search deputies by name or pinyin initials, level, region (town/street) and group."""

    q = django_filters.CharFilter(method="filter_search", label=_("Name or pinyin initials"))
    level = django_filters.ChoiceFilter(
        choices=CongressLevel.choices,
        method="filter_level",
        label=_("Level"),
        empty_label=_("All levels"),
    )
    region = django_filters.CharFilter(method="filter_region", label=_("Town / street"))
    group = GroupFilter(
        queryset=DeputyGroup.objects.all(),
        method="filter_group",
        label=_("Deputy group"),
        empty_label=_("All groups"),
    )
    sort = django_filters.ChoiceFilter(
        choices=[("strokes", _("Surname strokes")), ("pinyin", _("Pinyin"))],
        method="filter_sort",
        label=_("Order"),
        empty_label=_("Surname strokes"),
    )

    # The public offers every group; the staff list (PersonFilterSet) those of their area.
    every_group = True

    class Meta:
        model = Person
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer the towns and streets where deputies are elected or seated, not all 1,000 of
        # the province; the API still takes any region code. Read only when the form is drawn
        # (a page, the browsable API): a JSON answer or a page's htmx results never show them.
        self.filters["region"].field.widget = forms.Select(choices=lambda: self.town_choices)
        if self.every_group:
            # The groups likewise, as (id, name) rows: the model choice field queried them twice
            # for each form drawn (once to see whether the first is empty) and built each one.
            self.filters["group"].field.widget = forms.Select(choices=lambda: self.group_choices)

    @cached_property
    def town_choices(self) -> list[tuple[str, str]]:
        # Remembered until a seat or a region changes: the query grows with every seat.
        towns = public_cache.remembered(
            f"people.deputy_filter_towns:{timezone.localdate()}",
            (Mandate, Region),
            lambda: list(
                Region.objects.towns()
                .filter(pk__in=Mandate.objects.current().values("electoral_region"))
                .order_by("code")
                .values_list("code", "name")
            ),
        )
        return [("", _("All towns and streets")), *towns]

    @cached_property
    def group_choices(self) -> list[tuple[str, str]]:
        groups = public_cache.remembered(
            "people.deputy_filter_groups",
            (DeputyGroup,),
            lambda: list(DeputyGroup.objects.values_list("pk", "name")),  # in their own order
        )
        return [("", _("All groups")), *groups]

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def _with_current(self, queryset, **lookups):
        return queryset.filter(
            Exists(Mandate.objects.filter(current_mandate_q(), person=OuterRef("pk"), **lookups))
        )

    def filter_level(self, queryset, name, value):
        return self._with_current(queryset, congress__level=int(value))

    def filter_region(self, queryset, name, value):
        value = (value or "").strip()
        try:
            region = Region.objects.get(code=value)
        except Region.DoesNotExist:
            return queryset.none()
        # Elected in the region, or sitting in a congress of it (a district's own deputies
        # with no electoral region recorded), or seated at one of its stations.
        elected_here = Exists(
            Mandate.objects.filter(current_mandate_q(), person=OuterRef("pk")).filter(
                Q(electoral_region__code__startswith=region.prefix)
                | Q(congress__region__code__startswith=region.prefix)
            )
        )
        today = timezone.localdate()
        seated_here = Exists(
            Mandate.objects.filter(
                Q(station_assignments__end__isnull=True) | Q(station_assignments__end__gt=today),
                person=OuterRef("pk"),
                station_assignments__start__lte=today,
                station_assignments__station__region__code__startswith=region.prefix,
            )
        )
        return queryset.filter(elected_here | seated_here)

    def filter_group(self, queryset, name, value):
        return queryset.filter(
            Exists(GroupMembership.objects.filter(group=value, mandate__person=OuterRef("pk")))
        )

    def filter_sort(self, queryset, name, value):
        if value == "pinyin":
            return queryset.order_by("name_pinyin", "pk")
        return queryset.official_order()


class PersonFilterSet(DeputyFilterSet):
    """The staff list: the public filters, plus people whose seats have all ended."""

    holding = django_filters.ChoiceFilter(
        choices=[("former", _("Former deputies")), ("all", _("Everyone"))],
        method="filter_holding",
        label=_("Status"),
        empty_label=_("Holding a seat"),
    )
    every_group = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if (user := signed_in(self.request)) is not None:
            # Staff pick among the towns and groups of their area of work (a town's staff see
            # their town, not the district's 21).
            towns = (
                Region.objects.restrict(user, CHANGE)
                .towns()
                .filter(pk__in=Mandate.objects.current().values("electoral_region"))
                .order_by("code")
            )
            self.filters["region"].field.widget = forms.Select(
                choices=[("", _("All towns and streets"))] + [(r.code, r.name) for r in towns]
            )
            self.filters["group"].queryset = DeputyGroup.objects.restrict(user).order_by("name")

    def filter_queryset(self, queryset):
        # Staff mostly look for serving deputies: that is what an empty status means.
        if not self.form.cleaned_data.get("holding"):
            queryset = queryset.filter(self._current())
        return super().filter_queryset(queryset)

    def _current(self):
        return Exists(Mandate.objects.filter(current_mandate_q(), person=OuterRef("pk")))

    def filter_holding(self, queryset, name, value):
        if value == "former":
            return queryset.exclude(self._current())
        return queryset


class GroupFilterSet(StyledFilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="contains", label=_("Name"))
    kind = django_filters.ChoiceFilter(
        choices=GroupKind.choices, label=_("Kind"), empty_label=_("All kinds")
    )

    class Meta:
        model = DeputyGroup
        fields: list[str] = []
