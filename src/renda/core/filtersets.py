import django_filters

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
