import datetime

import factory
from django.utils import timezone

from renda.activities import services
from renda.activities.choices import ActivityStatus, RequirementCategory
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
