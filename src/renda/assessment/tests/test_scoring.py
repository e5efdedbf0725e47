"""Property tests of the pure scoring rules (`scoring.py`): caps, thresholds, counts, penalties,
grades and ranks hold for any input, not just the examples."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from renda.assessment import scoring
from renda.assessment.choices import ItemKind

points = st.decimals(min_value=-50, max_value=50, places=1, allow_nan=False, allow_infinity=False)
positive_points = st.decimals(min_value="0.1", max_value=50, places=1)
caps = st.decimals(min_value="0.1", max_value=100, places=1)
counts = st.integers(min_value=0, max_value=10_000)
scores = st.decimals(min_value=-200, max_value=200, places=1)


@st.composite
def bands(draw):
    """Grade bands with distinct lowest scores, some asking for the minimums."""
    mins = draw(st.lists(scores, min_size=1, max_size=5, unique=True))
    return [
        scoring.Band(label=f"g{i}", min_score=m, requires_compliance=draw(st.booleans()))
        for i, m in enumerate(sorted(mins, reverse=True))
    ]


def _order(band_list):
    """A grade's position from the top (0 = best)."""
    labels = [b.label for b in sorted(band_list, key=lambda b: b.min_score, reverse=True)]
    return labels.index


@given(
    kind=st.sampled_from([ItemKind.COUNT, ItemKind.COMMITMENT, ItemKind.MANUAL]),
    per_unit=points,
    cap=caps,
    value=st.one_of(counts, st.decimals(min_value=-500, max_value=500, places=1)),
)
def test_a_cap_bounds_what_an_item_adds_or_deducts(kind, per_unit, cap, value):
    rule = scoring.Rule("x", kind, per_unit, cap=cap)
    result, capped = scoring.item_points(rule, value)
    assert abs(result) <= cap
    if capped:
        assert abs(result) == cap


@given(per_unit=points, threshold=st.integers(min_value=1, max_value=500), value=counts)
def test_a_threshold_gives_nothing_below_and_exactly_the_points_at_or_above(
    per_unit, threshold, value
):
    rule = scoring.Rule("x", ItemKind.THRESHOLD, per_unit, threshold=threshold)
    result, capped = scoring.item_points(rule, value)
    assert not capped
    assert result == (per_unit if value >= threshold else Decimal(0))


@given(per_unit=positive_points, cap=st.one_of(st.none(), caps), a=counts, b=counts)
def test_a_count_with_positive_points_never_falls_as_the_count_grows(per_unit, cap, a, b):
    rule = scoring.Rule("x", ItemKind.COUNT, per_unit, cap=cap)
    low, high = sorted((a, b))
    assert scoring.item_points(rule, low)[0] <= scoring.item_points(rule, high)[0]


@given(
    penalty=st.decimals(min_value=-50, max_value=0, places=1),
    cap=st.one_of(st.none(), caps),
    value=counts,
)
def test_a_penalty_is_never_positive(penalty, cap, value):
    rule = scoring.Rule("x", ItemKind.COMMITMENT, penalty, cap=cap)
    assert scoring.item_points(rule, value)[0] <= 0


@given(band_list=bands(), a=scores, b=scores, compliant=st.booleans())
def test_a_higher_score_never_gets_a_lower_grade(band_list, a, b, compliant):
    low, high = sorted((a, b))
    position = _order(band_list)
    low_grade = scoring.grade(low, band_list, compliant)
    high_grade = scoring.grade(high, band_list, compliant)
    assert position(high_grade) <= position(low_grade)


@given(band_list=bands(), score=scores)
def test_missing_the_minimums_never_raises_a_grade(band_list, score):
    position = _order(band_list)
    compliant = scoring.grade(score, band_list, True)
    not_compliant = scoring.grade(score, band_list, False)
    assert position(compliant) <= position(not_compliant)


@given(band_list=bands(), score=scores, compliant=st.booleans())
def test_the_grade_is_always_one_of_the_bands(band_list, score, compliant):
    assert scoring.grade(score, band_list, compliant) in {b.label for b in band_list}


@given(st.lists(scores, max_size=40))
def test_ranks_are_competition_ranks_consistent_with_the_scores(values):
    result = scoring.ranks(values)
    assert len(result) == len(values)
    for i, score in enumerate(values):
        # A rank is one more than the number of strictly higher scores (1, 2, 2, 4).
        assert result[i] == 1 + sum(1 for other in values if other > score)
        for j, other in enumerate(values):
            if score > other:
                assert result[i] < result[j]
            elif score == other:
                assert result[i] == result[j]


def test_ranks_of_an_example():
    assert scoring.ranks([Decimal(5), Decimal(9), Decimal(9), Decimal(1)]) == [3, 1, 1, 4]
