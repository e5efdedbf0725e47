"""Forms of the activity register. They shape and check input; the views pass it to a service,
which refuses with the field named (shown on that field)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.activities.choices import ExcuseReason, Period, RequirementCategory
from renda.activities.models import ActivityType
from renda.congresses.models import Congress
from renda.core.forms import MultipleFileField, StyledForm
from renda.core.limits import CONTENT, NOTE, limit_help
from renda.core.querysets import CHANGE
from renda.core.workflow import NOTE_REQUIRED
from renda.people.models import DeputyGroup, Mandate

EVIDENCE_ACCEPT = "image/jpeg,image/png,image/webp,.pdf,.doc,.docx,.xls,.xlsx"
EVIDENCE_HELP = _(
    "Photos (JPEG, PNG, WebP) are re-encoded and their metadata removed; documents may be PDF, "
    "Word or Excel. Several may be chosen at once."
)
NO_TYPES = _(
    "The congress of this seat has no activity types yet; ask its office to set up the catalogue."
)
PERSON_TIMES_HELP = _(
    "Only for types counted in person-times (receptions and visits of electors): how many "
    "people were met. Leave it empty for other types."
)


def _type_label(several_congresses: bool):
    def label(t: ActivityType) -> str:
        name = f"{t.name}（{t.get_category_display()}）"
        return f"{t.congress.name} · {name}" if several_congresses else name

    return label


def evidence_field(**kwargs) -> MultipleFileField:
    field = MultipleFileField(
        label=_("Photos and documents"), required=False, help_text=EVIDENCE_HELP, **kwargs
    )
    field.widget.attrs["accept"] = EVIDENCE_ACCEPT
    return field


class ActivityFieldsMixin:
    """Type, date, place, content and person-times, for the types of `congress_ids`."""

    def setup_type(self, types, congress_ids) -> None:
        self.fields["activity_type"].queryset = types
        self.fields["activity_type"].label_from_instance = _type_label(len(set(congress_ids)) > 1)
        self.fields["day"].widget.attrs["max"] = timezone.localdate().isoformat()
        # Which types count person-times: the page shows the field's help against them.
        self.fields["activity_type"].widget.attrs["data-person-times"] = ",".join(
            str(t.pk) for t in types if t.counts_person_times
        )


class ActivityForm(ActivityFieldsMixin, StyledForm):
    """A deputy's activity (or staff registering one for the deputy)."""

    mandate = forms.ModelChoiceField(
        queryset=Mandate.objects.none(), label=_("Seat"), empty_label=None
    )
    activity_type = forms.ModelChoiceField(
        queryset=ActivityType.objects.none(), label=_("Activity type")
    )
    day = forms.DateField(label=_("Date"), initial=timezone.localdate, widget=forms.DateInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    content = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=CONTENT,
        help_text=limit_help(
            CONTENT, _("e.g. 参加区人大常委会组织的农村饮水安全视察，提出两条意见.")
        ),
    )
    person_times = forms.IntegerField(
        label=_("Person-times"),
        required=False,
        min_value=1,
        help_text=PERSON_TIMES_HELP,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    files = evidence_field()

    def __init__(self, *args, seats=(), types=None, **kwargs):
        super().__init__(*args, **kwargs)
        seats = list(seats)
        self.fields["mandate"].queryset = Mandate.objects.filter(pk__in=[m.pk for m in seats])
        self.fields["mandate"].label_from_instance = lambda m: f"{m.level_label}（{m.term.label}）"
        if len(seats) == 1:
            # One seat: nothing to choose (the view files it there).
            self.fields["mandate"].initial = seats[0].pk
            self.fields["mandate"].required = False
            self.fields["mandate"].widget = forms.HiddenInput()
        self.setup_type(types, [m.congress_id for m in seats])
        if types is not None and not types:
            self.fields["activity_type"].help_text = NO_TYPES


class ActivityEditForm(ActivityForm):
    """Correct a record; its seat stays, and evidence is added on its page."""

    def __init__(self, *args, activity=None, **kwargs):
        types = ActivityType.objects.filter(congress_id=activity.congress_id).filter(
            active=True
        ) | ActivityType.objects.filter(pk=activity.activity_type_id)
        super().__init__(
            *args, seats=[activity.mandate], types=types.select_related("congress"), **kwargs
        )
        del self.fields["files"]
        del self.fields["mandate"]


class EvidenceForm(StyledForm):
    files = evidence_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].required = True


class NoteForm(StyledForm):
    note = forms.CharField(
        label=_("Note"), max_length=NOTE, required=False, help_text=limit_help(NOTE)
    )


class ReasonForm(StyledForm):
    note = forms.CharField(
        label=_("Reason"),
        max_length=NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=limit_help(NOTE, _("The deputy sees this reason.")),
        error_messages={"required": NOTE_REQUIRED},
    )


# --- Group registration -----------------------------------------------------------------------


class CongressChoiceForm(StyledForm):
    congress = forms.ModelChoiceField(
        queryset=Congress.objects.none(), label=_("Congress"), empty_label=None
    )

    def __init__(self, *args, congresses=None, **kwargs):
        super().__init__(*args, **kwargs)
        if congresses is None:
            congresses = Congress.objects.restrict(self.user, CHANGE).select_related("region")
        self.fields["congress"].queryset = congresses


