import django_filters
from django.utils.translation import gettext_lazy as _

from renda.core.forms import style_fields


class StyledFilterSet(django_filters.FilterSet):
    """A FilterSet whose form carries Bootstrap classes, on pages and in the browsable API."""

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_styled", False):
            style_fields(form.fields)
            form._styled = True
        return form


class CongressFilterSet(StyledFilterSet):
    """A filter set whose `congress` choice offers only the congresses in the requesting user's
    scope (a congress outside it is refused as an invalid choice)."""

    congress_order: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        from renda.congresses.models import Congress

        super().__init__(*args, **kwargs)
        congresses = Congress.objects.restrict(getattr(self.request, "user", None))
        congresses = congresses.select_related("region")
        if self.congress_order:
            congresses = congresses.order_by(*self.congress_order)
        self.filters["congress"].queryset = congresses


def congress_filter(**kwargs) -> django_filters.ModelChoiceFilter:
    """The `congress` filter of a `CongressFilterSet` (its queryset is set per request)."""
    from renda.congresses.models import Congress

    return django_filters.ModelChoiceFilter(
        queryset=Congress.objects.none(),
        label=_("Congress"),
        empty_label=_("All congresses"),
        **kwargs,
    )
