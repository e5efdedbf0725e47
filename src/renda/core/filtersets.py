import datetime

import django_filters
from django import forms
from django.utils.functional import lazy
from django_filters.utils import label_for_filter

from renda.core.forms import style_fields

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
