"""The counts the yearly scoring table reads (it deducts 5 points per unfulfilled commitment)."""

import datetime

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


def test_each_commitment_shows_its_newest_report_with_that_reports_photos_only():
    from renda.commitments.models import CommitmentProgress
    from renda.commitments.selectors import latest_progress
    from renda.core.models import Attachment

    first = CommitmentFactory(status=S.APPROVED)
    second = CommitmentFactory(status=S.APPROVED, mandate=first.mandate)
    quiet = CommitmentFactory(status=S.APPROVED, mandate=first.mandate)

    def report(commitment, day, text, *kinds):
        made = CommitmentProgress.objects.create(
            commitment=commitment, day=datetime.date(2026, *day), text=text, value=1
        )
        for kind in kinds:
            Attachment.objects.create(
                content_object=made, kind=kind, file="a.jpg", original_name="a.jpg"
            )
        return made

    report(first, (3, 9), "三月", "photo")
    earlier = report(first, (5, 1), "五月·一", "photo")
    report(first, (5, 1), "五月·二", "photo", "document", "photo")  # the same day, later
    report(second, (4, 2), "四月")

    with CaptureQueriesContext(connection) as queries:
        latest = latest_progress([first, second, quiet])
    assert len(queries) == 2
    assert latest[first.pk].text == "五月·二" and latest[first.pk].photos
    assert [a.kind for a in latest[first.pk].photos] == ["photo", "photo"]
    assert latest[second.pk].text == "四月" and latest[second.pk].photos == []
    assert quiet.pk not in latest
    assert earlier.pk != latest[first.pk].pk
