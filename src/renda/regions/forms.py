from django import forms
from django.utils.translation import gettext_lazy as _

from renda.core.forms import StyledForm, StyledModelForm
from renda.regions.models import HandlingUnit, Region


class RegionNameForm(StyledModelForm):
    class Meta:
        model = Region
        fields = ["name"]


class RegionChildForm(StyledForm):
    code = forms.RegexField(
        regex=r"^\d{12}$",
        label=_("Division code"),
        help_text=_("12 digits, under the parent's code."),
    )
    name = forms.CharField(label=_("Name"), max_length=100)


class HandlingUnitForm(StyledModelForm):
    region = forms.ModelChoiceField(queryset=Region.objects.none(), label=_("Region"))

    class Meta:
        model = HandlingUnit
        fields = ["region", "name", "short_name", "phone", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from renda.core.querysets import CHANGE

        self.fields["region"].queryset = Region.objects.restrict(self.user, CHANGE).filter(
            level__lte=3
        )
        if self.instance.pk:
            self.fields["region"].disabled = True
