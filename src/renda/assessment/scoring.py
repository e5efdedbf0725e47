"""The scoring rules, pure: an item's points from a value, a grade from a score, ranks.

No database here, so the rules are property-tested (hypothesis) on their own and the evaluation
only gathers values and calls them.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from renda.assessment.choices import ItemKind

ONE_PLACE = Decimal("0.1")


@dataclass(frozen=True)
class Rule:
    """A scoring item as the rules see it."""

    code: str
    kind: str
    points: Decimal
    threshold: int | None = None
    cap: Decimal | None = None


@dataclass(frozen=True)
class Band:
    label: str
    min_score: Decimal
    requires_compliance: bool = False


def round_points(value) -> Decimal:
    """One decimal place, half up; never "-0.0" (−5 × 0 unfulfilled commitments is 0)."""
    rounded = Decimal(value).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)
    return rounded if rounded else Decimal("0.0")


def item_points(rule: Rule, value) -> tuple[Decimal, bool]:
    """(points, capped) for `value`: a count, person-times, a number of commitments, or for a
    manual item the sum of the adjustments entered.

    count and commitment: points × value; threshold: the points once value reaches the number;
    manual: the value itself. The cap bounds what an item adds or deducts."""
    if rule.kind == ItemKind.THRESHOLD:
        raw = rule.points if rule.threshold is not None and value >= rule.threshold else Decimal(0)
    elif rule.kind == ItemKind.MANUAL:
        raw = Decimal(value)
    else:
        raw = rule.points * Decimal(value)
    if rule.cap is not None and abs(raw) > rule.cap:
        return round_points(rule.cap if raw > 0 else -rule.cap), True
    return round_points(raw), False


def grade(score: Decimal, bands: list[Band], compliant: bool) -> str:
    """The highest band whose lowest score is reached (and whose minimums are met, if it asks
    for them); below every band, the lowest."""
    ordered = sorted(bands, key=lambda b: b.min_score, reverse=True)
    for band in ordered:
        if score >= band.min_score and (compliant or not band.requires_compliance):
            return band.label
    return ordered[-1].label if ordered else ""


def ranks(scores: list[Decimal]) -> list[int]:
    """Competition ranking (1, 2, 2, 4) of `scores`, in the order given."""
    order = sorted(range(len(scores)), key=lambda i: scores[i], reverse=True)
    result = [0] * len(scores)
    previous, previous_rank = None, 0
    for position, i in enumerate(order, start=1):
        if scores[i] != previous:
            previous, previous_rank = scores[i], position
        result[i] = previous_rank
    return result
