"""Commitments' part of the shared world: 荣昌区's 2026 commitment year and 黎源's commitments
as a draft, submitted and approved."""

import datetime

from renda.commitments.choices import CommitmentStatus as S
from renda.commitments.tests.factories import CommitmentFactory, CommitmentYearFactory


def build(w) -> None:
    w.cycle = CommitmentYearFactory(congress=w.congress)
    w.category = w.cycle.categories.first()
    w.draft = CommitmentFactory(mandate=w.li_seat, status=S.DRAFT, title="为黄泥村修建便民桥")
    w.commitment = CommitmentFactory(
        mandate=w.li_seat,
        status=S.SUBMITTED,
        title="全年走访选区选民500人次",
        submitted_at=datetime.datetime(2026, 1, 10, tzinfo=datetime.UTC),
    )
    w.approved = CommitmentFactory(
        mandate=w.li_seat, status=S.APPROVED, title="宣讲民法典10场", target_value=10
    )
