import datetime

import factory

from renda.congresses.tests.factories import TermFactory
from renda.people import names
from renda.people.choices import Gender, GroupKind
from renda.people.models import DeputyGroup, GroupMembership, Mandate, Person


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(
        lambda n: "张" + "一二三四五六七八九十"[n % 10] + "明华强军"[n // 10 % 4]
    )
    gender = Gender.MALE
    phone = factory.Sequence(lambda n: f"138{n:08d}")
    name_pinyin = factory.LazyAttribute(lambda o: names.pinyin(o.name))
    name_initials = factory.LazyAttribute(lambda o: names.initials(o.name))
    stroke_key = factory.LazyAttribute(lambda o: names.stroke_key(o.name))


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    person = factory.SubFactory(PersonFactory)
    term = factory.SubFactory(TermFactory)
    congress = factory.LazyAttribute(lambda o: o.term.congress)
    start = datetime.date(2022, 1, 1)
    electoral_unit = "第一选区"
    post = "村党支部书记"
    work_unit = "直升镇黄泥村"


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeputyGroup

    name = factory.Sequence(lambda n: f"第{n}代表小组")
    kind = GroupKind.DEPUTY_GROUP
    congress = factory.LazyAttribute(lambda o: TermFactory().congress)
    region = factory.LazyAttribute(lambda o: o.congress.region)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(GroupFactory)
    mandate = factory.SubFactory(MandateFactory)
