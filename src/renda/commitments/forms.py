"""Forms of the commitment cycle. They shape and check input; the views pass it to a service."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.commitments.choices import CLOSED_STATUSES, CommitmentStatus
from renda.commitments.models import Commitment, CommitmentCategory, CommitmentYear, ReturnReason
from renda.congresses.choices import CongressLevel
from renda.congresses.models import Congress
from renda.core.forms import MultipleFileField, StyledForm, StyledModelForm
from renda.core.limits import CONTENT, NOTE, limit_help
from renda.core.querysets import CHANGE
from renda.core.workflow import NOTE_REQUIRED

# --- Commitments ------------------------------------------------------------------------------


class CommitmentForm(StyledModelForm):
    """A deputy's commitment: what, under which category, how much of what, by when."""

    class Meta:
        model = Commitment
        fields = ["category", "title", "detail", "target_value", "target_unit", "due"]
        widgets = {
            "detail": forms.Textarea(attrs={"rows": 4}),
            "due": forms.DateInput(),
            "target_value": forms.NumberInput(attrs={"inputmode": "decimal", "min": "0"}),
        }
        help_texts = {
            "title": _("One concrete promise to the electors, e.g. 全年走访选区选民500人次."),
            "target_value": _("Optional: a number to measure it by, e.g. 500."),
            "target_unit": _("The unit of the target, e.g. 人次, 亩, 户."),
        }

    def __init__(self, *args, cycle: CommitmentYear | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        cycle = cycle or self.instance.commitment_year
        self.fields["category"].queryset = cycle.categories.filter(active=True).order_by(
            "order", "name"
        )
        self.fields["category"].empty_label = None
        self.fields["due"].widget.attrs.update(min=f"{cycle.year}-01-01", max=f"{cycle.year}-12-31")
        if not self.instance.pk:
            self.initial.setdefault("due", f"{cycle.year}-12-31")

    def _post_clean(self):
        # The service checks the year, the category and the target; the form shapes input only.
        pass


class ProgressForm(StyledForm):
    text = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=CONTENT,
        help_text=limit_help(CONTENT),
    )
    day = forms.DateField(
        label=_("Date"),
        required=False,
        initial=timezone.localdate,
        widget=forms.DateInput(),
        help_text=_("Within the commitment's year, and not later than today."),
    )
    value = forms.DecimalField(
        label=_("Amount toward the target"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
    )
    files = MultipleFileField(
        label=_("Photos and documents"),
        required=False,
        help_text=_(
            "Photos (JPEG, PNG, WebP) are re-encoded and their metadata removed; "
            "documents may be PDF, Word or Excel. Several may be chosen at once."
        ),
    )

    def __init__(self, *args, commitment: Commitment | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].widget.attrs["accept"] = (
            "image/jpeg,image/png,image/webp,.pdf,.doc,.docx,.xls,.xlsx"
        )
        if commitment is not None:
            # The browser's date picker offers only the days the service accepts.
            year = commitment.commitment_year.year
            today = timezone.localdate()
            latest = min(today, today.replace(year=year, month=12, day=31))
            self.fields["day"].widget.attrs.update(min=f"{year}-01-01", max=latest.isoformat())
            if today.year != year:
                self.fields["day"].initial = None
        if commitment is not None and commitment.target_unit:
            self.fields["value"].label = _("Amount toward the target (%(unit)s)") % {
                "unit": commitment.target_unit
            }
        elif commitment is not None:
            self.fields["value"].help_text = _("This commitment has no numeric target.")


# --- Decisions --------------------------------------------------------------------------------


class NoteForm(StyledForm):
    note = forms.CharField(
        label=_("Note"), max_length=NOTE, required=False, help_text=limit_help(NOTE)
    )


class ReturnForm(StyledForm):
    reason = forms.ModelChoiceField(
        queryset=ReturnReason.objects.none(), label=_("Reason"), empty_label=None
    )
    note = forms.CharField(
        label=_("Note to the deputy"),
        max_length=NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=limit_help(NOTE, _("What should change; the deputy sees this note.")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.obj is not None:  # the commitment being returned
            self.fields["reason"].queryset = ReturnReason.objects.for_congress(
                self.obj.mandate.congress_id
            )


class CancelForm(StyledForm):
    note = forms.CharField(
        label=_("Why it is cancelled"),
        max_length=NOTE,
        help_text=limit_help(NOTE, _("e.g. the deputy's seat has ended")),
        error_messages={"required": NOTE_REQUIRED},
    )


class CloseForm(StyledForm):
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[(s.value, s.label) for s in CLOSED_STATUSES],
        initial=CommitmentStatus.FULFILLED,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=limit_help(NOTE, _("What the evidence shows.")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].widget.attrs["class"] = "form-check-input"


# --- Years and categories ---------------------------------------------------------------------


def _congresses(user):
    return Congress.objects.restrict(user, CHANGE).select_related("region")


class CommitmentYearForm(StyledModelForm):
    """A congress's commitment year; the categories are those of the congress."""

    congress = forms.ModelChoiceField(queryset=Congress.objects.none(), label=_("Congress"))

    class Meta:
        model = CommitmentYear
        fields = ["congress", "year", "opens", "closes", "min_count", "max_count", "categories"]
        widgets = {
            "opens": forms.DateInput(),
            "closes": forms.DateInput(),
            "categories": forms.CheckboxSelectMultiple(),
        }
        help_texts = {
            "opens": _("No earlier than 1 October of the year before."),
            "closes": _("No later than 31 December of the year, and not before the opening."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        congresses = _congresses(self.user)
        self.fields["congress"].queryset = congresses
        categories = CommitmentCategory.objects.filter(congress__in=congresses, active=True)
        if self.instance.pk:
            self.fields["congress"].disabled = True
            self.fields["year"].disabled = True
            categories = categories.filter(congress_id=self.instance.congress_id)
        self.fields["categories"].queryset = categories.select_related("congress").order_by(
            "congress__level", "order", "name"
        )
        self.fields["categories"].label_from_instance = lambda c: (
            c.name if self.instance.pk else f"{c.congress.name} · {c.name}"
        )
        self.fields["categories"].widget.attrs["class"] = "form-check-input"
        self.fields["categories"].help_text = _(
            "The headings deputies file their commitments under. Add a missing one first."
        )

    def _post_clean(self):
        pass


class CategoryForm(StyledForm):
    congress = forms.ModelChoiceField(queryset=Congress.objects.none(), label=_("Congress"))
    name = forms.CharField(
        label=_("Name"), max_length=50, help_text=_("e.g. 联系选民, 带动发展, 宣讲政策, 办好事实事")
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, initial=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["congress"].queryset = _congresses(self.user)


# --- Statistics (数读) -------------------------------------------------------------------------

ALL_LEVELS = ""


class StatisticsFilterForm(StyledForm):
    region = forms.ChoiceField(label=_("Region"), required=False)
    level = forms.TypedChoiceField(
        label=_("Level"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[(ALL_LEVELS, _("All levels")), *CongressLevel.choices],
    )

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.regions = {r.code: r for r in regions}
        self.fields["region"].choices = [(r.code, r.name) for r in regions]
