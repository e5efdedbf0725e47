from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from renda.core import views as generic
from renda.core.imports import XlsxExportView, XlsxImportView, XlsxTemplateView
from renda.core.querysets import CHANGE, VIEW
from renda.people.models import Mandate
from renda.stations import roster, services, spreadsheets
from renda.stations.filtersets import StationFilterSet
from renda.stations.forms import AssignmentEndForm, AssignmentForm, ReceptionForm, StationForm
from renda.stations.models import Station


class StationListView(generic.ObjectListView):
    model = Station
    filterset_class = StationFilterSet
    select_related = ("region",)
    columns = [
        ("name", _("Name")),
        ("get_kind_display", _("Kind")),
        ("region", _("Region")),
        ("reception_rule_text", _("Reception day")),
        ("active", _("Active")),
    ]
    create_url_name = "stations:station_create"
    extra_actions = [
        ("stations:station_import", _("Import stations")),
        ("stations:station_export", _("Export stations")),
    ]
    title = _("Stations")


class StationDetailView(generic.ObjectDetailView):
    model = Station
    roles = ("staff", "liaison", "deputy")
    template_name = "stations/station_detail.html"
    fields = [
        "name",
        "kind",
        "region",
        "address",
        "phone",
        "latitude",
        "longitude",
        "reception_start_time",
        "reception_end_time",
        "active",
    ]
    edit_url_name = "stations:station_edit"
    select_related = ("region",)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["assignments"] = self.object.assignments.select_related(
            "mandate__person", "mandate__congress__region"
        ).order_by("end", "role", "mandate__person__stroke_key")
        ctx["next_dates"] = self.object.next_reception_dates(count=3)
        ctx["keeps_reception"] = ctx["can_change"] or self.object.pk in self.scope.station_ids
        ctx["is_liaison"] = self.object.pk in self.scope.station_ids
        return ctx


class StationCreateView(generic.ServiceFormView):
    form_class = StationForm
    title = _("New station")

    def perform(self, form):
        return services.station_create(
            actor=self.request.user, region=form.cleaned_data["region"], **form.service_data()
        )


class StationEditView(generic.ScopedServiceFormView):
    model = Station
    form_class = StationForm
    title = _("Edit station")
    select_related = ("region",)

    def perform(self, form):
        return services.station_update(
            actor=self.request.user, station=self.object, **form.service_data()
        )


class ReceptionEditView(generic.ScopedServiceFormView):
    """The station's reception schedule, kept by its staff or its liaison."""

    model = Station
    roles = ("staff", "liaison")
    action = VIEW  # the service decides who keeps it: staff in scope, or the station's liaison
    form_class = ReceptionForm
    title = _("Reception schedule")
    success_message = _("Reception schedule saved.")
    select_related = ("region",)

    def setup_object(self):
        super().setup_object()
        if not services.keeps_reception(self.request.user, self.object):
            raise Http404

    def perform(self, form):
        return services.station_reception_set(
            actor=self.request.user, station=self.object, **form.service_data()
        )


class AssignmentCreateView(generic.ScopedServiceFormView):
    model = Station
    form_class = AssignmentForm
    title = _("Assign a deputy to the station")

    def perform(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        services.assignment_create(actor=self.request.user, station=self.object, **data)
        return self.object


class AssignmentEndView(generic.ScopedServiceFormView):
    model = Station
    form_class = AssignmentEndForm
    title = _("End the assignment")

    def setup_object(self):
        super().setup_object()
        self.assignment = get_object_or_404(
            self.object.assignments.select_related("mandate__person"),
            pk=self.kwargs["assignment_pk"],
        )

    def perform(self, form):
        services.assignment_end(
            actor=self.request.user, assignment=self.assignment, **form.cleaned_data
        )
        return self.object

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = f"{self.title}：{self.assignment.mandate.person.name}"
        return ctx


# --- Spreadsheets ---------------------------------------------------------------------------


class StationImportView(XlsxImportView):
    title = _("Import stations")
    importer = spreadsheets.StationsImporter
    template_url_name = "stations:station_template"
    done_url_name = "stations:station_list"


class StationTemplateView(XlsxTemplateView):
    table = spreadsheets.STATIONS
    filename = "stations-template.xlsx"


class StationExportView(XlsxExportView):
    filename = "stations.xlsx"

    def workbook(self) -> bytes:
        return spreadsheets.stations_export(Station.objects.restrict(self.request.user))


# --- The deputy roster (served under /manage/people/roster/, namespace "people") ---------


class RosterImportView(XlsxImportView):
    title = _("Import the deputy roster")
    importer = roster.RosterImporter
    template_url_name = "people:roster_template"
    done_url_name = "people:person_list"


class RosterTemplateView(XlsxTemplateView):
    table = roster.ROSTER
    filename = "roster-template.xlsx"


class RosterExportView(XlsxExportView):
    filename = "roster.xlsx"

    def workbook(self) -> bytes:
        # The seats the user keeps, so that the file imports back unchanged.
        mandates = Mandate.objects.restrict(self.request.user, CHANGE).current()
        return roster.roster_export(mandates)
