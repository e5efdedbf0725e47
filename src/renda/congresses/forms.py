from django import forms
from django.utils.translation import gettext_lazy as _

from renda.congresses.choices import CongressLevel
from renda.congresses.models import Congress, Session, Term
from renda.core.forms import StyledForm, StyledModelForm
from renda.core.querysets import CHANGE
from renda.regions.models import Region


class CongressCreateForm(StyledForm):
    region = forms.ModelChoiceField(queryset=Region.objects.none(), label=_("Region"))
    level = forms.TypedChoiceField(choices=CongressLevel.choices, coerce=int, label=_("Level"))
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        required=False,
        help_text=_("Leave empty for “<region>人民代表大会”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.restrict(self.user, CHANGE).filter(
            level__lte=4
        )


class CongressForm(StyledModelForm):
    class Meta:
        model = Congress
        fields = ["name"]


class TermForm(StyledModelForm):
    class Meta:
        model = Term
        fields = ["ordinal", "start", "end"]


class SessionForm(StyledModelForm):
    class Meta:
        model = Session
        fields = ["ordinal", "start", "end"]
