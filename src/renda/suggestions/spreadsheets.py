"""The spreadsheets of motions and suggestions: the year's register (建议办理台账), streamed at
any size, and the handling statistics (办理情况统计) as the office files them.

Column headers, the choices' words and the notes are Chinese document content, as the offices'
own registers are (`core.xlsx`); the words of each choice are here, beside the headers, and a
test keeps them complete.

The register. One line per item, in the list's order and with the list's filters: number,
kind, title, lead deputy, co-signers, topic, the units (lead, co-handling, separate), assigned
on, due, replied on, on time, result category, the ratings (first and final reply, the
fulfilment), overdue, key supervision, status. It is written in openpyxl's write-only mode from
the items read `CHUNK` at a time (`.iterator()`), with each chunk's units and clocks in one
query, so memory stays flat from 2,000 to 20,000 items (`renda bench suggestions`).
"""

import datetime
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment

from renda.core import xlsx
from renda.core.models import Deadline
from renda.handling.choices import AssignmentRole, AssignmentStatus
from renda.handling.models import LIVE, Assignment
from renda.handling.querysets import ANSWER_CLOCK
from renda.suggestions.choices import (
    CoSignerStatus,
    Rated,
    SuggestionKind,
    SuggestionStatus,
    SuggestionTopic,
)
from renda.suggestions.models import CoSigner, Suggestion
from renda.suggestions.statistics import Figures, Statistics

CHUNK = 1000

KIND_ZH = {SuggestionKind.MOTION: "议案", SuggestionKind.SUGGESTION: "建议"}
STATUS_ZH = {
    SuggestionStatus.DRAFT: "草稿",
    SuggestionStatus.SUBMITTED: "待审查",
    SuggestionStatus.ACCEPTED: "已立案（待交办）",
    SuggestionStatus.NOT_ACCEPTED: "不予立案",
    SuggestionStatus.MERGED: "已并案",
    SuggestionStatus.ASSIGNED: "办理中",
    SuggestionStatus.REPLIED: "已答复（待评价）",
    SuggestionStatus.REHANDLING: "重新办理",
    SuggestionStatus.FULFILLING: "落实中",
    SuggestionStatus.FULFILLED: "已报落实（待评价）",
    SuggestionStatus.CLOSED: "已办结",
    SuggestionStatus.WITHDRAWN: "已撤回",
}
TOPIC_ZH = {
    SuggestionTopic.ECONOMY: "经济财政",
    SuggestionTopic.URBAN: "城乡建设",
    SuggestionTopic.AGRICULTURE: "农业农村",
    SuggestionTopic.TRANSPORT: "交通",
    SuggestionTopic.ENVIRONMENT: "生态环境",
    SuggestionTopic.EDUCATION: "教科文卫",
    SuggestionTopic.HEALTH: "医疗卫生",
    SuggestionTopic.SOCIAL: "社会事业",
    SuggestionTopic.LAW: "政法",
    SuggestionTopic.GOVERNMENT: "政府工作",
    SuggestionTopic.OTHER: "其他",
}
RATED_ZH = {
    Rated.SATISFIED: "满意",
    Rated.BASICALLY_SATISFIED: "基本满意",
    Rated.DISSATISFIED: "不满意",
    Rated.NOT_RATED: "未评价",
}
YES_NO = {True: "是", False: "否"}


def _words(words: dict):
    return lambda value: words.get(value, value)


def _choice(key: str, header: str, words: dict, width: float = 10) -> xlsx.TextColumn:
    return xlsx.TextColumn(key=key, header=header, width=width, show=_words(words))


def _yes_no(key: str, header: str) -> xlsx.ChoiceColumn:
    return xlsx.ChoiceColumn(
        key=key, header=header, width=8, spellings={True: ("是",), False: ("否",)}
    )


REGISTER = xlsx.Table(
    sheet_title="办理台账",
    columns=(
        xlsx.TextColumn(key="number", header="编号", width=8, number_format="0", show=int),
        _choice("kind", "类别", KIND_ZH, width=6),
        xlsx.TextColumn(key="title", header="标题", width=40),
        xlsx.TextColumn(key="deputy", header="领衔代表", width=10),
        xlsx.TextColumn(key="cosigners", header="联名人数", width=8, number_format="0", show=int),
        _choice("topic", "内容分类", TOPIC_ZH),
        xlsx.TextColumn(key="lead", header="主办单位", width=18),
        xlsx.TextColumn(key="co", header="协办单位", width=18),
        xlsx.TextColumn(key="separate", header="分办单位", width=18),
        xlsx.DateColumn(key="assigned_on", header="交办日期"),
        xlsx.DateColumn(key="due", header="办理期限"),
        xlsx.DateColumn(key="replied_on", header="答复日期"),
        _yes_no("on_time", "按时答复"),
        xlsx.TextColumn(key="category", header="办理结果类别", width=8),
        _choice("first_rating", "首次答复评价", RATED_ZH),
        _choice("reply_rating", "最终答复评价", RATED_ZH),
        _choice("fulfilment_rating", "落实评价", RATED_ZH),
        _yes_no("overdue", "是否逾期"),
        xlsx.TextColumn(key="supervision", header="重点督办", width=16),
        _choice("status", "办理状态", STATUS_ZH, width=14),
    ),
)


