"""A small world for motions and suggestions: a district congress with deputies, its staff, two
handling units with a user each, and another district's staff."""

import io
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile

from renda.accounts.tests.factories import user_with
from renda.activities.tests.factories import preset_types
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.people.tests.factories import MandateFactory, PersonFactory
from renda.regions.tests.factories import HandlingUnitFactory, rongchang, tongliang
from renda.suggestions import services
from renda.suggestions.models import Suggestion


def world(deputies: int = 12) -> SimpleNamespace:
    rc = rongchang()
    term = TermFactory(congress=CongressFactory(region=rc))
    preset_types(term.congress)
    seats = [MandateFactory(term=term, person=PersonFactory()) for _ in range(deputies)]
    users = [user_with("deputy", person=s.person) for s in seats]
    lead_unit = HandlingUnitFactory(region=rc, name="区交通局")
    co_unit = HandlingUnitFactory(region=rc, name="区财政局")
    other_unit = HandlingUnitFactory(region=rc, name="区住建委")
    return SimpleNamespace(
        region=rc,
        congress=term.congress,
        term=term,
        seats=seats,
        deputies=users,
        seat=seats[0],
        deputy=users[0],
        staff=user_with("staff", region=rc),
        outsider=user_with("staff", region=tongliang()),
        lead_unit=lead_unit,
        co_unit=co_unit,
        other_unit=other_unit,
        lead_clerk=user_with("unit", handling_unit=lead_unit),
        co_clerk=user_with("unit", handling_unit=co_unit),
        other_clerk=user_with("unit", handling_unit=other_unit),
    )


def draft(w, *, kind="suggestion", title="关于增设昌州大道公交站点的建议", **extra) -> Suggestion:
    return services.suggestion_draft(
        actor=w.deputy,
        mandate=w.seat,
        title=title,
        body="昌州大道沿线居民出行不便，建议增设公交站点两处。",
        topic="transport",
        kind=kind,
        **extra,
    )


def letter(name: str = "答复函.pdf") -> SimpleUploadedFile:
    """A small valid PDF, as a scanned signed letter would be."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "reply")
    c.showPage()
    c.save()
    return SimpleUploadedFile(name, buf.getvalue(), content_type="application/pdf")
