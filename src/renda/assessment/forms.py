"""Forms of the scoring tables, the adjustments and the evaluation. They shape and check input;
the views pass it to one service each."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.activities.models import ActivityType
from renda.assessment.choices import ItemKind, Measure
from renda.assessment.models import GradeBand, ScoringItem, ScoringTable
from renda.congresses.models import Congress
from renda.core.forms import StyledForm, StyledModelForm
from renda.core.querysets import CHANGE


def _congresses(user):
    return Congress.objects.restrict(user, CHANGE).select_related("region").order_by("level", "pk")


def _year_field(**kwargs):
    return forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, **kwargs)


# --- Tables -----------------------------------------------------------------------------------


class TableCreateForm(StyledForm):
    """A new table of a congress and year: blank, or from the Rongchang 2019 preset."""

    BLANK, PRESET = "blank", "rongchang_2019"
    START_CHOICES = [
        (BLANK, _("A blank table")),
        (PRESET, _("The Rongchang 2019 table, to edit")),
    ]

    congress = forms.ModelChoiceField(queryset=Congress.objects.none(), label=_("Congress"))
    year = _year_field()
    start = forms.ChoiceField(
        label=_("Start from"),
        choices=START_CHOICES,
        initial=BLANK,
        widget=forms.RadioSelect,
        help_text=_(
            "The preset brings its items and grades, and the activity types it counts are added "
            "to the congress's catalogue where missing."
        ),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=100,
        required=False,
        help_text=_("e.g. 人大代表年度履职评分表; the preset brings its own title."),
    )
    base_points = forms.DecimalField(
        label=_("Starting points"),
        max_digits=6,
        decimal_places=1,
        initial=0,
        required=False,
        help_text=_("Points every deputy starts from before the items are added."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["congress"].queryset = _congresses(self.user)
        self.initial.setdefault("year", timezone.localdate().year)
        self.fields["start"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        data = super().clean()
        if data.get("start") == self.BLANK and not (data.get("title") or "").strip():
            self.add_error("title", _("Give the table a title."))
        return data


class TableEditForm(StyledModelForm):
    class Meta:
        model = ScoringTable
        fields = ["title", "base_points", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self):
        pass


class TableCopyForm(StyledForm):
    year = _year_field(
        required=False,
        help_text=_(
            "Leave empty for a new version of the same year; give another year to start that "
            "year's table from this one."
        ),
    )


# --- Items and grades -------------------------------------------------------------------------

KIND_HELP = _(
    "Points per unit: points × the number counted, up to the cap. "
    "Points on reaching a number: the points once the count reaches the number to reach. "
    "Points per commitment: points × the commitments counted (negative for each unfulfilled "
    "one). Bonus or deduction: staff enter the points with a reason; the cap bounds the total."
)
MEASURE_HELP = _(
    "Verified activities or person-times for the first two kinds (choose the activity types); "
    "commitments shown, fulfilled or not fulfilled for points per commitment or on reaching a "
    "number; nothing for a bonus or deduction."
)


class ItemForm(StyledModelForm):
    """One row of the table. Which fields matter depends on its kind; the service checks them."""

    class Meta:
        model = ScoringItem
        fields = [
            "section",
            "label",
            "code",
            "description",
            "kind",
            "measure",
            "activity_types",
            "points",
            "threshold",
            "cap",
            "discipline",
            "order",
        ]
        widgets = {"activity_types": forms.SelectMultiple(attrs={"size": 8})}
        help_texts = {
            "code": _("A short unique name in Latin letters, e.g. inspections."),
            "description": _("The 评分标准 as printed, e.g. 每参加1次得3分，最高15分."),
            "kind": KIND_HELP,
            "measure": MEASURE_HELP,
            "activity_types": _("Only for items that count activities or person-times."),
            "threshold": _("Only for points on reaching a number, e.g. 50 person-times."),
        }

    def __init__(self, *args, table: ScoringTable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity_types"].queryset = ActivityType.objects.filter(
            congress_id=table.congress_id
        ).order_by("order", "pk")
        self.fields["activity_types"].required = False
        self.fields["kind"].choices = ItemKind.choices
        self.fields["measure"].choices = [("", "—"), *Measure.choices]

    def _post_clean(self):
        # The service checks the kind-dependent fields and the unique code.
        pass


class BandForm(StyledModelForm):
    class Meta:
        model = GradeBand
        fields = ["label", "min_score", "requires_compliance"]
        help_texts = {"label": _("e.g. 优秀, 合格, 基本合格, 不合格.")}

    def _post_clean(self):
        pass


# --- Adjustments ------------------------------------------------------------------------------


class AdjustmentEditForm(StyledForm):
    """The points and the reason of an adjustment: what can be corrected once entered."""

    points = forms.DecimalField(
        label=_("Points"),
        max_digits=6,
        decimal_places=1,
        help_text=_("Negative for a deduction."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)


class AdjustmentForm(AdjustmentEditForm):
    """A bonus or deduction for one seat against a manual item of the table in force."""

    mandate = forms.ModelChoiceField(queryset=None, label=_("Deputy"))
    item_code = forms.ChoiceField(label=_("Item"))
    field_order = ["mandate", "item_code", "points", "reason"]

    def __init__(self, *args, seats, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandate"].queryset = seats
        self.fields["mandate"].label_from_instance = lambda m: (
            f"{m.person.name}（{m.electoral_unit}）" if m.electoral_unit else m.person.name
        )
        self.fields["item_code"].choices = [(i.code, f"{i.section} · {i.label}") for i in items]


# --- Evaluation -------------------------------------------------------------------------------


class EvaluationRunForm(StyledForm):
    congress = forms.ModelChoiceField(queryset=Congress.objects.none(), label=_("Congress"))
    year = _year_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["congress"].queryset = _congresses(self.user)
        self.initial.setdefault("year", timezone.localdate().year - 1)


class ConfirmForm(StyledForm):
    confirm = forms.BooleanField(
        label=_("I have checked the results; make the evaluation final."),
        help_text=_(
            "After this the year's activities, adjustments and scoring table can no longer change."
        ),
    )
