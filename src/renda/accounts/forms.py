"""Forms of the account pages: they check input and offer only what the user's scope reaches;
the services decide."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from renda.core.choices import Role
from renda.core.forms import StyledForm, style_fields
from renda.core.querysets import CHANGE
from renda.core.scope import scope_for

TARGET_FIELDS = {
    Role.DEPUTY: "person",
    Role.LIAISON: "stations",
    Role.UNIT: "handling_unit",
    Role.STAFF: "region",
}
CHOOSE_PERSON = _("Choose the deputy this login acts as.")
CHOOSE_STATIONS = _("Choose at least one station.")
CHOOSE_UNIT = _("Choose the handling unit.")
CHOOSE_REGION = _("Choose the region the staff member works for.")
NEEDED = {
    "person": CHOOSE_PERSON,
    "stations": CHOOSE_STATIONS,
    "handling_unit": CHOOSE_UNIT,
    "region": CHOOSE_REGION,
}


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form (old password, then the new one twice, checked against the policy)."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        style_fields(self.fields)


class RoleTargetForm(StyledForm):
    """A role and what it is bound to: the choices are what the user's scope may change; only
    administrators see the staff role."""

    role = forms.ChoiceField(label=_("Role"))
    person = forms.ModelChoiceField(
        label=_("Deputy"), queryset=None, required=False, empty_label=_("— choose —")
    )
    stations = forms.ModelMultipleChoiceField(
        label=_("Stations"),
        queryset=None,
        required=False,
        help_text=_("A liaison may look after several stations."),
    )
    handling_unit = forms.ModelChoiceField(
        label=_("Handling unit"), queryset=None, required=False, empty_label=_("— choose —")
    )
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=None, required=False, empty_label=_("— choose —")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from renda.people.models import Person
        from renda.regions.choices import RegionLevel
        from renda.regions.models import HandlingUnit, Region
        from renda.stations.models import Station

        scope = scope_for(self.user)
        roles = [Role.DEPUTY, Role.LIAISON, Role.UNIT]
        if scope is not None and scope.is_admin:
            roles.append(Role.STAFF)
        self.fields["role"].choices = [(r.value, r.label) for r in roles]
        self.fields["person"].queryset = (
            Person.objects.restrict(self.user, CHANGE).deputies().official_order()
        )
        self.fields["stations"].queryset = (
            Station.objects.restrict(self.user, CHANGE).active().select_related("region")
        )
        self.fields["handling_unit"].queryset = (
            HandlingUnit.objects.restrict(self.user, CHANGE).active().order_by("name")
        )
        if Role.STAFF in roles:
            self.fields["region"].queryset = Region.objects.filter(
                level__lte=RegionLevel.TOWN
            ).order_by("code")
        else:
            del self.fields["region"]

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role in TARGET_FIELDS:
            name = TARGET_FIELDS[role]
            if not data.get(name):
                self.add_error(name, NEEDED[name])
        return data

    def targets(self) -> list:
        value = self.cleaned_data.get(TARGET_FIELDS[self.cleaned_data["role"]])
        if value is None:
            return []
        return list(value) if not hasattr(value, "pk") else [value]


class UserCreateForm(RoleTargetForm):
    username = forms.CharField(
        label=_("Username"),
        max_length=30,
        required=False,
        help_text=_(
            "Letters, digits and . - _; for a deputy, leave it empty for the name's pinyin and "
            "the record's number (e.g. liyuan42)."
        ),
    )
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=50,
        required=False,
        help_text=_("For a deputy, the deputy's name if left empty."),
    )
    field_order = ["role", "person", "stations", "handling_unit", "region", "username"]

    def clean(self):
        data = super().clean()
        if not data.get("username") and data.get("role") != Role.DEPUTY:
            self.add_error("username", _("Give the login a username."))
        return data


class DeputyLoginsForm(StyledForm):
    congress = forms.ModelChoiceField(
        label=_("Congress"), queryset=None, empty_label=_("— choose —")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from renda.congresses.models import Congress

        self.fields["congress"].queryset = (
            Congress.objects.restrict(self.user, CHANGE).select_related("region").order_by("level")
        )
