import datetime
import importlib

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
