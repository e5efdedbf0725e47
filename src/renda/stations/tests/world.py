"""Stations' part of the shared world: 直升镇's deputy home, 黎源 its head."""

from renda.stations.choices import AssignmentRole, StationKind
from renda.stations.tests.factories import AssignmentFactory, StationFactory


def build(w) -> None:
    w.station = StationFactory(region=w.zs, name="直升镇人大代表之家", kind=StationKind.DEPUTY_HOME)
    w.assignment = AssignmentFactory(station=w.station, mandate=w.li_seat, role=AssignmentRole.HEAD)
