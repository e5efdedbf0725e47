"""The public portal: no login, phone-first. Everything here reads `public_objects` or active
stations, never the default managers, and never shows a constituent's or deputy's private data."""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.generic import DetailView, ListView, TemplateView

from renda.activities import selectors as activity_selectors
from renda.activities.selectors import public_activities_of
from renda.assessment import selectors as assessment_selectors
from renda.assessment.selectors import (
    activity_years,
    deputy_record,
    public_evaluations,
    public_results,
)
from renda.commendations import selectors as commendation_selectors
from renda.commendations.filtersets import PublicCommendationFilterSet
from renda.commendations.selectors import deputy_commendations, public_commendations
from renda.commitments import selectors as commitment_selectors
from renda.commitments.selectors import deputy_commitments, wall_entries
from renda.core import qr
from renda.core.public_cache import fragment, public
from renda.core.qr import public_url
from renda.people import selectors as people_selectors
from renda.people.filtersets import DeputyFilterSet
from renda.people.models import Person
from renda.people.selectors import current_seats, level_labels, public_deputy_cards
from renda.portal import plate, wall
from renda.stations import ics
from renda.stations import selectors as station_selectors
from renda.stations.filtersets import StationFilterSet
from renda.stations.models import Station
from renda.stations.selectors import deputy_plate, deputy_profile, station_people
from renda.suggestions import selectors as suggestion_selectors

# What the public pages show, for their cache keys (core/public_cache.py): a change to any row
# of these models shows on the next request. demo/tests/test_public_cache.py checks each page's
# list against the tables it reads.
DEPUTIES = people_selectors.PUBLIC_MODELS
STATIONS = station_selectors.PUBLIC_MODELS
COMMITMENTS = commitment_selectors.PUBLIC_MODELS
RECORD = (
    *activity_selectors.PUBLIC_MODELS,
    *assessment_selectors.PUBLIC_MODELS,
    *commendation_selectors.PUBLIC_MODELS,
)
# A deputy's disclosed motions and suggestions, the part of their page that lists them.
SUGGESTIONS = suggestion_selectors.DEPUTY_MODELS


