"""What the public portal shows of activities and evaluations.

TheyWorkForYou's lesson: counts do not measure quality. The public sees each deputy's verified
activities and where they stand against the minimums, in words — never a score, a rank or a
league table, unless staff published that evaluation's scores (then its grade, and the table on
its own page). Commendations show once published; nominations, refusals and withdrawn ones
never do. Every read here starts from a public queryset, never the default manager.
"""

from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import ListView

from renda.activities import requirements
from renda.activities.choices import Compliance
from renda.activities.models import Activity
from renda.assessment.choices import EvaluationStatus
from renda.assessment.forms_recognition import PublicCommendationFilterSet
from renda.assessment.models import Commendation, Evaluation, EvaluationResult
from renda.people.models import Mandate, Person
from renda.people.querysets import current_mandate_q

LATEST_COUNT = 5


def public_activities():
    """Verified activities of the people the portal shows (those holding a seat today)."""
    return Activity.objects.public().filter(person__in=Person.public_objects.all())


def public_commendations():
    """Published commendations, with what their lists show, and whether the deputy still holds
    a seat (only then is their name a link to their page)."""
    return (
        Commendation.objects.public()
        .select_related("congress", "mandate__person", "group")
        .annotate(
            deputy_current=Exists(
                Mandate.objects.filter(
                    current_mandate_q(), person_id=OuterRef("mandate__person_id")
                )
            )
        )
        .order_by("-year", "kind", "congress__level", "mandate__person__stroke_key", "group__name")
    )


def public_evaluations():
    """Final evaluations whose scores staff decided to publish."""
    return Evaluation.objects.filter(status=EvaluationStatus.FINAL, scores_public=True)


def public_results(evaluation: Evaluation):
    """The published table of an evaluation: rank, name, grade, score."""
    return (
        EvaluationResult.objects.filter(evaluation=evaluation)
        .select_related("person")
        .order_by("rank", "person__stroke_key", "pk")
    )


def activity_years(person: Person) -> list[int]:
    """The years in which the deputy has verified activities, newest first."""
    return sorted(
        {d.year for d in public_activities().filter(person=person).dates("day", "year")},
        reverse=True,
    )


def deputy_record(person: Person, mandates, year: int | None = None) -> dict:
    """The part of a deputy's public page about their work this year: verified activities by
    type with counts, the latest few (date, type, place), each seat's standing against the
    minimums in words, published commendations, and a grade only where scores are published.
    A fixed number of queries whatever the counts."""
    year = year or timezone.localdate().year
    mine = public_activities().filter(person=person, day__year=year)
    by_type = list(
        mine.values("activity_type__name", "activity_type__category", "activity_type__order")
        .annotate(count=Count("pk"))
        .order_by("activity_type__order", "activity_type__name")
    )
    latest = list(mine.select_related("activity_type").order_by("-day", "-pk")[:LATEST_COUNT])
    seats = [
        {
            "mandate": p.mandate,
            "compliance": p.compliance,
            "compliance_label": Compliance(p.compliance).label,
            "words": [s.words for s in p.standings],
            "excused": bool(p.excuses),
        }
        for p in requirements.progress(mandates, year)
        if p.standings
    ]
    commendations = list(
        Commendation.objects.public()
        .filter(mandate__person=person)
        .select_related("congress")
        .order_by("-year", "kind", "pk")
    )
    grades = list(
        EvaluationResult.objects.filter(Q(evaluation__in=public_evaluations()), person=person)
        .select_related("evaluation__congress")
        .order_by("-evaluation__year", "evaluation__congress__level")
    )
    return {
        "record_year": year,
        "activity_counts": [
            {"name": row["activity_type__name"], "count": row["count"]} for row in by_type
        ],
        "activity_total": sum(row["count"] for row in by_type),
        "latest_activities": latest,
        "seat_progress": seats,
        "public_commendations": commendations,
        "public_grades": grades,
    }


# --- Pages ------------------------------------------------------------------------------------


def _year_param(request) -> int | None:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return None


class DeputyActivitiesView(ListView):
    """A deputy's verified activities, a year at a time, newest first."""

    template_name = "assessment/public/deputy_activities.html"
    paginate_by = 20

    def get_queryset(self):
        self.person = get_object_or_404(Person.public_objects.all(), pk=self.kwargs["pk"])
        self.years = activity_years(self.person)
        self.year = _year_param(self.request) or (
            self.years[0] if self.years else timezone.localdate().year
        )
        return (
            public_activities()
            .filter(person=self.person, day__year=self.year)
            .select_related("activity_type")
            .order_by("-day", "-pk")
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            person=self.person,
            year=self.year,
            years=self.years,
            querystring=f"year={self.year}",
        )
        return ctx


class CommendationsView(ListView):
    """Published commendations of deputies and deputy groups, by year and kind."""

    template_name = "assessment/public/commendations.html"
    paginate_by = 50

    def get_queryset(self):
        self.filterset = PublicCommendationFilterSet(
            self.request.GET or None, queryset=public_commendations()
        )
        return self.filterset.qs if self.filterset.is_bound else self.filterset.queryset

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        ctx.update(
            filter=self.filterset,
            querystring=params.urlencode(),
            evaluations=list(
                public_evaluations().select_related("congress").order_by("-year", "congress")
            ),
        )
        return ctx


class ScoresView(ListView):
    """The results of an evaluation whose scores staff published; any other answers 404."""

    template_name = "assessment/public/scores.html"
    paginate_by = 100

    def get_queryset(self):
        self.evaluation = get_object_or_404(
            public_evaluations().select_related("congress"), pk=self.kwargs["pk"]
        )
        return public_results(self.evaluation)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "evaluation": self.evaluation}