def register_queryset(suggestions):
    """`suggestions` with what a line reads beside the row: the deputy, the theme, the number
    of co-signers who confirmed."""
    confirmed = (
        CoSigner.objects.filter(suggestion=OuterRef("pk"), status=CoSignerStatus.CONFIRMED)
        .order_by()
        .values("suggestion")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return suggestions.select_related("mandate__person", "supervision").annotate(
        cosigner_count=Coalesce(Subquery(confirmed), 0)
    )


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _time_limit():
    """An assignment's time limit: the due date of its first answer clock, running or not
    (extensions move it; handling again after 不满意 starts another, not counted here)."""
    ct = ContentType.objects.get_for_model(Assignment)
    return Subquery(
        Deadline.objects.filter(
            content_type=ct, object_id=Cast(OuterRef("pk"), CharField()), purpose=ANSWER_CLOCK
        )
        .order_by("pk")
        .values("due")[:1]
    )


@dataclass(frozen=True, slots=True)
class Unit:
    """What a line reads of one assignment."""

    name: str
    role: str
    status: str
    accept_due: datetime.date | None  # the running clocks' due dates
    answer_due: datetime.date | None
    time_limit: datetime.date | None


def _units(chunk: list[Suggestion]) -> dict[str, list[Unit]]:
    """The chunk's assignments (not withdrawn or sent back) with their units, their running
    clocks and their time limits, by item: one query, read as plain values."""
    found = defaultdict(list)
    assignments = (
        Assignment.objects.of_model(Suggestion)
        .filter(object_id__in=[str(s.pk) for s in chunk])
        .exclude(status__in=(AssignmentStatus.WITHDRAWN, AssignmentStatus.RETURNED))
        .with_clocks()
        .annotate(time_limit=_time_limit())
        .order_by("pk")
        .values_list(
            "object_id", "unit__name", "role", "status", "accept_due", "answer_due", "time_limit"
        )
    )
    for object_id, *values in assignments:
        found[object_id].append(Unit(*values))
    return found


def register_rows(suggestions, *, today: datetime.date) -> Iterator[dict]:
    """A line per item of `register_queryset(...)`, read `CHUNK` items at a time."""
    for chunk in _chunks(suggestions.iterator(chunk_size=CHUNK), CHUNK):
        units = _units(chunk)
        for s in chunk:
            yield register_line(s, units.get(str(s.pk), []), today=today)
        # Let this chunk go before the next is read, so only one is held at a time.
        del chunk, units, s


def register_line(s: Suggestion, assignments: list[Unit], *, today: datetime.date) -> dict:
    def names(role):
        return "、".join(a.name for a in assignments if a.role == role)

    letters = [a for a in assignments if a.role != AssignmentRole.CO]
    dues = [a.time_limit for a in letters if a.time_limit]
    overdue = any(
        a.status in LIVE
        and ((a.answer_due and a.answer_due < today) or (a.accept_due and a.accept_due < today))
        for a in assignments
    )
    return {
        "number": s.number,
        "kind": s.kind,
        "title": s.title,
        "deputy": s.mandate.person.name,
        "cosigners": s.cosigner_count,
        "topic": s.topic,
        "lead": names(AssignmentRole.LEAD),
        "co": names(AssignmentRole.CO),
        "separate": names(AssignmentRole.SEPARATE),
        "assigned_on": s.assigned_on,
        "due": max(dues) if dues else None,
        "replied_on": timezone.localdate(s.replied_at) if s.replied_at else None,
        "on_time": s.replied_on_time,
        "category": s.result_category,
        "first_rating": s.first_reply_rating,
        "reply_rating": s.reply_rating,
        "fulfilment_rating": s.fulfilment_rating,
        "overdue": overdue if assignments else None,
        "supervision": s.supervision.title if s.supervision_id else "",
        "status": s.status,
    }


def write_register(suggestions, out, *, title: str, today: datetime.date) -> int:
    """The register of `suggestions` (filtered and ordered) into the binary file `out`."""
    rows = register_rows(register_queryset(suggestions), today=today)
    return xlsx.stream_table(REGISTER, rows, out, title=title)


# --- The statistics -------------------------------------------------------------------------

DEFINITION_ZH = (
    "说明：提出件数为送交人大常委会办公室的件数（撤回的草稿不计）；立案件数为已编号的件数（含后来并案的）。"
    "按时答复率＝在办理期限内首次答复的件数÷已答复件数；见面率＝承办单位与代表当面或座谈沟通的件数÷已答复件数。"
    "满意率＝（满意＋基本满意）÷已评价件数（满意、基本满意、不满意），首次评价和重新办理后的最终评价分别统计；"
    "代表逾期未评价的计为“未评价”，单列，不计为满意。办理结果类别占比以有类别的已答复件为分母。"
    "逾期指尚未办结、已超过签收或答复期限的交办件。按承办单位统计时，一件建议交多个单位的，每个单位各计一件；"
    "按时答复、见面、评价和结果类别计入主办单位和分办单位，不计入协办单位。百分比四舍五入保留一位小数。"
)


def _pct(value):
    return None if value is None else float(value)


def summary_rows(s: Statistics) -> list[tuple]:
    """(项目, 全部, 其中重点督办) lines of the summary sheet."""

    def both(get):
        return (get(s.total), get(s.key))

    rows = [
        ("提出", *both(lambda f: f.submitted)),
        ("立案", *both(lambda f: f.accepted)),
        ("不予立案", *both(lambda f: f.not_accepted)),
        ("并案", *both(lambda f: f.merged)),
        ("撤回", *both(lambda f: f.withdrawn)),
        ("已交办", *both(lambda f: f.assigned)),
        ("已答复", *both(lambda f: f.replied)),
        ("按时答复", *both(lambda f: f.on_time)),
        ("按时答复率（%）", *both(lambda f: _pct(f.on_time_rate))),
        ("见面沟通", *both(lambda f: f.met)),
        ("见面率（%）", *both(lambda f: _pct(f.met_rate))),
    ]
    for stage, name in (("first", "首次"), ("final", "最终")):

        def ratings(f: Figures, stage=stage):
            return getattr(f, stage)

        rows += [
            (f"{name}满意", *both(lambda f, r=ratings: r(f).satisfied)),
            (f"{name}基本满意", *both(lambda f, r=ratings: r(f).basically)),
            (f"{name}不满意", *both(lambda f, r=ratings: r(f).dissatisfied)),
            (f"未评价（{name}）", *both(lambda f, r=ratings: r(f).not_rated)),
            (f"{name}满意率（%）", *both(lambda f, r=ratings: _pct(r(f).rate))),
        ]
    rows += [
        ("落实满意率（%）", *both(lambda f: _pct(f.fulfilment.rate))),
        ("重新办理", *both(lambda f: f.rehandled)),
        ("已办结", *both(lambda f: f.closed)),
        ("逾期交办件", *both(lambda f: f.overdue)),
    ]
    for code, words in s.category_labels():
        rows.append((f"{code}类（{words}）", *both(lambda f, c=code: f.categories.get(c, 0))))
        rows.append((f"{code}类占比（%）", *both(lambda f, c=code: _pct(f.category_share(c)))))
    return rows


UNIT_HEADERS = (
    "序号",
    "承办单位",
    "承办件数",
    "主办",
    "协办",
    "分办",
    "退回",
    "已答复（含协办意见）",
    "重点督办",
    "逾期",
    "答复代表件数",
    "按时答复",
    "按时答复率（%）",
    "见面率（%）",
    "首次满意率（%）",
    "最终满意率（%）",
    "未评价（最终）",
)


def statistics_workbook(s: Statistics, *, title: str) -> bytes:
    """Two sheets: the summary (all items and key supervision side by side, the definition
    below) and the units."""
    wb, ws = xlsx.report_sheet("办理情况汇总", title, ("项目", "全部", "其中重点督办"))
    for line in summary_rows(s):
        ws.append(list(line))
        if "（%）" in line[0]:
            for column in (2, 3):
                ws.cell(row=ws.max_row, column=column).number_format = "0.0"
    ws.append([])
    ws.append([DEFINITION_ZH])
    note_row = ws.max_row
    ws.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=3)
    ws.cell(row=note_row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[note_row].height = 220
    xlsx.report_widths(ws, (30, 12, 14))

    codes = s.category_labels()
    headers = (*UNIT_HEADERS, *(f"{code}类" for code, _words in codes))
    _wb, units = xlsx.report_sheet(
        "承办单位", f"{title}（按承办单位）", headers, wrap_headers=True, workbook=wb
    )
    for n, u in enumerate(s.units, start=1):
        units.append(
            [
                n,
                u.name,
                u.items,
                u.lead,
                u.co,
                u.separate,
                u.returned,
                u.answered,
                u.key,
                u.overdue,
                u.replied,
                u.on_time,
                _pct(u.on_time_rate),
                _pct(u.met_rate),
                _pct(u.first.rate),
                _pct(u.final.rate),
                u.final.not_rated,
                *(u.categories.get(code, 0) for code, _words in codes),
            ]
        )
        for column in range(13, 17):
            units.cell(row=units.max_row, column=column).number_format = "0.0"
    units.row_dimensions[2].height = 45
    widths = (6, 24, *([9] * (len(headers) - 2)))
    xlsx.report_widths(units, widths, freeze="C3")
    return _save(wb)


def _save(wb: Workbook) -> bytes:
    import io

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
