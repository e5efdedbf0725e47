"""The status badge every commitment page shows (`{% commitment_status c %}`)."""

import datetime

import pytest
from django.template import engines
from django.utils import translation

from renda.commitments.choices import CommitmentStatus as S
from renda.commitments.models import Commitment
from renda.core.testing import frozen_at

frozen = frozen_at("2026-06-15 10:00:00+08:00")


def badge(status: str, due=datetime.date(2026, 12, 31)) -> str:
    template = engines["django"].from_string(
        "{% load renda_commitments %}{% commitment_status c %}"
    )
    with translation.override("zh-hans"):
        return template.render({"c": Commitment(status=status, due=due)})


@pytest.mark.parametrize(
    ("status", "css", "label"),
    [
        (S.DRAFT, "text-bg-light border", "草稿"),
        (S.SUBMITTED, "text-bg-warning", None),
        (S.APPROVED, "text-bg-primary", None),
        (S.FULFILLED, "text-bg-success", None),
        (S.WITHDRAWN, "text-bg-secondary", None),
    ],
)
def test_each_status_has_its_badge_in_chinese(status, css, label):
    with translation.override("zh-hans"):
        label = label or str(S(status).label)
    assert badge(status) == f'<span class="badge {css}">{label}</span>'


def test_only_an_approved_commitment_past_its_due_date_is_marked_overdue():
    late = datetime.date(2026, 5, 31)
    assert badge(S.APPROVED, due=late).endswith('">逾期</span>')
    assert "逾期" not in badge(S.FULFILLED, due=late)
    assert "逾期" not in badge(S.APPROVED)
