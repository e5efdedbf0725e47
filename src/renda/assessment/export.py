"""All results of an evaluation as the office files them (.xlsx): a title row, the headers, a row
per deputy in rank order with each item's points in the table's order, the total, the grade and
the minimums in words. Headers are Chinese document content, like the printed table."""

from renda.activities import requirements as minimums
from renda.activities.choices import Compliance
from renda.core import xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LEADING = ("名次", "姓名", "原选举单位")
TRAILING = ("总分", "等次", "履职基本要求", "说明")


def requirement_words(result) -> str:
    """The minimums of one result in the words a deputy reads, e.g. "本年度还需审议发言 1 次"."""
    parts = []
    for entry in result.requirements:
        standing = minimums.Standing(**entry)
        words = standing.words
        if standing.excuse:
            words = f"{words}（{standing.excuse}）"
        parts.append(words)
    return "；".join(parts)


def compliance_label(value: str) -> str:
    return str(Compliance(value).label) if value in Compliance.values else value


def results_workbook(evaluation, results) -> bytes:
    """`results`: the evaluation's results with person and mandate loaded, in rank order."""
    items = list(evaluation.table.items.order_by("order", "pk"))
    headers = [*LEADING, *(f"{i.label}" for i in items), *TRAILING]
    wb, ws = xlsx.report_sheet(
        f"{evaluation.year}年度履职评价",
        f"{evaluation.congress} {evaluation.year}年度人大代表履职评价结果",
        headers,
        wrap_headers=True,
    )
    for result in results:
        points = {e["code"]: float(e["points"]) for e in result.breakdown}
        ws.append(
            [
                result.rank,
                result.person.name,
                result.mandate.electoral_unit,
                *(points.get(i.code) for i in items),
                float(result.score),
                result.grade,
                compliance_label(result.compliance),
                requirement_words(result),
            ]
        )
    ws.row_dimensions[2].height = 45
    widths = [6, 10, 16, *([10] * len(items)), 8, 10, 12, 50]
    return xlsx.report_bytes(wb, ws, widths, freeze="C3")