@public(*DEPUTIES, *STATIONS)
class DeputySearchView(ListView):
    """Home page and /deputies/: search by name or pinyin initials, level, town, group."""

    template_name = "portal/deputies.html"
    paginate_by = 20
    home = False

    def get_queryset(self):
        self.filterset = DeputyFilterSet(self.request.GET or None, queryset=public_deputy_cards())
        return self.filterset.qs if self.filterset.is_bound else self.filterset.queryset

    def get_template_names(self):
        if self.request.htmx and not self.request.htmx.boosted:
            return ["portal/_deputy_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        ctx.update(filter=self.filterset, home=self.home, querystring=params.urlencode())
        return ctx


@public(*DEPUTIES, *STATIONS, *COMMITMENTS, *RECORD, *SUGGESTIONS)
class DeputyDetailView(DetailView):
    template_name = "portal/deputy.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.public_objects.all()

    def get_context_data(self, **kwargs):
        """The page in four parts, each kept (core.public_cache.fragment) until what it shows
        changes: a verified activity makes the record again, not the profile or commitments;
        a step on a suggestion only the list of motions and suggestions. Each part is rendered
        without the request: the same for every visitor."""
        ctx = super().get_context_data(**kwargs)
        person = self.object
        made = {}  # what this answer has read already, for the next part

        def profile():
            made.update(deputy_profile(person))
            return render_to_string("portal/_deputy_profile.html", {"person": person, **made})

        def record():
            mandates = made["mandates"] if made else current_seats(person)
            return render_to_string(
                "portal/_record.html",
                {
                    "person": person,
                    **deputy_record(person, mandates),
                    "public_commendations": deputy_commendations(person),
                },
            )

        ctx["profile"] = fragment(f"deputy-profile:{person.pk}", (*DEPUTIES, *STATIONS), profile)
        ctx["commitments"] = fragment(
            f"deputy-commitments:{person.pk}",
            COMMITMENTS,
            lambda: render_to_string("commitments/_public.html", deputy_commitments(person)),
        )
        ctx["record"] = fragment(f"deputy-record:{person.pk}", (*DEPUTIES, *RECORD), record)
        ctx["suggestions"] = fragment(
            f"deputy-suggestions:{person.pk}",
            SUGGESTIONS,
            lambda: render_to_string(
                "suggestions/_deputy_public.html",
                suggestion_selectors.deputy_suggestions(person),
            ),
        )
        return ctx


def _public_person(pk: int) -> Person:
    return get_object_or_404(Person.public_objects.all(), pk=pk)


def _public_station(pk: int) -> Station:
    return get_object_or_404(Station.objects.active(), pk=pk)


@public(*DEPUTIES)
def deputy_qr_svg(request, pk: int):
    person = _public_person(pk)
    url = public_url(request, reverse("portal:deputy", args=[person.pk]))
    return HttpResponse(qr.qr_svg(url), content_type="image/svg+xml")


@public(*DEPUTIES)
def deputy_qr_png(request, pk: int):
    person = _public_person(pk)
    url = public_url(request, reverse("portal:deputy", args=[person.pk]))
    return HttpResponse(qr.qr_png(url), content_type="image/png")


@public(*DEPUTIES, *STATIONS)
def deputy_plate_pdf(request, pk: int):
    """The door sign plate (标识牌): name, levels, work unit and the 代表码."""
    person = _public_person(pk)
    facts = deputy_plate(person)
    mandates = facts["mandates"]
    if not mandates:
        raise Http404
    lowest = mandates[-1]  # the seat closest to the electors carries the post they know
    pdf = plate.deputy_plate_pdf(
        name=person.name,
        levels=level_labels(mandates),
        post=lowest.post,
        work_unit=lowest.work_unit,
        station=facts["station"],
        phone=facts["phone"],
        url=public_url(request, reverse("portal:deputy", args=[person.pk])),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = _("deputy-plate") + f"-{person.pk}.pdf"
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


@public(*STATIONS)
class StationListView(ListView):
    template_name = "portal/stations.html"
    paginate_by = 30

    def get_queryset(self):
        base = (
            Station.objects.active()
            .select_related("region")
            .order_by("region__code", "kind", "name")
        )
        self.filterset = StationFilterSet(self.request.GET or None, queryset=base)
        return self.filterset.qs if self.filterset.is_bound else base

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        ctx.update(filter=self.filterset, querystring=params.urlencode())
        return ctx


@public(*STATIONS, *DEPUTIES)
class StationDetailView(DetailView):
    template_name = "portal/station.html"
    context_object_name = "station"

    def get_queryset(self):
        return Station.objects.active().select_related("region")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["deputies"] = station_people(self.object)
        ctx["next_dates"] = self.object.next_reception_dates(count=3)
        return ctx


@public(*STATIONS)
def station_ics(request, pk: int):
    station = _public_station(pk)
    body = ics.reception_calendar(
        station, public_url(request, reverse("portal:station", args=[pk]))
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="station-{pk}-reception.ics"'
    return response


@public(*STATIONS)
def station_qr_svg(request, pk: int):
    station = _public_station(pk)
    url = public_url(request, reverse("portal:station", args=[station.pk]))
    return HttpResponse(qr.qr_svg(url), content_type="image/svg+xml")


# --- The station wall (公示墙): the page and its posters ----------------------------------------

# Years a wall can show: the practice began in 2017; next year's wall may be prepared early.
FIRST_YEAR = 2017


def wall_year(value, today: datetime.date | None = None) -> int:
    """The year asked for in `?year=`, or this year when it is missing or not a year we keep."""
    this_year = (today or timezone.localdate()).year
    try:
        year = int(value)
    except (TypeError, ValueError):
        return this_year
    return year if FIRST_YEAR <= year <= this_year + 1 else this_year


def _active_station(pk: int) -> Station:
    return get_object_or_404(Station.objects.active().select_related("region"), pk=pk)


def _station_url(request, station: Station) -> str:
    return public_url(request, reverse("portal:station", args=[station.pk]))


@public(*STATIONS, *DEPUTIES, *COMMITMENTS)
class WallView(TemplateView):
    """The wall as a public page: cards of the deputies, the QR code, links to the posters."""

    template_name = "portal/wall.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        station = _active_station(self.kwargs["pk"])
        today = timezone.localdate()
        year = wall_year(self.request.GET.get("year"), today)
        ctx.update(
            station=station,
            year=year,
            entries=wall_entries(station, year),
            years=list(range(today.year + 1, FIRST_YEAR - 1, -1)),
            this_year=today.year,
        )
        return ctx


@public(*STATIONS, *DEPUTIES, *COMMITMENTS)
def wall_pdf(request, pk: int, size: str):
    station = _active_station(pk)
    if size not in wall.LAYOUTS:
        raise Http404
    year = wall_year(request.GET.get("year"))
    pdf = wall.wall_poster_pdf(
        station=station,
        year=year,
        entries=wall_entries(station, year),
        url=_station_url(request, station),
        size=size,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{station.name}履职承诺公示-{year}-{size.upper()}.pdf"
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


# --- The public record of duties: activities, commendations, published scores ---------------


def _year_param(request) -> int | None:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return None


@public(*DEPUTIES, *RECORD)
class DeputyActivitiesView(ListView):
    """A deputy's verified activities, a year at a time, newest first."""

    template_name = "portal/deputy_activities.html"
    paginate_by = 20

    def get_queryset(self):
        self.person = get_object_or_404(Person.public_objects.all(), pk=self.kwargs["pk"])
        self.years = activity_years(self.person)
        self.year = _year_param(self.request) or (
            self.years[0] if self.years else timezone.localdate().year
        )
        return (
            public_activities_of(self.person)
            .filter(day__year=self.year)
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


@public(*DEPUTIES, *RECORD)
class CommendationsView(ListView):
    """Published commendations of deputies and deputy groups, by year and kind."""

    template_name = "portal/commendations.html"
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


@public(*DEPUTIES, *RECORD)
class ScoresView(ListView):
    """The results of an evaluation whose scores staff published; any other answers 404."""

    template_name = "portal/scores.html"
    paginate_by = 100

    def get_queryset(self):
        self.evaluation = get_object_or_404(
            public_evaluations().select_related("congress"), pk=self.kwargs["pk"]
        )
        return public_results(self.evaluation)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "evaluation": self.evaluation}


# The public endpoints the API guide lists: (router basename, what it serves). Every one answers
# without signing in; the guide links each list and the documentation served by renda itself.
PUBLIC_ENDPOINTS = [
    (
        "deputy-list",
        gettext_noop("Deputies currently serving, with their congress, level and station."),
    ),
    ("station-list", gettext_noop("Stations, their addresses, reception days and deputies.")),
    ("region-list", gettext_noop("The administrative divisions, by statistical division code.")),
    (
        "public-commitment-list",
        gettext_noop("Deputies' commitments that passed review, with their progress."),
    ),
    ("public-activity-list", gettext_noop("Deputies' verified, public acts of duty.")),
    (
        "public-commendation-list",
        gettext_noop("Published commendations of deputies and deputy groups."),
    ),
]


class ApiGuideView(TemplateView):
    """The API explained in Chinese for whoever follows the footer's link: what it is for, how
    to authenticate, the public endpoints, and the documentation pages served locally."""

    template_name = "portal/api.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["endpoints"] = [(reverse(name), _(what)) for name, what in PUBLIC_ENDPOINTS]
        return ctx
