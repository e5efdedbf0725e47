from django import forms
from django.utils.translation import gettext_lazy as _

from renda.core.forms import StyledForm, StyledModelForm
from renda.core.querysets import CHANGE
from renda.people.models import Mandate
from renda.regions.models import Region
from renda.stations import reception
from renda.stations.choices import AssignmentRole, ReceptionFrequency, Weekday
from renda.stations.models import Station


class StationForm(StyledModelForm):
    """Station details, with the reception rule chosen in words and stored as an RRULE."""

    region = forms.ModelChoiceField(queryset=Region.objects.none(), label=_("Region"))
    frequency = forms.ChoiceField(
        choices=[("", _("No fixed reception day"))] + list(ReceptionFrequency.choices),
        required=False,
        label=_("Reception repeats"),
    )
    interval = forms.IntegerField(
        min_value=1,
        max_value=12,
        initial=1,
        required=False,
        label=_("Every how many months / weeks"),
    )
    month_day = forms.IntegerField(
        min_value=1,
        max_value=31,
        required=False,
        label=_("Day of the month"),
        help_text=_("e.g. 15 for the 15th; leave empty to use a weekday instead"),
    )
    week_of_month = forms.TypedChoiceField(
        choices=[
            ("", "—"),
            (1, _("first")),
            (2, _("second")),
            (3, _("third")),
            (4, _("fourth")),
            (-1, _("last")),
        ],
        coerce=int,
        empty_value=None,
        required=False,
        label=_("Which week of the month"),
    )
    weekday = forms.ChoiceField(
        choices=[("", "—")] + list(Weekday.choices), required=False, label=_("Weekday")
    )

    class Meta:
        model = Station
        fields = [
            "name",
            "kind",
            "region",
            "address",
            "phone",
            "latitude",
            "longitude",
            "reception_anchor",
            "reception_start_time",
            "reception_end_time",
            "active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = (
            Region.objects.restrict(self.user, CHANGE).filter(level__gte=3).order_by("code")
        )
        if self.instance.pk:
            self.fields["region"].disabled = True
        rule = self.instance.reception_rule if self.instance else ""
        if rule and not self.is_bound:
            parts = reception.parse(rule)
            self.initial["frequency"] = parts["FREQ"]
            self.initial["interval"] = int(parts.get("INTERVAL", 1))
            if "BYMONTHDAY" in parts:
                self.initial["month_day"] = int(parts["BYMONTHDAY"])
            elif "BYDAY" in parts:
                self.initial["weekday"] = parts["BYDAY"][-2:]
                nth = parts["BYDAY"][:-2]
                self.initial["week_of_month"] = int(nth) if nth else None

    def clean(self):
        data = super().clean()
        freq = data.get("frequency")
        if not freq:
            data["reception_rule"] = ""
            return data
        if (
            freq == ReceptionFrequency.MONTHLY
            and not data.get("month_day")
            and not data.get("weekday")
        ):
            raise forms.ValidationError(_("Say which day of the month, or which weekday."))
        if freq == ReceptionFrequency.WEEKLY and not data.get("weekday"):
            raise forms.ValidationError(_("Say which weekday."))
        try:
            data["reception_rule"] = reception.build(
                frequency=freq,
                interval=data.get("interval") or 1,
                month_day=data.get("month_day") if freq == ReceptionFrequency.MONTHLY else None,
                weekday=data.get("weekday") or None,
                week_of_month=data.get("week_of_month")
                if freq == ReceptionFrequency.MONTHLY
                else None,
            )
        except ValueError as exc:
            raise forms.ValidationError(
                _("Not a valid reception rule: %(error)s"), params={"error": exc}
            ) from exc
        return data

    def service_data(self) -> dict:
        """The fields a station service takes."""
        keep = {
            "name",
            "kind",
            "address",
            "phone",
            "latitude",
            "longitude",
            "reception_rule",
            "reception_anchor",
            "reception_start_time",
            "reception_end_time",
            "active",
        }
        return {k: v for k, v in self.cleaned_data.items() if k in keep}


class ReceptionForm(StationForm):
    """A station's reception schedule alone: what its liaison keeps."""

    class Meta(StationForm.Meta):
        fields = ["reception_anchor", "reception_start_time", "reception_end_time"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["region"]
        self.fields["frequency"].help_text = _(
            "Choose “No fixed reception day” to clear the schedule."
        )

    def service_data(self) -> dict:
        keep = {"reception_rule", "reception_anchor", "reception_start_time", "reception_end_time"}
        return {k: v for k, v in self.cleaned_data.items() if k in keep}


class AssignmentForm(StyledForm):
    mandate = forms.ModelChoiceField(queryset=Mandate.objects.none(), label=_("Deputy"))
    role = forms.ChoiceField(
        choices=AssignmentRole.choices, initial=AssignmentRole.MEMBER, label=_("Position")
    )
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandate"].queryset = (
            Mandate.objects.restrict(self.user)
            .current()
            .select_related("person", "congress__region")
            .order_by("person__stroke_key")
        )
        self.fields["mandate"].label_from_instance = lambda m: f"{m.person.name}（{m.level_label}）"


class AssignmentEndForm(StyledForm):
    end = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput())
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
