import datetime
import importlib
from types import SimpleNamespace

import factory

from renda.commitments.choices import CommitmentStatus
from renda.commitments.models import Commitment, CommitmentCategory, CommitmentYear, ReturnReason
from renda.congresses.tests.factories import CongressFactory
from renda.people.tests.factories import MandateFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitmentCategory
        django_get_or_create = ("congress", "name")

    congress = factory.SubFactory(CongressFactory)
    name = "联系选民"


class CommitmentYearFactory(factory.django.DjangoModelFactory):
    """荣昌区's 2026 commitment year, submissions open in January and February."""

    class Meta:
        model = CommitmentYear
        django_get_or_create = ("congress", "year")
        skip_postgeneration_save = True

    congress = factory.SubFactory(CongressFactory)
    year = 2026
    opens = factory.LazyAttribute(lambda o: datetime.date(o.year, 1, 1))
    closes = factory.LazyAttribute(lambda o: datetime.date(o.year, 2, 28))
    min_count = 3
    max_count = 6

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if not create:
            return
        names = extracted or ["联系选民", "带动发展", "宣讲政策", "办好事实事"]
        obj.categories.set(
            CategoryFactory(congress=obj.congress, name=name, order=i)
            for i, name in enumerate(names)
        )


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    mandate = factory.SubFactory(MandateFactory)
    person = factory.LazyAttribute(lambda o: o.mandate.person)
    commitment_year = factory.LazyAttribute(
        lambda o: CommitmentYearFactory(congress=o.mandate.congress)
    )
    category = factory.LazyAttribute(lambda o: o.commitment_year.categories.first())
    title = "全年走访选区选民500人次"
    target_value = 500
    target_unit = "人次"
    due = factory.LazyAttribute(lambda o: datetime.date(o.commitment_year.year, 12, 31))
    status = CommitmentStatus.DRAFT


def job_duty() -> ReturnReason:
    """与本职工作重合, seeded by a data migration; seeded again if a transactional test that ran
    before emptied the tables."""
    reason = ReturnReason.objects.filter(congress=None, code="job_duty").first()
    if reason is None:
        from django.apps import apps

        importlib.import_module("renda.commitments.migrations.0002_return_reasons").add(apps, None)
        reason = ReturnReason.objects.get(congress=None, code="job_duty")
    return reason


def world() -> SimpleNamespace:
    """荣昌区's and 铜梁区's 2026 commitment years; 黎源 (elected in 直升镇, at a station there,
    a village party secretary) and 王芳 in 荣昌区, 李铜梁 in 铜梁区; staff of each district, an
    administrator, each deputy's login and the station's liaison. `w.make(seat, status, title)`
    adds a commitment as it would stand in that status."""
    from renda.accounts.tests.factories import user_with
    from renda.commitments.choices import CommitmentStatus as S
    from renda.congresses.tests.factories import TermFactory
    from renda.people.tests.factories import PersonFactory
    from renda.regions.tests.factories import rongchang, tongliang, town
    from renda.stations.tests.factories import AssignmentFactory, StationFactory

    rc, tl = rongchang(), tongliang()
    zs = town()  # 直升镇
    rc_term = TermFactory(congress=CongressFactory(region=rc))
    tl_term = TermFactory(congress=CongressFactory(region=tl))
    li = PersonFactory(name="黎源")
    li_seat = MandateFactory(
        person=li, term=rc_term, electoral_region=zs, post="党支部书记", work_unit="黄泥村"
    )
    wang = PersonFactory(name="王芳")
    tl_person = PersonFactory(name="李铜梁")
    station = StationFactory(region=zs)
    AssignmentFactory(station=station, mandate=li_seat)

    def make(seat, status, title, **extra):
        if status == S.RETURNED:
            extra.setdefault("return_reason", job_duty())
            extra.setdefault("status_note", "这是村支书的本职工作")
        if status in (S.SUBMITTED, S.RETURNED):
            extra.setdefault("submitted_at", datetime.datetime(2026, 1, 10, tzinfo=datetime.UTC))
        return CommitmentFactory(mandate=seat, status=status, title=title, **extra)

    return SimpleNamespace(
        rc=rc,
        tl=tl,
        zs=zs,
        rc_term=rc_term,
        cycle=CommitmentYearFactory(congress=rc_term.congress),
        tl_cycle=CommitmentYearFactory(congress=tl_term.congress),
        li=li,
        li_seat=li_seat,
        wang=wang,
        wang_seat=MandateFactory(person=wang, term=rc_term),
        tl_person=tl_person,
        tl_seat=MandateFactory(person=tl_person, term=tl_term),
        station=station,
        make=make,
        staff_rc=user_with("staff", region=rc),
        staff_tl=user_with("staff", region=tl),
        admin=user_with("admin"),
        deputy=user_with("deputy", person=li),
        other_deputy=user_with("deputy", person=wang),
        liaison=user_with("liaison", station=station),
    )
