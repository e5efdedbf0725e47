from types import SimpleNamespace

from freezegun import freeze_time

from renda.accounts.tests.factories import user_with
from renda.assessment import services
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.people.tests.factories import GroupFactory, MandateFactory, PersonFactory
from renda.regions.tests.factories import rongchang, tongliang


def rongchang_table(congress, year: int = 2024, publish: bool = True):
    """The Rongchang-style preset table for `congress` and `year` (adds the preset catalogue)."""
    return services.table_from_preset(actor="test", congress=congress, year=year, publish=publish)


def recognition_world() -> SimpleNamespace:
    """Rongchang's congress with two seats and a group, Tongliang's with one; staff of each,
    and 黎源's deputy login. For commendations and exit warnings."""
    rc, tl = rongchang(), tongliang()
    term = TermFactory(congress=CongressFactory(region=rc))
    tl_term = TermFactory(congress=CongressFactory(region=tl))
    li = PersonFactory(name="黎源", phone="13800001111")
    seat = MandateFactory(person=li, term=term)
    wang_seat = MandateFactory(person=PersonFactory(name="王芳"), term=term)
    tl_seat = MandateFactory(person=PersonFactory(name="李铜梁"), term=tl_term)
    return SimpleNamespace(
        congress=term.congress,
        term=term,
        tl_congress=tl_term.congress,
        li=li,
        seat=seat,
        wang_seat=wang_seat,
        tl_seat=tl_seat,
        group=GroupFactory(congress=term.congress, name="直升镇代表小组"),
        staff=user_with("staff", region=rc),
        tl_staff=user_with("staff", region=tl),
        deputy=user_with("deputy", person=li),
    )


def evaluate(congress, year, finalize=True):
    """Run (and make final) the evaluation of `year` as it would run early the next year."""
    with freeze_time(f"{year + 1}-01-10"):
        if not congress.scoring_tables.filter(year=year).exists():
            rongchang_table(congress, year)
        evaluation = services.evaluation_run(actor="test", congress=congress, year=year)
        if finalize:
            evaluation = services.evaluation_finalize(actor="test", evaluation=evaluation)
    return evaluation
