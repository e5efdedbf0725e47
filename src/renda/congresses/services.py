"""Writes for congresses, terms and sessions."""

import datetime

from django.db import transaction

from renda.congresses.models import Congress, Session, Term
from renda.core import services as base
from renda.regions.models import Region

CONGRESS_FIELDS = ["name"]
TERM_FIELDS = ["start", "end"]
SESSION_FIELDS = ["start", "end"]


def congress_create(*, actor, region: Region, level: int, name: str = "") -> Congress:
    base.ensure_in_scope(actor, region)
    congress = Congress(
        region=region, level=level, name=(name or f"{region.name}人民代表大会").strip()
    )
    with transaction.atomic():
        return base.create(actor=actor, obj=congress)


def congress_update(*, actor, congress: Congress, **data) -> Congress:
    base.ensure_in_scope(actor, congress)
    with transaction.atomic():
        return base.update(actor=actor, obj=congress, data=data, fields=CONGRESS_FIELDS)


def term_create(
    *,
    actor,
    congress: Congress,
    ordinal: int,
    start: datetime.date,
    end: datetime.date | None = None,
) -> Term:
    base.ensure_in_scope(actor, congress)
    with transaction.atomic():
        return base.create(
            actor=actor, obj=Term(congress=congress, ordinal=ordinal, start=start, end=end)
        )


def term_update(*, actor, term: Term, **data) -> Term:
    base.ensure_in_scope(actor, term)
    with transaction.atomic():
        return base.update(actor=actor, obj=term, data=data, fields=TERM_FIELDS)


def session_create(
    *, actor, term: Term, ordinal: int, start: datetime.date, end: datetime.date
) -> Session:
    base.ensure_in_scope(actor, term)
    with transaction.atomic():
        return base.create(
            actor=actor, obj=Session(term=term, ordinal=ordinal, start=start, end=end)
        )


def session_update(*, actor, session: Session, **data) -> Session:
    base.ensure_in_scope(actor, session)
    with transaction.atomic():
        return base.update(actor=actor, obj=session, data=data, fields=SESSION_FIELDS)
