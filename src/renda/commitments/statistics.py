"""The published figures of showing commitments (数读): per year, for a region and a congress
level, how many deputies made commitments, how many commitments, how many were fulfilled, and
the fulfilment rate; the public page with its chart, and the Excel export.

The definition is in `docs/commitment-statistics.md`; this module follows it word for word:

- a *commitment* is one of the year that passed review and was not cancelled: approved,
  fulfilled, partly fulfilled or unfulfilled (`COUNTED_STATUSES`). Drafts, submitted, returned
  and withdrawn ones never reached the public; cancelled ones left the count (a mandate ended).
- *fulfilled* is status fulfilled only; a partly fulfilled commitment is not fulfilled.
- the *rate* is fulfilled / commitments × 100, rounded half up to one decimal (`Decimal`).
- it is the rate *so far* while the year is not over or any of its commitments is still open
  (approved, not yet decided).

A region is a subtree of the division tree. A seat belongs to it when its congress sits in the
subtree, or when it is a seat in a higher congress elected in the subtree (a municipal deputy
elected in 荣昌区 is one of 荣昌区's deputies). A commitment counts for the region when the seat
it is filed under belongs to the region; for one level, when its deputy also held a seat of that
level belonging to the region at some time in the year. Each person counts once per row.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from openpyxl.styles import Alignment

from renda.commitments.choices import PUBLIC_STATUSES, CommitmentStatus
from renda.commitments.models import Commitment, CommitmentYear
from renda.congresses.choices import CongressLevel
from renda.core import xlsx
from renda.core.forms import StyledForm
from renda.people.models import Mandate
from renda.regions.choices import RegionLevel
from renda.regions.models import Region

# --- The definition ---------------------------------------------------------------------------

# What the public saw and what is still owed: counted in the denominator.
COUNTED_STATUSES = tuple(PUBLIC_STATUSES)
# Only a commitment kept in full is fulfilled.
FULFILLED_STATUSES = (CommitmentStatus.FULFILLED,)
# Approved but not yet decided: while any is left, the year's rate is a rate "so far".
OPEN_STATUSES = (CommitmentStatus.APPROVED,)

ONE_DECIMAL = Decimal("0.1")

# The definition as one sentence, for the export's note row and the page's footnote. Chinese,
# as the figures are published; the page shows the translated msgid.
DEFINITION_ZH = (
    "口径：承诺条数为当年经审核公示且未作废的承诺（已公示、已完成、部分完成、未完成），"
    "不含草稿、待审核、退回修改、本人撤回和已作废的承诺；已完成仅指状态为“已完成”的承诺，"
    "部分完成不计为完成；完成率 = 已完成条数 ÷ 承诺条数 × 100%，四舍五入保留一位小数；"
    "年度未结束或尚有承诺未作结论时为“目前完成率”。作出承诺代表数按人计，一人多级只计一次。"
)
DEFINITION = _(
    "Commitments: those of the year approved and not cancelled (approved, fulfilled, partly "
    "fulfilled, unfulfilled); drafts, submitted, returned, withdrawn and cancelled ones are not "
    "counted. Fulfilled: status fulfilled only; a partly fulfilled commitment is not fulfilled. "
    "Rate = fulfilled ÷ commitments × 100 %, rounded half up to one decimal. While the year is "
    "not over or some commitments are still open, it is the rate so far. Each deputy counts "
    "once, whatever the number of their seats."
)


def fulfilment_rate(fulfilled: int, commitments: int) -> Decimal | None:
    """fulfilled / commitments as a percentage with one decimal, rounded half up; None for no
    commitments (a rate of nothing is not 0 %)."""
    if commitments <= 0:
        return None
    return (Decimal(fulfilled) * 100 / Decimal(commitments)).quantize(
        ONE_DECIMAL, rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class YearFigures:
    """One row of the published table."""

    year: int
    deputies: int
    commitments: int
    fulfilled: int
    open: int
    so_far: bool

    @property
    def rate(self) -> Decimal | None:
        return fulfilment_rate(self.fulfilled, self.commitments)

    def as_dict(self) -> dict:
        rate = self.rate
        return {
            "year": self.year,
            "deputies": self.deputies,
            "commitments": self.commitments,
            "fulfilled": self.fulfilled,
            "open": self.open,
            "rate": None if rate is None else float(rate),
            "so_far": self.so_far,
        }


# --- Selectors --------------------------------------------------------------------------------


def seat_in_region_q(region: Region, prefix: str = "") -> Q:
    """Seats belonging to `region`: in a congress of its subtree, or elected in its subtree."""
    return Q(**{f"{prefix}congress__region__code__startswith": region.prefix}) | Q(
        **{f"{prefix}electoral_region__code__startswith": region.prefix}
    )


def region_commitments(region: Region, level: int | None = None):
    """The counted commitments of `region` (all years), for one congress `level` or all."""
    qs = Commitment.objects.filter(status__in=COUNTED_STATUSES).filter(
        seat_in_region_q(region, "mandate__")
    )
    if level is not None:
        year = OuterRef("commitment_year__year")
        seats = Mandate.objects.filter(
            seat_in_region_q(region),
            Q(end__isnull=True) | Q(end__year__gte=year),
            person=OuterRef("person"),
            congress__level=level,
            start__year__lte=year,
        )
        qs = qs.filter(Exists(seats))
    return qs


def yearly_figures(
    region: Region, level: int | None = None, *, today: datetime.date | None = None
) -> list[YearFigures]:
    """The table by year, oldest first, in one query whatever the number of years."""
    today = today or timezone.localdate()
    rows = (
        region_commitments(region, level)
        .values("commitment_year__year")
        .annotate(
            deputies=Count("person", distinct=True),
            commitments=Count("pk"),
            fulfilled=Count("pk", filter=Q(status__in=FULFILLED_STATUSES)),
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        )
        .order_by("commitment_year__year")
    )
    return [
        YearFigures(
            year=row["commitment_year__year"],
            deputies=row["deputies"],
            commitments=row["commitments"],
            fulfilled=row["fulfilled"],
            open=row["open"],
            so_far=row["commitment_year__year"] >= today.year or row["open"] > 0,
        )
        for row in rows
    ]


def regions_with_data() -> list[Region]:
    """Districts and counties with a commitment year in their subtree, in code order."""
    years = CommitmentYear.objects.filter(congress__region__code__startswith=OuterRef("prefix"))
    return list(
        Region.objects.filter(level=RegionLevel.COUNTY).filter(Exists(years)).order_by("code")
    )


def default_region(regions: list[Region]) -> Region | None:
    """Of `regions`, the one with the most counted commitments: the district that runs the
    practice (荣昌区 in the demo). One query, none for a single region."""
    if len(regions) < 2:
        return regions[0] if regions else None
    per_code = (
        Commitment.objects.filter(status__in=COUNTED_STATUSES)
        .values("mandate__congress__region__code")
        .annotate(n=Count("pk"))
    )
    totals = dict.fromkeys((r.code for r in regions), 0)
    for row in per_code:
        for region in regions:
            if row["mandate__congress__region__code"].startswith(region.prefix):
                totals[region.code] += row["n"]
    return max(regions, key=lambda r: totals[r.code])  # max keeps the first of equals


# --- The page ---------------------------------------------------------------------------------

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


def _filters(request) -> tuple[StatisticsFilterForm, Region | None, int | None]:
    regions = regions_with_data()
    form = StatisticsFilterForm(request.GET or None, regions=regions)
    region, level = None, None
    if form.is_bound and form.is_valid():
        region = form.regions.get(form.cleaned_data["region"])
        level = form.cleaned_data["level"]
    if region is None and (region := default_region(regions)):
        # Show the region the figures are of, not the first in the list.
        initial = {"region": region.code, "level": level or ALL_LEVELS}
        form = StatisticsFilterForm(initial=initial, regions=regions)
    return form, region, level


def _level_label(level: int | None) -> str:
    return str(CongressLevel(level).label) if level else str(_("All levels"))


class StatisticsView(TemplateView):
    """数读: the table by year and a bar and line chart, for a region and a level."""

    template_name = "commitments/statistics.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, region, level = _filters(self.request)
        rows = yearly_figures(region, level) if region else []
        ctx.update(
            form=form,
            region=region,
            level=level,
            level_label=_level_label(level),
            rows=rows,
            chart={
                "years": [str(r.year) for r in rows],
                "commitments": [r.commitments for r in rows],
                "fulfilled": [r.fulfilled for r in rows],
                "rates": [None if r.rate is None else float(r.rate) for r in rows],
                "so_far": [r.so_far for r in rows],
                "labels": {
                    "commitments": str(_("Commitments")),
                    "fulfilled": str(_("Fulfilled")),
                    "rate": str(_("Fulfilment rate")),
                },
            },
            definition=DEFINITION,
            querystring=self.request.GET.urlencode(),
        )
        return ctx


# --- The export -------------------------------------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = ("年度", "作出承诺代表数", "承诺条数", "已完成", "完成率（%）", "说明")
LEVEL_ZH = {
    CongressLevel.NATIONAL: "全国人大代表",
    CongressLevel.PROVINCIAL: "省级人大代表",
    CongressLevel.CITY: "设区的市人大代表",
    CongressLevel.COUNTY: "县级人大代表",
    CongressLevel.TOWN: "乡镇人大代表",
}


def statistics_workbook(region: Region, level: int | None, rows: list[YearFigures]) -> bytes:
    """The table as the office files it: a title row, the headers, a row per year, and the
    definition of the rate in a note row below."""
    scope = LEVEL_ZH[level] if level else "各级人大代表（一人多级只计一次）"
    title = f"{region.name}人大代表履职承诺统计（{scope}）"
    wb, ws = xlsx.report_sheet("亮承诺数读", title, HEADERS)
    for r in rows:
        ws.append(
            [
                r.year,
                r.deputies,
                r.commitments,
                r.fulfilled,
                None if r.rate is None else float(r.rate),
                "目前完成率" if r.so_far else "",
            ]
        )
        ws.cell(row=ws.max_row, column=5).number_format = "0.0"
    ws.append([])
    ws.append([DEFINITION_ZH])
    note_row = ws.max_row
    ws.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=len(HEADERS))
    ws.cell(row=note_row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[note_row].height = 90
    return xlsx.report_bytes(wb, ws, (10, 18, 12, 12, 14, 14))


def statistics_xlsx(request):
    _form, region, level = _filters(request)
    rows = yearly_figures(region, level) if region else []
    if region is None:
        region = Region(name="", code="", level=RegionLevel.COUNTY)
    body = statistics_workbook(region, level, rows)
    response = HttpResponse(body, content_type=XLSX)
    filename = f"{region.name}人大代表履职承诺统计.xlsx" if region.name else "commitments.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
