"""Assessment's part of the shared world: 荣昌区's 2024 scoring table, an adjustment, and the
2024 evaluation made final with its scores public (黎源's result in it)."""

from renda.assessment import services
from renda.assessment.tests.factories import evaluate, rongchang_table


def build(w) -> None:
    w.table = rongchang_table(w.congress, 2024)
    w.item = w.table.items.get(code="inspections")
    w.band = w.table.bands.first()
    w.adjustment = services.adjustment_add(
        actor="test",
        congress=w.congress,
        year=2024,
        mandate=w.li_seat,
        item_code="commendation",
        points=5,
        reason="受表扬",
    )
    w.evaluation = services.evaluation_set_scores_public(
        actor="test", evaluation=evaluate(w.congress, 2024), public=True
    )
    w.result = w.evaluation.results.get(mandate=w.li_seat)
