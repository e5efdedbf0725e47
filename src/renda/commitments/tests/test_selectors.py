"""The counts the yearly scoring table reads (it deducts 5 points per unfulfilled commitment)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renda.commitments.choices import CommitmentStatus as S
from renda.commitments.selectors import assessment_counts
from renda.commitments.tests.factories import (
    CommitmentFactory,
    CommitmentYearFactory,
    job_duty,
)
from renda.people.tests.factories import MandateFactory

pytestmark = pytest.mark.django_db


def test_assessment_counts_per_deputy_and_year():
    seat = MandateFactory()
    other = MandateFactory(term=seat.term)
    for status in (S.APPROVED, S.FULFILLED, S.FULFILLED, S.PARTLY_FULFILLED, S.UNFULFILLED):
        CommitmentFactory(mandate=seat, status=status)
    # Not counted: not approved, withdrawn, cancelled, or another year.
    for status in (S.DRAFT, S.SUBMITTED, S.WITHDRAWN, S.CANCELLED):
        CommitmentFactory(mandate=seat, status=status)
    CommitmentFactory(mandate=seat, status=S.RETURNED, return_reason=job_duty())
    earlier = CommitmentYearFactory(congress=seat.congress, year=2025)
    CommitmentFactory(mandate=seat, commitment_year=earlier, status=S.UNFULFILLED)
    CommitmentFactory(mandate=other, status=S.UNFULFILLED)

    counts = assessment_counts(2026)

    assert counts[seat.person_id] == {
        "approved": 5,
        "fulfilled": 2,
        "partly_fulfilled": 1,
        "unfulfilled": 1,
    }
    assert counts[other.person_id]["unfulfilled"] == 1
    assert assessment_counts(2026, people=[other.person])[other.person_id]["approved"] == 1
    assert seat.person_id not in assessment_counts(2026, people=[other.person])
    assert assessment_counts(2025)[seat.person_id]["unfulfilled"] == 1


def test_assessment_counts_take_one_query_however_many_deputies():
    for _ in range(5):
        CommitmentFactory(status=S.FULFILLED)
    with CaptureQueriesContext(connection) as queries:
        assert len(assessment_counts(2026)) == 5
    assert len(queries) == 1
