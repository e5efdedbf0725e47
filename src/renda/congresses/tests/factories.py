import datetime
from types import SimpleNamespace

import factory

from renda.congresses.choices import CongressLevel
from renda.congresses.models import Congress, Session, Term
from renda.regions.tests.factories import rongchang, tongliang, town


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


def districts() -> SimpleNamespace:
    """The two districts most tests stand on: 荣昌区 (`rc`) with its town 直升镇 (`zs`), and
    铜梁区 (`tl`); each district's congress in its 19th term (`rc_term`, `tl_term`). A test's
    world adds its own people and users to it."""
    rc, tl = rongchang(), tongliang()
    zs = town()
    return SimpleNamespace(
        rc=rc,
        tl=tl,
        zs=zs,
        rc_term=TermFactory(congress=CongressFactory(region=rc)),
        tl_term=TermFactory(congress=CongressFactory(region=tl)),
    )
