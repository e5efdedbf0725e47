import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django_filters.utils import label_for_filter

from renda.core.choices import AuditAction
from renda.core.forms import style_fields
from renda.core.models import AuditEntry

# The widest integer a primary or foreign key column holds (SQLite's INTEGER, PostgreSQL's bigint).
LARGEST_ID = 2**63 - 1


class StyledFilterSet(django_filters.FilterSet):
    """A FilterSet whose form carries Bootstrap classes, on pages and in the browsable API, and
    whose labels taken from the model follow the language of each request."""

    @classmethod
    def get_filters(cls):
        # django-filter words a label it derives from the model's verbose name once, in the
        # language active then, and keeps it on the class's filter: after one English request
        # (or the API schema) every Chinese page said "Status". A lazy label is worded anew.
        filters = super().get_filters()
        model = cls._meta.model
        for f in filters.values():
            if f._label is None and model is not None:
                f._label = _lazy_label(model, f.field_name, f.lookup_expr, f.exclude)
        return filters

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_styled", False):
            style_fields(form.fields)
            form._styled = True
        return form


_lazy_label = lazy(label_for_filter, str)


class YearFilter(django_filters.NumberFilter):
    """A calendar year, 1 to 9999 (what a date can hold). Anything else, 0, 10000 or 2024.5, is
    refused as invalid input (400), before it reaches a date lookup that would fail."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", datetime.MINYEAR)
        kwargs.setdefault("max_value", datetime.MAXYEAR)
        super().__init__(*args, **kwargs)

    def get_max_validator(self):
        return None


class IdFilter(django_filters.NumberFilter):
    """An object's id (a seat, a deputy, an evaluation): a whole number a key column can hold.
    A larger one is invalid input (400), not an overflow in the database driver."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", -LARGEST_ID)
        kwargs.setdefault("max_value", LARGEST_ID)
        super().__init__(*args, **kwargs)

    def get_max_validator(self):
        return None


# --- The audit log ------------------------------------------------------------------------------


def _recorded_kinds() -> list[tuple[str, str]]:
    """The project's models, as (app_label.model, its name), by name: what the log records."""
    from django.apps import apps
    from django.conf import settings

    labels = {name.rsplit(".", 1)[-1] for name in settings.RENDA_APPS}
    kinds = [
        (f"{m._meta.app_label}.{m._meta.model_name}", str(m._meta.verbose_name))
        for m in apps.get_models()
        if m._meta.app_label in labels
    ]
    return sorted(kinds, key=lambda kind: kind[1])


class AuditLogFilterSet(StyledFilterSet):
    """The administrators' audit log: by day (Beijing time), who, what kind of object, what."""

    day_from = django_filters.DateFilter(
        field_name="at", lookup_expr="date__gte", label=_("From"), widget=forms.DateInput()
    )
    day_to = django_filters.DateFilter(
        field_name="at", lookup_expr="date__lte", label=_("Until"), widget=forms.DateInput()
    )
    actor = django_filters.CharFilter(method="filter_actor", label=_("Who"))
    kind = django_filters.ChoiceFilter(
        method="filter_kind", label=_("Kind of record"), empty_label=_("All kinds")
    )
    action = django_filters.ChoiceFilter(
        choices=AuditAction.choices, label=_("Action"), empty_label=_("All actions")
    )

    class Meta:
        model = AuditEntry
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["kind"].extra["choices"] = _recorded_kinds()

    def filter_actor(self, queryset, name, value):
        """By account name, full name (the user model's `full_name`), or what a command acted
        as."""
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(actor_label__icontains=value)
            | Q(actor__full_name__icontains=value)
            | Q(actor__username__icontains=value)
        )

    def filter_kind(self, queryset, name, value):
        app_label, _dot, model = value.partition(".")
        return queryset.filter(content_type__app_label=app_label, content_type__model=model)


def signed_in(request):
    """The signed-in user of a filter set's request, whose choices are narrowed to their scope;
    None for the public (anonymous, or a filter set built without a request), who see all."""
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None
