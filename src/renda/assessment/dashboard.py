"""The staff dashboard of an evaluation: how the grades fall, and how many deputies met the
minimums by town/street, by deputy group and by level. A handful of grouped counts, whatever
the number of deputies."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from renda.activities.choices import Compliance
from renda.congresses.choices import CongressLevel
from renda.core.querysets import VIEW
from renda.regions.choices import PREFIX_LENGTH, RegionLevel

NO_TOWN = _("No town recorded")
NO_GROUP = _("In no deputy group")


@dataclass
class Rate:
    """How many deputies of one town, group or level met the minimums."""

    label: str
    met: int = 0
    excused: int = 0
    not_met: int = 0

    @property
    def total(self) -> int:
        return self.met + self.excused + self.not_met

    @property
    def rate(self) -> Decimal | None:
        """Share that met every minimum, in per cent; an excused shortfall is not a pass."""
        if not self.total:
            return None
        return (Decimal(self.met * 100) / self.total).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    def add(self, compliance: str, n: int) -> None:
        if compliance == Compliance.MET:
            self.met += n
        elif compliance == Compliance.EXCUSED:
            self.excused += n
        else:
            self.not_met += n


def grade_distribution(evaluation) -> list[tuple[str, int]]:
    """(grade, deputies) from the highest grade down, every grade of the table listed."""
    counts = dict(evaluation.results.values_list("grade").annotate(n=Count("pk")).order_by())
    labels = list(evaluation.table.bands.order_by("-min_score").values_list("label", flat=True))
    rows = [(label, counts.pop(label, 0)) for label in labels]
    # Grades of a table since replaced, should a result still carry one.
    rows += sorted(counts.items())
    return rows


def _town_code(code: str | None) -> str | None:
    """The town or street a region code lies in; None for a county or above."""
    county, town = PREFIX_LENGTH[RegionLevel.COUNTY], PREFIX_LENGTH[RegionLevel.TOWN]
    if not code or not code[county:town].strip("0"):
        return None
    return code[:town].ljust(12, "0")


def compliance_by_town(evaluation) -> list[Rate]:
    """Where the deputies were elected, grouped up to the town or street."""
    from renda.regions.models import Region

    rows = (
        evaluation.results.values_list("mandate__electoral_region__code", "compliance")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_code: dict[str | None, Rate] = {}
    for code, compliance, n in rows:
        town = _town_code(code)
        by_code.setdefault(town, Rate(label=""))
        by_code[town].add(compliance, n)
    names = dict(
        Region.objects.filter(code__in=[c for c in by_code if c]).values_list("code", "name")
    )
    result = []
    for code in sorted(by_code, key=lambda c: (c is None, c or "")):
        rate = by_code[code]
        rate.label = names.get(code, str(NO_TOWN)) if code else str(NO_TOWN)
        result.append(rate)
    return result


def compliance_by_group(evaluation) -> list[Rate]:
    """By deputy group; a deputy in two groups counts in both."""
    rows = (
        evaluation.results.values_list("mandate__group_memberships__group__name", "compliance")
        .annotate(n=Count("pk"))
        .order_by()
    )
    groups: dict[str | None, Rate] = {}
    for name, compliance, n in rows:
        groups.setdefault(name, Rate(label=name or str(NO_GROUP))).add(compliance, n)
    return [groups[k] for k in sorted(groups, key=lambda k: (k is None, k or ""))]


def compliance_by_level(user, year: int) -> list[Rate]:
    """Every evaluation of `year` the user may see, by the level of its congress."""
    from renda.assessment.models import EvaluationResult

    rows = (
        EvaluationResult.objects.restrict(user, VIEW)
        .filter(evaluation__year=year)
        .values_list("evaluation__congress__level", "compliance")
        .annotate(n=Count("pk"))
        .order_by()
    )
    levels: dict[int, Rate] = defaultdict(lambda: Rate(label=""))
    for level, compliance, n in rows:
        levels[level].add(compliance, n)
    result = []
    for level in sorted(levels):
        levels[level].label = str(CongressLevel(level).label)
        result.append(levels[level])
    return result


def chart_data(grades, towns, groups) -> dict:
    """What the page's ECharts script draws; the page's tables hold the same figures."""
    return {
        "grades": {"labels": [g for g, _n in grades], "counts": [n for _g, n in grades]},
        "towns": {
            "labels": [r.label for r in towns],
            "rates": [None if r.rate is None else float(r.rate) for r in towns],
        },
        "groups": {
            "labels": [r.label for r in groups],
            "rates": [None if r.rate is None else float(r.rate) for r in groups],
        },
        "names": {
            "deputies": str(_("Deputies")),
            "rate": str(_("Met the minimums (%)")),
            "so_far": str(_("so far")),
        },
    }
