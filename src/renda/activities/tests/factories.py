import datetime

import factory
from django.utils import timezone

from renda.activities import requirements, services
from renda.activities.choices import ActivityStatus, Period, RequirementCategory
from renda.activities.models import Activity, ActivityType, Excuse, Requirement
from renda.congresses.tests.factories import CongressFactory, TermFactory
from renda.people.tests.factories import MandateFactory


class ActivityTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityType
        django_get_or_create = ("congress", "code")

    congress = factory.SubFactory(CongressFactory)
    code = "inspection"
    name = factory.LazyAttribute(lambda o: {"inspection": "视察"}.get(o.code, o.code))
    category = RequirementCategory.CLOSED_SESSION


def preset_types(congress) -> dict[str, ActivityType]:
    """The preset catalogue for `congress`, by code."""
    services.activity_types_apply_preset(actor="test", congress=congress)
    return {t.code: t for t in ActivityType.objects.filter(congress=congress)}


def needed(category, count, period=Period.YEAR) -> str:
    """The words for a shortfall, in the active language (the lead's zh-Hans reads
    "本年度还需审议发言 1 次")."""
    return str(
        requirements.NEEDED[category]
        % {"period": requirements.PERIOD_WORDS[period], "count": count}
    )


class ActivityFactory(factory.django.DjangoModelFactory):
    """A verified activity (what the evaluation counts) unless told otherwise."""

    class Meta:
        model = Activity

    mandate = factory.SubFactory(MandateFactory)
    person = factory.LazyAttribute(lambda o: o.mandate.person)
    congress = factory.LazyAttribute(lambda o: o.mandate.congress)
    activity_type = factory.LazyAttribute(lambda o: ActivityTypeFactory(congress=o.congress))
    day = datetime.date(2024, 5, 10)
    place = "直升镇"
    content = factory.Sequence(lambda n: f"第{n}次履职活动")
    person_times = None
    status = ActivityStatus.VERIFIED
    decided_at = factory.LazyFunction(timezone.now)
    fingerprint = factory.LazyAttribute(
        lambda o: services.fingerprint(
            o.activity_type.pk, o.day, o.place, o.content, o.person_times
        )
    )


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requirement

    term = factory.SubFactory(TermFactory)
    congress = factory.LazyAttribute(lambda o: o.term.congress)
    category = RequirementCategory.SPEECH
    period = "year"
    minimum = 3


class ExcuseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Excuse

    mandate = factory.SubFactory(MandateFactory)
    start = datetime.date(2024, 3, 1)
    end = datetime.date(2024, 8, 31)
    reason = "illness"


def world():
    """荣昌区's congress with the preset catalogue and "341 311", two of its deputies (黎源,
    elected in 直升镇, and 王芳), 铜梁区's congress with one deputy, the users of each role,
    and 黎源's activities in each status (2024)."""
    from types import SimpleNamespace

    from renda.accounts.tests.factories import user_with
    from renda.people.tests.factories import PersonFactory
    from renda.regions.tests.factories import rongchang, tongliang, town

    rc, tl = rongchang(), tongliang()
    zs = town()
    rc_term = TermFactory(congress=CongressFactory(region=rc))
    tl_term = TermFactory(congress=CongressFactory(region=tl))
    types = preset_types(rc_term.congress)
    tl_types = preset_types(tl_term.congress)
    services.requirements_apply_preset(actor="test", term=rc_term)
    li = PersonFactory(name="黎源")
    li_seat = MandateFactory(person=li, term=rc_term, electoral_region=zs)
    wang = PersonFactory(name="王芳")
    wang_seat = MandateFactory(person=wang, term=rc_term)
    tl_person = PersonFactory(name="李铜梁")
    tl_seat = MandateFactory(person=tl_person, term=tl_term)

    def make(seat, status=ActivityStatus.VERIFIED, code="inspection", **extra):
        if status == ActivityStatus.REJECTED:
            extra.setdefault("status_note", "照片与内容不符")
        return ActivityFactory(
            mandate=seat,
            activity_type=(tl_types if seat.congress_id == tl_term.congress_id else types)[code],
            status=status,
            **extra,
        )

    return SimpleNamespace(
        rc=rc,
        tl=tl,
        zs=zs,
        rc_term=rc_term,
        tl_term=tl_term,
        congress=rc_term.congress,
        tl_congress=tl_term.congress,
        types=types,
        tl_types=tl_types,
        li=li,
        li_seat=li_seat,
        wang=wang,
        wang_seat=wang_seat,
        tl_person=tl_person,
        tl_seat=tl_seat,
        submitted=make(li_seat, ActivityStatus.SUBMITTED, content="视察农村饮水安全"),
        verified=make(li_seat, ActivityStatus.VERIFIED, content="调研乡村振兴"),
        rejected=make(li_seat, ActivityStatus.REJECTED, content="走访企业"),
        tl_submitted=make(tl_seat, ActivityStatus.SUBMITTED, content="铜梁的视察"),
        make=make,
        staff_rc=user_with("staff", region=rc),
        staff_tl=user_with("staff", region=tl),
        admin=user_with("admin"),
        deputy=user_with("deputy", person=li),
        other_deputy=user_with("deputy", person=wang),
    )
