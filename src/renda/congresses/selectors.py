"""Named reads for congresses, and the spreadsheet cells that name one."""

import re

from django.utils.translation import gettext_lazy as _

from renda.congresses.models import Congress
from renda.core import xlsx
from renda.regions.spreadsheets import RegionLookup

CONGRESS_UNKNOWN = _(
    "No congress is called “%(name)s”; write its full name, such as 重庆市荣昌区人民代表大会."
)
CONGRESS_AMBIGUOUS = _("“%(name)s” could mean several congresses; write the congress's full name.")


def find_congress(text: str, regions: RegionLookup) -> Congress:
    """A congress as a spreadsheet names it: its full name, "荣昌区人大", or its region's name
    ("荣昌区"). A name that fits none, or several, is a cell error saying so."""
    name = xlsx.normalise(text)
    names = {name, name.replace("人大", "人民代表大会")}
    found = list(Congress.objects.filter(name__in=names).select_related("region"))
    if len(found) == 1:
        return found[0]
    place = re.sub(r"(人民代表大会|人大)(代表)?$", "", name)
    try:
        region = regions.find(place) if place else None
    except xlsx.CellError as exc:
        raise xlsx.CellError(CONGRESS_UNKNOWN % {"name": text}) from exc
    found = list(region.congresses.select_related("region")) if region else []
    if not found:
        raise xlsx.CellError(CONGRESS_UNKNOWN % {"name": text})
    if len(found) > 1:
        raise xlsx.CellError(CONGRESS_AMBIGUOUS % {"name": text})
    return found[0]


def congress_column(**kwargs) -> xlsx.TextColumn:
    """The 所属人大 column of a spreadsheet whose rows `find_congress` reads."""
    return xlsx.TextColumn(
        key="congress",
        header="所属人大",
        required=True,
        width=24,
        fmt="人大的全称，或所在行政区划名称",
        **kwargs,
    )
