"""Forms of motions and suggestions: drafting, inviting co-signers, and the steps' input. Forms
shape input; views pass it to one service each."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from renda.congresses.models import Congress
from renda.core import limits
from renda.core.choices import RatingValue
from renda.core.forms import MultipleFileField, StyledForm
from renda.core.querysets import CHANGE
from renda.core.workflow import NOTE_REQUIRED
from renda.handling.choices import AssignmentMode
from renda.people.models import Mandate
from renda.regions.models import HandlingUnit
from renda.suggestions.choices import (
    SubmissionPeriod,
    SuggestionKind,
    SuggestionTopic,
    SupervisionEventKind,
)
from renda.suggestions.models import KeySupervision

CHOOSE_LEAD = _("Choose the lead unit.")
CHOOSE_UNITS = _("Choose the units that handle it separately.")
NOT_WITH_SEPARATE = _("Separate handling has no lead or co-handling units.")
NOT_WITH_LEAD = _("With a lead unit, choose co-handling units rather than separate ones.")


class NoteForm(StyledForm):
    note = forms.CharField(
        label=_("Note"), required=False, max_length=limits.NOTE, widget=forms.Textarea({"rows": 2})
    )


class ReasonForm(StyledForm):
    note = forms.CharField(
        label=_("Reason"),
        max_length=limits.NOTE,
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": NOTE_REQUIRED},
    )


class SuggestionForm(StyledForm):
    """A draft: what it is, what it asks, under which seat."""

    mandate = forms.ModelChoiceField(queryset=Mandate.objects.none(), label=_("Seat"))
    kind = forms.ChoiceField(label=_("Kind"), choices=SuggestionKind.choices)
    period = forms.ChoiceField(label=_("Submitted"), choices=SubmissionPeriod.choices)
    topic = forms.ChoiceField(label=_("Topic"), choices=SuggestionTopic.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=pgettext_lazy("letter", "Text"),
        max_length=limits.LETTER,
        widget=forms.Textarea({"rows": 10}),
        help_text=limits.limit_help(limits.LETTER, _("The case, the reasons and what is asked.")),
    )
    confidential = forms.BooleanField(label=_("Confidential (never disclosed)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from renda.suggestions.selectors import draftable_seats

        self.fields["mandate"].queryset = draftable_seats(self.user)
        self.fields["mandate"].label_from_instance = lambda m: str(m.congress)
        if self.fields["mandate"].queryset.count() == 1:
            self.fields["mandate"].initial = self.fields["mandate"].queryset.first()


class InviteForm(StyledForm):
    mandates = forms.ModelMultipleChoiceField(
        queryset=Mandate.objects.none(), label=_("Deputies to invite")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from renda.suggestions.selectors import invitable_seats

        if self.obj is not None:
            self.fields["mandates"].queryset = invitable_seats(self.obj)
            self.fields["mandates"].label_from_instance = lambda m: m.person.name


class AssignForm(StyledForm):
    mode = forms.ChoiceField(label=_("Assignment mode"), choices=AssignmentMode.choices)
    lead = forms.ModelChoiceField(
        queryset=HandlingUnit.objects.none(), label=_("Lead unit"), required=False
    )
    co = forms.ModelMultipleChoiceField(
        queryset=HandlingUnit.objects.none(),
        label=_("Co-handling units"),
        required=False,
        help_text=_("With a lead unit only."),
    )
    units = forms.ModelMultipleChoiceField(
        queryset=HandlingUnit.objects.none(),
        label=_("Units handling separately"),
        required=False,
        help_text=_("For separate handling only: each unit answers its own part."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = HandlingUnit.objects.restrict(self.user, CHANGE).active()
        if self.obj is not None:
            units = units.filter(region__code__startswith=self.obj.congress.region.prefix)
        for name in ("lead", "co", "units"):
            self.fields[name].queryset = units

    def clean(self):
        data = super().clean()
        if data.get("mode") == AssignmentMode.SEPARATE:
            if not data.get("units"):
                self.add_error("units", CHOOSE_UNITS)
            if data.get("lead") or data.get("co"):
                self.add_error("lead", NOT_WITH_SEPARATE)
        else:
            if not data.get("lead"):
                self.add_error("lead", CHOOSE_LEAD)
            if data.get("units"):
                self.add_error("units", NOT_WITH_LEAD)
        return data


class MergeForm(StyledForm):
    into = forms.ModelChoiceField(queryset=None, label=_("Merge into"))
    note = forms.CharField(
        label=_("Note"), required=False, max_length=limits.NOTE, widget=forms.Textarea({"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from renda.suggestions.selectors import merge_targets

        self.fields["into"].queryset = merge_targets(self.obj) if self.obj else None
        self.fields["into"].label_from_instance = lambda s: f"{s.reference} {s.title}"


class RateForm(StyledForm):
    value = forms.ChoiceField(
        label=_("Your rating"), choices=RatingValue.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=limits.NOTE,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Required when you are dissatisfied: say what is unsatisfactory."),
    )


class SuperviseForm(StyledForm):
    supervision = forms.ModelChoiceField(
        queryset=None,
        label=_("Key supervision"),
        required=False,
        help_text=_("Leave empty to take it off key supervision."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        qs = KeySupervision.objects.restrict(self.user, CHANGE)
        if self.obj is not None:
            qs = qs.filter(congress_id=self.obj.congress_id)
        self.fields["supervision"].queryset = qs


class SupervisionForm(StyledForm):
    congress = forms.ModelChoiceField(queryset=None, label=_("Congress"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Theme"), max_length=200)
    leader = forms.CharField(label=_("Supervising leader"), max_length=100, required=False)
    committee = forms.CharField(label=_("Supervising committee"), max_length=100, required=False)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=limits.CONTENT,
        widget=forms.Textarea({"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["congress"].queryset = Congress.objects.restrict(self.user, CHANGE)
        self.fields["year"].initial = timezone.localdate().year


class SupervisionEventForm(StyledForm):
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Kind"), choices=SupervisionEventKind.choices)
    summary = forms.CharField(
        label=_("Summary"), max_length=limits.CONTENT, widget=forms.Textarea({"rows": 4})
    )
    files = MultipleFileField(label=_("Photos and documents"), required=False)


class RulesForm(StyledForm):
    """A congress's rules for motions and suggestions, and its result categories (one a line:
    the code, the name, and 后报落实 where the unit reports its fulfilment later)."""

    motion_cosigners = forms.IntegerField(label=_("Co-signers a motion needs"), min_value=1)
    delegation_motions = forms.BooleanField(
        label=_("Delegations may submit motions"), required=False
    )
    reply_months = forms.IntegerField(label=_("Months to reply"), min_value=1, max_value=12)
    max_months = forms.IntegerField(
        label=_("Months at most, with extensions"), min_value=1, max_value=24
    )
    opinion_months = forms.IntegerField(
        label=_("Months for a co-handling opinion"), min_value=1, max_value=12
    )
    rehandle_months = forms.IntegerField(
        label=_("Months to answer again"), min_value=1, max_value=12
    )
    return_working_days = forms.IntegerField(
        label=_("Working days to send back"), min_value=1, max_value=60
    )
    rehandle_limit = forms.IntegerField(
        label=_("Times handled again after 不满意"), min_value=0, max_value=5
    )
    cosigners_rate = forms.BooleanField(label=_("Co-signers rate too"), required=False)
    cosigners_register = forms.BooleanField(
        label=_("Co-signing counts as the activity"), required=False
    )
    rating_days = forms.IntegerField(label=_("Days to rate"), min_value=1, max_value=365)
    categories = forms.CharField(
        label=_("Result categories"),
        widget=forms.Textarea({"rows": 5}),
        help_text=_(
            "One a line: the code, the name, and “后报落实” where the unit reports the "
            "fulfilment later, e.g. “B 正在解决或列入计划 后报落实”."
        ),
    )

    LATER = "后报落实"

    def clean_categories(self):
        rows = []
        for line in self.cleaned_data["categories"].splitlines():
            parts = line.split()
            if not parts:
                continue
            later = parts[-1] == self.LATER
            if later:
                parts = parts[:-1]
            rows.append((parts[0], "".join(parts[1:]), later))
        return rows

    @classmethod
    def lines(cls, categories) -> str:
        return "\n".join(
            f"{c.code} {c.label}{' ' + cls.LATER if c.needs_fulfilment else ''}" for c in categories
        )


class StatisticsForm(StyledForm):
    """The statistics' choice: a congress in the reader's reach, a year, a kind or both."""

    congress = forms.ModelChoiceField(
        queryset=Congress.objects.none(), label=_("Congress"), empty_label=None
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Motions and suggestions")), *SuggestionKind.choices],
    )

    def __init__(self, *args, congresses=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["congress"].queryset = (
            congresses if congresses is not None else (Congress.objects.none())
        )
