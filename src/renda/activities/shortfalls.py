"""The deputies below the minimums ("341 311") of a year: who falls short of what, in words,
by town, deputy group and level, and the same list as a spreadsheet.

A deputy is below the minimums when any minimum is not met: a yearly one, or a term one in the
term's last year (before that a term minimum is only "in progress"). A shortfall covered by an
excused absence (illness, approved leave) is listed apart, never as met. Constant queries: the
seats in one, `requirements.progress()` in four, the groups in one.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from openpyxl.styles import Alignment

from renda.activities import requirements
from renda.activities.choices import Compliance
from renda.core import xlsx
from renda.people.models import GroupMembership, Mandate

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = (
    "序号",
    "姓名",
    "代表资格",
    "选区所在镇街",
    "代表小组",
    "未达要求情况",
    "请假情况",
    "结论",
)
WIDTHS = (6, 10, 20, 16, 20, 60, 30, 12)


@dataclass
class Row:
    """One seat below the minimums (or excused), with each shortfall in words."""

    mandate: Mandate
    progress: requirements.SeatProgress
    groups: list = field(default_factory=list)

    @property
    def compliance(self) -> str:
        return self.progress.compliance

    @property
    def shortfalls(self) -> list[requirements.Standing]:
        return [
            s
            for s in self.progress.standings
            if s.status in (Compliance.NOT_MET, Compliance.EXCUSED)
        ]

    @property
    def words(self) -> list[str]:
        return [s.words for s in self.shortfalls]

    @property
    def excuse(self) -> str:
        return requirements.excuse_words(self.progress.excuses)


@dataclass
class Report:
    year: int
    below: list[Row]
    excused: list[Row]
    seats: int  # how many seats were looked at


def as_of(year: int) -> datetime.date:
    """The day whose deputies are "current" for `year`: today, or the year's last day."""
    today = timezone.localdate()
    return min(today, datetime.date(year, 12, 31))


def seats(congresses, year: int, *, town=None, group=None):
    """The current seats of `congresses` in `year`, narrowed to those elected in the subtree of
    `town` and to the members of `group`."""
    qs = Mandate.objects.current(as_of(year)).filter(congress__in=congresses)
    if town is not None:
        qs = qs.filter(electoral_region__code__startswith=town.prefix)
    if group is not None:
        qs = qs.filter(group_memberships__group=group)
    return (
        qs.select_related("person", "term", "congress__region", "electoral_region")
        .prefetch_related(
            Prefetch(
                "group_memberships",
                queryset=GroupMembership.objects.select_related("group").order_by("group__name"),
            )
        )
        .order_by("congress__level", "electoral_region__code", "person__stroke_key", "pk")
    )


def report(congresses, year: int, *, town=None, group=None) -> Report:
    """Who is below the minimums of `year`, and who falls short excused."""
    mandates = list(seats(congresses, year, town=town, group=group))
    below, excused = [], []
    for progress in requirements.progress(mandates, year):
        m = progress.mandate
        row = Row(m, progress, [gm.group for gm in m.group_memberships.all()])
        if progress.compliance == Compliance.NOT_MET:
            below.append(row)
        elif progress.compliance == Compliance.EXCUSED:
            excused.append(row)
    return Report(year=year, below=below, excused=excused, seats=len(mandates))


def _line(n: int, row: Row, verdict: str) -> list:
    m = row.mandate
    return [
        n,
        m.person.name,
        m.level_label,
        m.electoral_region.name if m.electoral_region else "",
        "、".join(g.name for g in row.groups),
        "；".join(row.words),
        row.excuse,
        verdict,
    ]


def workbook(title: str, result: Report) -> bytes:
    """The list as the office files it: a title row, the headers, the deputies below the
    minimums, then those excused."""
    wb, ws = xlsx.report_sheet("未达履职基本要求", title, HEADERS)
    n = 0
    for row in result.below:
        n += 1
        ws.append(_line(n, row, str(Compliance.NOT_MET.label)))
    for row in result.excused:
        n += 1
        ws.append(_line(n, row, str(Compliance.EXCUSED.label)))
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in ws.iter_rows(min_row=3):
        for cell in line:
            cell.alignment = wrap
    return xlsx.report_bytes(wb, ws, WIDTHS)
