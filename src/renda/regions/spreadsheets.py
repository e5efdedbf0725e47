"""Cells that name a region, for every spreadsheet that has one (the roster, stations, past
commitments)."""

import re
from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core.xlsx import CellError, normalise
from renda.regions.models import Region

REGION_UNKNOWN = _("No region of that name or code.")
REGION_AMBIGUOUS = _(
    "Several regions have this name (%(names)s); write it with its parent, such as "
    "荣昌区/昌元街道, or give its 12-digit division code."
)
REGION_OUTSIDE = _("This region lies outside %(region)s.")


# --- Cells that name a region -----------------------------------------------------------------


class RegionLookup:
    """Finds the region a cell names, and names a region so that it is found again.

    A cell may hold the 12-digit division code, the name (昌元街道) when it is unambiguous,
    the name with its parents (荣昌区/昌元街道) or the full name (荣昌区昌元街道). With
    `within`, names are looked for under that region first; `strict` refuses anything else."""

    def __init__(self):
        self._found: dict[tuple, Any] = {}
        self._labels: dict[int, str] = {}
        self._chains: dict[int, list[str]] = {}

    def _chain(self, region) -> list[str]:
        """The names from the province down to `region`."""
        if region.pk not in self._chains:
            ancestors = [r.name for r in Region.objects.ancestors_of(region)]
            self._chains[region.pk] = [*ancestors, region.name]
        return self._chains[region.pk]

    def _candidates(self, text: str) -> list:
        if re.fullmatch(r"\d{12}", text):
            return list(Region.objects.filter(code=text))
        parts = [p for p in re.split(r"[/>\\]+", text) if p]
        if not parts:
            return []
        name = parts[-1]
        found = [
            r
            for r in Region.objects.filter(name=name)
            if len(parts) == 1 or _ends_with(self._chain(r), parts)
        ]
        if found or len(parts) > 1:
            return found
        # The full name as an address writes it: 荣昌区昌元街道 or 重庆市荣昌区昌元街道.
        suffixes = [text[i:] for i in range(1, len(text))]
        return [
            r
            for r in Region.objects.filter(name__in=suffixes)
            if text in {"".join(self._chain(r)[i:]) for i in range(len(self._chain(r)))}
        ]

    def find(self, text: str, *, within=None, strict: bool = False):
        """The region `text` names; raise CellError if none, several or (strict) outside."""
        text = normalise(text)
        key = (text, within.pk if within else None, strict)
        if key in self._found:
            found = self._found[key]
            if isinstance(found, CellError):
                raise found
            return found
        try:
            result = self._find(text, within, strict)
        except CellError as exc:
            self._found[key] = exc
            raise
        self._found[key] = result
        return result

    def _find(self, text: str, within, strict: bool):
        candidates = self._candidates(text)
        if within is not None:
            inside = [r for r in candidates if r.code.startswith(within.prefix)]
            if strict and candidates and not inside:
                raise CellError(REGION_OUTSIDE % {"region": within.name})
            candidates = inside or candidates
        if not candidates:
            raise CellError(REGION_UNKNOWN)
        if len(candidates) > 1:
            names = "、".join("/".join(self._chain(r)) for r in candidates[:5])
            raise CellError(REGION_AMBIGUOUS % {"names": names})
        return candidates[0]

    def label(self, region) -> str:
        """The shortest text that finds `region` again: its name, parent/name, or its code."""
        if region is None:
            return ""
        if region.pk not in self._labels:
            chain = self._chain(region)
            label = region.code
            for n in range(1, len(chain) + 1):
                text = "/".join(chain[-n:])
                try:
                    if self.find(text) == region:
                        label = text
                        break
                except CellError:
                    continue
            self._labels[region.pk] = label
        return self._labels[region.pk]


def _ends_with(chain: list[str], parts: list[str]) -> bool:
    """Whether `parts` (parent/…/name) name the end of `chain`, skipping levels in between."""
    if chain[-1] != parts[-1]:
        return False
    ancestors = iter(chain[:-1])
    return all(any(a == p for a in ancestors) for p in parts[:-1])
