"""Forms of exit rules and warnings. Forms shape input; the views pass it to one service each."""

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.congresses.models import Congress
from renda.core.forms import StyledForm
from renda.core.querysets import CHANGE
from renda.core.workflow import NOTE_REQUIRED
from renda.exit_warnings.choices import ExitRuleKind, WarningStatus


def _congresses(user):
    return Congress.objects.restrict(user, CHANGE).select_related("region").order_by("level", "pk")


class ExitRuleForm(StyledForm):
    congress = forms.ModelChoiceField(queryset=Congress.objects.none(), label=_("Congress"))
    kind = forms.ChoiceField(choices=ExitRuleKind.choices, label=_("Rule"))
    years = forms.IntegerField(
        label=_("Years running"),
        min_value=1,
        max_value=5,
        initial=2,
        help_text=_("For the minimums: how many years in a row."),
    )
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["congress"].queryset = _congresses(self.user)


class WarningNoteForm(StyledForm):
    """What was done, as every step of a warning records it."""

    note = forms.CharField(
        label=_("Note"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. who talked with the deputy, and what was agreed"),
        error_messages={"required": NOTE_REQUIRED},
    )


class WarningUpdateForm(StyledForm):
    """The page that recorded a status before the steps had pages of their own (deprecated:
    `warning_update` maps the chosen status to its step)."""

    status = forms.ChoiceField(
        label=_("What was done"),
        choices=[(s.value, s.label) for s in WarningStatus if s != WarningStatus.OPEN],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. who talked with the deputy, and what was agreed"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].widget.attrs["class"] = "form-check-input"
