import datetime

import factory

from renda.congresses.choices import CongressLevel
from renda.congresses.models import Congress, Session, Term
from renda.regions.tests.factories import rongchang


class CongressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Congress
        django_get_or_create = ("region", "level")

    region = factory.LazyFunction(rongchang)
    level = CongressLevel.COUNTY
    name = factory.LazyAttribute(lambda o: f"{o.region.name}人民代表大会")


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term
        django_get_or_create = ("congress", "ordinal")

    congress = factory.SubFactory(CongressFactory)
    ordinal = 19
    start = datetime.date(2022, 1, 1)
    end = datetime.date(2026, 12, 31)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    term = factory.SubFactory(TermFactory)
    ordinal = 1
    start = datetime.date(2022, 1, 10)
    end = datetime.date(2022, 1, 13)