class BatchForm(ActivityFieldsMixin, StyledForm):
    """One activity for many deputies of one congress: pick them one by one, or a whole group."""

    activity_type = forms.ModelChoiceField(
        queryset=ActivityType.objects.none(), label=_("Activity type")
    )
    day = forms.DateField(label=_("Date"), initial=timezone.localdate, widget=forms.DateInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    content = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=CONTENT,
        help_text=limit_help(CONTENT),
    )
    person_times = forms.IntegerField(
        label=_("Person-times"),
        required=False,
        min_value=1,
        help_text=PERSON_TIMES_HELP,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    groups = forms.ModelMultipleChoiceField(
        queryset=DeputyGroup.objects.none(),
        label=_("Whole deputy groups"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every current member of the groups chosen takes part."),
    )
    mandates = forms.ModelMultipleChoiceField(
        queryset=Mandate.objects.none(),
        label=_("Deputies"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    files = evidence_field()

    def __init__(self, *args, congress=None, station_seats=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.congress = congress
        types = (
            ActivityType.objects.active()
            .filter(congress=congress)
            .select_related("congress")
            .order_by("order", "pk")
        )
        self.setup_type(types, [congress.pk])
        self.fields["groups"].queryset = DeputyGroup.objects.filter(congress=congress).order_by(
            "name"
        )
        self.fields["groups"].widget.attrs["class"] = "form-check-input"
        self.fields["mandates"].queryset = (
            Mandate.objects.current()
            .filter(congress=congress)
            .select_related("person", "electoral_region")
            .order_by("person__stroke_key", "pk")
        )
        self.fields["mandates"].widget.attrs["class"] = "form-check-input"
        if station_seats is not None:
            # A station liaison registers for their stations' deputies only, one by one.
            self.fields["mandates"].queryset = self.fields["mandates"].queryset.filter(
                pk__in=station_seats
            )
            self.fields["mandates"].help_text = _("The deputies of your stations.")
            del self.fields["groups"]
        self.fields["mandates"].label_from_instance = lambda m: (
            f"{m.person.name}" + (f"（{m.electoral_region.name}）" if m.electoral_region_id else "")
        )


# --- Catalogue, minimums, excuses -------------------------------------------------------------


class ActivityTypeForm(StyledForm):
    congress = forms.ModelChoiceField(
        queryset=Congress.objects.none(), label=_("Congress"), empty_label=None
    )
    code = forms.SlugField(
        label=_("Code"), max_length=40, help_text=_("Letters, digits and _ ; e.g. inspection.")
    )
    name = forms.CharField(label=_("Name"), max_length=50, help_text=_("e.g. 视察, 接待选民."))
    category = forms.ChoiceField(
        label=_("Requirement category"), choices=RequirementCategory.choices
    )
    counts_person_times = forms.BooleanField(
        label=_("Counted in person-times"),
        required=False,
        help_text=_("Visits and receptions record how many people were met (人次)."),
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, initial=0, required=False)
    active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args, activity_type=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["congress"].queryset = Congress.objects.restrict(
            self.user, CHANGE
        ).select_related("region")
        if activity_type is not None:
            del self.fields["congress"]
            for name in ("code", "name", "category", "counts_person_times", "order", "active"):
                self.fields[name].initial = getattr(activity_type, name)


class RequirementForm(StyledForm):
    category = forms.ChoiceField(
        label=_("Requirement category"), choices=RequirementCategory.choices
    )
    period = forms.ChoiceField(label=_("Period"), choices=Period.choices)
    minimum = forms.IntegerField(label=_("Minimum"), min_value=1, max_value=999)


class ExcuseForm(StyledForm):
    mandate = forms.ModelChoiceField(queryset=Mandate.objects.none(), label=_("Seat"))
    start = forms.DateField(label=_("From"), widget=forms.DateInput())
    end = forms.DateField(label=_("Until"), widget=forms.DateInput())
    reason = forms.ChoiceField(label=_("Reason"), choices=ExcuseReason.choices)
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=limit_help(300, _("e.g. who approved the leave.")),
    )

    def __init__(self, *args, mandate=None, **kwargs):
        super().__init__(*args, **kwargs)
        if mandate is not None:
            del self.fields["mandate"]
        else:
            self.fields["mandate"].queryset = (
                Mandate.objects.restrict(self.user, CHANGE)
                .current()
                .select_related("person", "congress__region")
                .order_by("congress__level", "person__stroke_key", "pk")
            )
            self.fields["mandate"].label_from_instance = lambda m: (
                f"{m.person.name} · {m.level_label}"
            )


class ShortfallForm(StyledForm):
    """Which deputies to look at: a congress (or every congress of a level), a year, a town,
    a group."""

    congress = forms.ModelChoiceField(
        queryset=Congress.objects.none(),
        label=_("Congress"),
        required=False,
        empty_label=_("All congresses of the level"),
    )
    level = forms.TypedChoiceField(
        label=_("Level"), coerce=int, required=False, empty_value=None, choices=()
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    town = forms.ChoiceField(label=_("Town / street"), required=False, choices=())
    group = forms.ModelChoiceField(
        queryset=DeputyGroup.objects.none(),
        label=_("Deputy group"),
        required=False,
        empty_label=_("All groups"),
    )

    def __init__(self, *args, **kwargs):
        from renda.congresses.choices import CongressLevel
        from renda.regions.models import Region

        super().__init__(*args, **kwargs)
        congresses = Congress.objects.restrict(self.user).select_related("region")
        self.fields["congress"].queryset = congresses
        self.fields["level"].choices = [("", _("All levels")), *CongressLevel.choices]
        # The towns of the user's area of work, not the whole division tree.
        towns = Region.objects.restrict(self.user, CHANGE).towns().order_by("code")
        self.fields["town"].choices = [("", _("All towns and streets"))] + [
            (r.code, r.name) for r in towns
        ]
        self.fields["group"].queryset = DeputyGroup.objects.restrict(self.user).order_by("name")

    def clean(self):
        data = super().clean()
        if not data.get("congress") and data.get("level") is None:
            raise forms.ValidationError(_("Choose a congress or a level."))
        return data
