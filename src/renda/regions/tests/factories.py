import factory

from renda.regions.choices import RegionLevel
from renda.regions.models import HandlingUnit, Region


class RegionFactory(factory.django.DjangoModelFactory):
    """A region; pass code and level (and parent) for a real place."""

    class Meta:
        model = Region
        django_get_or_create = ("code",)

    # Made-up district codes under Chongqing, 12 digits for the first 9,000 (PostgreSQL holds
    # the column to 12 characters; SQLite would not notice).
    code = factory.Sequence(lambda n: f"50{n // 100 % 90 + 10:02d}{n % 100:02d}000000")
    name = factory.Sequence(lambda n: f"测试区{n}")
    level = RegionLevel.COUNTY
    parent = None


def chongqing() -> Region:
    return RegionFactory(code="500000000000", name="重庆市", level=RegionLevel.PROVINCE)


def rongchang() -> Region:
    return RegionFactory(
        code="500153000000", name="荣昌区", level=RegionLevel.COUNTY, parent=chongqing()
    )


def tongliang() -> Region:
    return RegionFactory(
        code="500151000000", name="铜梁区", level=RegionLevel.COUNTY, parent=chongqing()
    )


def town(code: str = "500153104000", name: str = "直升镇", parent: Region | None = None) -> Region:
    return RegionFactory(code=code, name=name, level=RegionLevel.TOWN, parent=parent or rongchang())


class HandlingUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HandlingUnit

    region = factory.LazyFunction(rongchang)
    name = factory.Sequence(lambda n: f"区测试局{n}")
