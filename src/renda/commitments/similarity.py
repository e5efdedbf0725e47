"""Review assistance: likely job-duty overlaps and near-duplicates, found offline.

(Interface fixed for the review page; the matching itself is being written.)
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Hint:
    kind: str  # "job_duty" | "earlier_year" | "same_year"
    score: float  # 0..1, higher is more alike
    matched: str  # the text it resembles (the post, or the other commitment's title)
    other_id: int | None = None  # the other commitment, for the two duplicate kinds


def hints_for(commitment) -> list[Hint]:
    """Hints for one submitted commitment, strongest first."""
    return []
