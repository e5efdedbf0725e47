"""The filters of the login list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from renda.accounts.models import User
from renda.core.choices import Role
from renda.core.filtersets import StyledFilterSet


class UserFilterSet(StyledFilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Username or name"))
    role = django_filters.ChoiceFilter(
        choices=Role.choices, method="filter_role", label=_("Role"), empty_label=_("All roles")
    )
    active = django_filters.ChoiceFilter(
        choices=[("yes", _("Active")), ("no", _("Deactivated"))],
        method="filter_active",
        label=_("Status"),
        empty_label=_("All"),
    )

    class Meta:
        model = User
        fields: list[str] = []

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_role(self, queryset, name, value):
        return queryset.with_role(value)

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=value == "yes")
