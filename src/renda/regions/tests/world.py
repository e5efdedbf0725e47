"""Regions' part of the shared world: 荣昌区 with 直升镇, 铜梁区, and a handling unit of each."""

from renda.regions.tests.factories import HandlingUnitFactory, rongchang, tongliang, town


def build(w) -> None:
    w.rc, w.tl = rongchang(), tongliang()
    w.cq = w.rc.parent
    w.zs = town()  # 直升镇, the town staff's area, where 黎源 was elected
    w.unit = HandlingUnitFactory(region=w.rc, name="荣昌区交通局")
    w.tl_unit = HandlingUnitFactory(region=w.tl, name="铜梁区交通局")
