"""Forms and filters of commendations and exit warnings. Forms shape input; the views pass it to
one service each. The FilterSets are shared by the staff pages and the API."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.activities.models import Activity
from renda.assessment.choices import (
    CommendationKind,
    CommendationStatus,
    EvaluationStatus,
    ExitRuleKind,
    WarningStatus,
)
from renda.assessment.models import Commendation, Evaluation, ExitRule, ExitWarning
from renda.congresses.models import Congress
from renda.core.filtersets import (
    CongressFilterSet,
    IdFilter,
    StyledFilterSet,
    YearFilter,
    congress_filter,
)
from renda.core.forms import StyledForm
from renda.core.querysets import CHANGE
from renda.people.models import DeputyGroup, Mandate

SUBJECT_REQUIRED = _("Choose a deputy or a deputy group.")
ONE_SUBJECT = _("Choose a deputy or a deputy group, not both.")


def _congresses(user):
    return Congress.objects.restrict(user, CHANGE).select_related("region").order_by("level", "pk")


def _year_choices():
    this = timezone.localdate().year
    return [(y, str(y)) for y in range(this, this - 10, -1)]


# --- Filters ----------------------------------------------------------------------------------


class CommendationFilterSet(CongressFilterSet):
    congress = congress_filter()
    kind = django_filters.ChoiceFilter(
        choices=CommendationKind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    year = YearFilter(label=_("Year"))
    status = django_filters.ChoiceFilter(
        choices=CommendationStatus.choices, label=_("Status"), empty_label=_("All statuses")
    )

    class Meta:
        model = Commendation
        fields: list[str] = []


class PublicCommendationFilterSet(StyledFilterSet):
    """The public list: by year and kind."""

    year = YearFilter(label=_("Year"))
    kind = django_filters.ChoiceFilter(
        choices=CommendationKind.choices, label=_("Kind"), empty_label=_("All kinds")
    )

    class Meta:
        model = Commendation
        fields: list[str] = []


class ExitRuleFilterSet(CongressFilterSet):
    congress = congress_filter()

    class Meta:
        model = ExitRule
        fields: list[str] = []


class WarningFilterSet(CongressFilterSet):
    congress = congress_filter()
    year = YearFilter(label=_("Year"))
    kind = django_filters.ChoiceFilter(
        choices=ExitRuleKind.choices, label=_("Rule"), empty_label=_("All rules")
    )
    status = django_filters.ChoiceFilter(
        choices=WarningStatus.choices, label=_("Status"), empty_label=_("All statuses")
    )

    class Meta:
        model = ExitWarning
        fields: list[str] = []


class PublicActivityFilterSet(StyledFilterSet):
    """The public API of activities: one deputy's (person id), one year's."""

    person = IdFilter(field_name="person", label=_("Deputy (id)"))
    year = YearFilter(field_name="day", lookup_expr="year", label=_("Year"))

    class Meta:
        model = Activity
        fields: list[str] = []


# --- Commendations ----------------------------------------------------------------------------


class NominateForm(StyledForm):
    """Nominate one deputy (a seat of the congress) or one deputy group, by hand."""

    congress = forms.ModelChoiceField(queryset=Congress.objects.none(), label=_("Congress"))
    kind = forms.ChoiceField(choices=CommendationKind.choices, label=_("Kind"))
    year = forms.TypedChoiceField(coerce=int, label=_("Year"))
    mandate = forms.ModelChoiceField(
        queryset=Mandate.objects.none(), label=_("Deputy"), required=False
    )
    group = forms.ModelChoiceField(
        queryset=DeputyGroup.objects.none(), label=_("Deputy group"), required=False
    )
    title = forms.CharField(
        label=_("Title"), max_length=100, help_text=_("e.g. 2019年度履职优秀代表")
    )
    citation = forms.CharField(
        label=_("Citation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the deputy or the group did; shown on the portal once published."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        congresses = _congresses(self.user)
        self.fields["congress"].queryset = congresses
        self.fields["year"].choices = _year_choices()
        self.fields["mandate"].queryset = (
            Mandate.objects.restrict(self.user, CHANGE)
            .current()
            .select_related("person", "congress__region")
            .order_by("congress__level", "person__stroke_key")
        )
        self.fields["mandate"].label_from_instance = lambda m: f"{m.person.name} · {m.congress}"
        self.fields["group"].queryset = (
            DeputyGroup.objects.restrict(self.user, CHANGE)
            .filter(congress__in=congresses)
            .select_related("congress")
            .order_by("congress__level", "name")
        )

    def clean(self):
        data = super().clean()
        mandate, group = data.get("mandate"), data.get("group")
        if mandate is None and group is None:
            raise forms.ValidationError(SUBJECT_REQUIRED)
        if mandate is not None and group is not None:
            raise forms.ValidationError(ONE_SUBJECT)
        return data


class NominateFromResultsForm(StyledForm):
    """Nominate every deputy of a final evaluation who earned a grade."""

    evaluation = forms.ModelChoiceField(queryset=Evaluation.objects.none(), label=_("Evaluation"))
    grade = forms.CharField(label=_("Grade"), max_length=20, initial="优秀")
    kind = forms.ChoiceField(choices=CommendationKind.choices, label=_("Kind"))
    title = forms.CharField(
        label=_("Title"), max_length=100, help_text=_("e.g. 2019年度履职优秀代表")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluation"].queryset = (
            Evaluation.objects.restrict(self.user, CHANGE)
            .filter(status=EvaluationStatus.FINAL)
            .select_related("congress")
        )


class StepNoteForm(StyledForm):
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class RejectForm(StyledForm):
    note = forms.CharField(
        label=_("Why it is not approved"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


# --- Exit rules and warnings ------------------------------------------------------------------


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


class WarningUpdateForm(StyledForm):
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
