import datetime

import factory

from renda.people.tests.factories import MandateFactory
from renda.regions.tests.factories import town
from renda.stations.choices import AssignmentRole, StationKind
from renda.stations.models import Station, StationAssignment


class StationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Station

    name = factory.Sequence(lambda n: f"黄泥村代表联络站{n}")
    kind = StationKind.LIAISON_STATION
    region = factory.LazyFunction(town)
    address = "重庆市荣昌区直升镇黄泥村村委会"
    phone = "023-46701234"
    reception_rule = "FREQ=MONTHLY;BYMONTHDAY=15"
    reception_anchor = datetime.date(2024, 1, 1)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StationAssignment

    station = factory.SubFactory(StationFactory)
    mandate = factory.SubFactory(MandateFactory)
    role = AssignmentRole.MEMBER
    start = datetime.date(2022, 3, 1)
