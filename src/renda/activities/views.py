"""Pages of the activity register (namespace "activities").

A deputy (or staff acting for one): "My duties" with this year's and this term's progress in
words, registering an activity with evidence, correcting, withdrawing and resubmitting it.
Staff: the verification queue, all activities, group registration, the catalogue of activity
types, the minimums per term, excused absences, the deputies below the minimums (and their
export), one seat's progress. Each workflow step is its own POST view calling one service; a
refusal is shown and writes nothing.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, TemplateView

from renda.activities import selectors, services, shortfalls
from renda.activities.choices import ActivityStatus
from renda.activities.filtersets import (
    ActivityFilterSet,
    ActivityTypeFilterSet,
    BatchFilterSet,
    ExcuseFilterSet,
    QueueFilterSet,
)
from renda.activities.forms import (
    ActivityEditForm,
    ActivityForm,
    ActivityTypeForm,
    BatchForm,
    CongressChoiceForm,
    EvidenceForm,
    ExcuseForm,
    RequirementForm,
    ShortfallForm,
)
from renda.activities.models import Activity, ActivityBatch, ActivityType, Excuse, Requirement
from renda.congresses.models import Congress, Term
from renda.core import views as generic
from renda.core.exceptions import DomainError
from renda.core.querysets import CHANGE, VIEW
from renda.people.models import DeputyGroup, Mandate, Person
from renda.regions.models import Region

LIST_RELATED = (
    "person",
    "activity_type",
    "congress__region",
    "mandate__electoral_region",
)


def _this_year() -> int:
    return timezone.localdate().year


def _is_staff_of(user, activity) -> bool:
    return Activity.objects.verifiable_by(user).filter(pk=activity.pk).exists()


# --- A deputy's own duties --------------------------------------------------------------------


class PersonMixin:
    """The deputy whose duties the page shows: the signed-in deputy, or one whose seat the
    staff keep (`person_pk`)."""

    def get_person(self):
        if "person_pk" in self.kwargs:
            return get_object_or_404(
                Person.objects.restrict(self.request.user, CHANGE), pk=self.kwargs["person_pk"]
            )
        if not self.scope.person_ids:
            return None
        return get_object_or_404(Person, pk=self.scope.person_ids[0])


class MineView(PersonMixin, generic.RoleRequiredMixin, TemplateView):
    """ "My duties": per current seat, this year's and this term's progress in words, excused
    absences, then the deputy's own activities."""

    roles = ("deputy", "staff")
    template_name = "activities/mine.html"

    def get(self, request, *args, **kwargs):
        self.person = self.get_person()
        if self.person is None:
            return redirect("activities:activity_list")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        person = self.person
        seats = list(selectors.current_seats(person.pk))
        activities = (
            Activity.objects.restrict(self.request.user, VIEW)
            .filter(person=person)
            .select_related(*LIST_RELATED)
            .order_by("-day", "-pk")
        )
        page = Paginator(activities, 50).get_page(self.request.GET.get("page"))
        acting_for = person.pk not in self.scope.person_ids
        ctx.update(
            person=person,
            progress=selectors.seats_progress(seats, _this_year()),
            page_obj=page,
            paginator=page.paginator,
            is_paginated=page.has_other_pages(),
            activities=page.object_list,
            acting_for=acting_for,
            register_url=(
                reverse("activities:register_for", args=[person.pk])
                if acting_for
                else reverse("activities:register")
            ),
            title=_("My duties")
            if not acting_for
            else _("Duties of %(name)s") % {"name": person.name},
        )
        return ctx


class ActivityRegisterView(PersonMixin, generic.ServiceFormView):
    """Register an activity under one of the deputy's current seats, with evidence."""

    roles = ("deputy", "staff")
    form_class = ActivityForm
    template_name = "activities/activity_form.html"
    title = _("Register an activity")

    def setup_object(self):
        self.person = self.get_person()
        if self.person is None:
            raise Http404
        self.seats = list(selectors.current_seats(self.person.pk))
        if not self.seats:
            raise Http404

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "seats": self.seats,
            "types": selectors.registrable_types(self.seats),
        }

    def perform(self, form):
        data = form.cleaned_data
        activity = services.activity_register(
            actor=self.request.user,
            mandate=data["mandate"],
            person=self.person,
            activity_type=data["activity_type"],
            day=data["day"],
            content=data["content"],
            place=data["place"],
            person_times=data["person_times"],
            files=data["files"],
        )
        if activity.status == ActivityStatus.VERIFIED:
            self.success_message = _("Registered and verified.")
        else:
            self.success_message = _("Registered. Staff will verify it.")
        return activity

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["person"] = self.person
        ctx["back_url"] = (
            reverse("activities:person_activities", args=[self.person.pk])
            if "person_pk" in self.kwargs
            else reverse("activities:mine")
        )
        return ctx


# --- One activity -----------------------------------------------------------------------------


class ActivityDetailView(generic.ObjectDetailView):
    """The activity, its evidence, status and reason, the actions open to the viewer, and its
    timeline."""

    model = Activity
    roles = ("staff", "deputy", "liaison")
    template_name = "activities/activity_detail.html"
    select_related = (*LIST_RELATED, "mandate__term", "batch", "decided_by", "registered_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        a = self.object
        is_keeper = self.scope.has("staff") and _is_staff_of(self.request.user, a)
        is_owner = a.person_id in self.scope.person_ids
        ctx.update(
            selectors.viewer_actions(
                a, user=self.request.user, is_owner=is_owner, is_keeper=is_keeper
            )
        )
        ctx.update(
            title=f"{a.activity_type.name} · {a.day:%Y-%m-%d}",
            is_owner=is_owner,
            is_keeper=is_keeper,
            evidence=list(a.evidence.order_by("pk")),
            evidence_form=EvidenceForm(user=self.request.user),
        )
        return ctx


class ActivityEditView(generic.ScopedServiceFormView):
    """Correct a record: the deputy while it waits or was rejected, staff until the year is
    final. The audit keeps the earlier version."""

    model = Activity
    roles = ("deputy", "staff")
    form_class = ActivityEditForm
    template_name = "activities/activity_form.html"
    title = _("Correct the activity")
    select_related = ("mandate__term", "mandate__congress__region", "activity_type", "person")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "activity": self.object}

    def get_initial(self):
        a = self.object
        return {
            "activity_type": a.activity_type_id,
            "day": a.day,
            "place": a.place,
            "content": a.content,
            "person_times": a.person_times,
        }

    def perform(self, form):
        return services.activity_update(
            actor=self.request.user, activity=self.object, **form.cleaned_data
        )

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "person": self.object.person,
            "back_url": self.object.get_absolute_url(),
        }


class EvidenceAddView(generic.ScopedServiceFormView):
    model = Activity
    roles = ("deputy", "staff")
    form_class = EvidenceForm
    template_name = "activities/form.html"
    title = _("Add photos and documents")
    success_message = _("Evidence added.")
    select_related = ("mandate", "activity_type", "person")

    def perform(self, form):
        return services.activity_add_evidence(
            actor=self.request.user, activity=self.object, files=form.cleaned_data["files"]
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "back_url": self.object.get_absolute_url()}


# --- Staff lists ------------------------------------------------------------------------------


class ActivityListView(generic.ObjectListView):
    """Every activity in the staff's scope."""

    model = Activity
    filterset_class = ActivityFilterSet
    template_name = "activities/activity_list.html"
    select_related = LIST_RELATED
    title = _("Activities")

    def get_queryset(self):
        return super().get_queryset().order_by("-day", "-pk")


class QueueView(generic.ObjectListView):
    """Activities awaiting verification that the staff decide on, the longest waiting first."""

    model = Activity
    filterset_class = QueueFilterSet
    template_name = "activities/activity_list.html"
    title = _("Verification queue")

    def get_queryset(self):
        return (
            Activity.objects.verifiable_by(self.request.user)
            .filter(status=ActivityStatus.SUBMITTED)
            .select_related(*LIST_RELATED)
            .order_by("created_at", "pk")
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "queue": True}


# --- Group registration -----------------------------------------------------------------------


def _batch_congresses(user):
    """The congresses `user` registers group activities in: those they keep as staff, and for
    a station liaison those their stations' deputies sit in."""
    kept = Congress.objects.restrict(user, CHANGE)
    seats = services.station_seats(user)
    if seats:
        kept = kept | Congress.objects.filter(
            pk__in=Mandate.objects.filter(pk__in=seats).values("congress")
        )
    return kept.distinct().select_related("region").order_by("level", "region__code", "pk")


class BatchListView(generic.ObjectListView):
    roles = ("staff", "liaison")
    model = ActivityBatch
    filterset_class = BatchFilterSet
    template_name = "activities/batch_list.html"
    select_related = ("congress__region", "activity_type")
    title = _("Group registrations")

    def get_queryset(self):
        return super().get_queryset().annotate(deputies=Count("activities")).order_by("-day", "-pk")


class BatchCreateView(generic.ServiceFormView):
    """Pick a congress, then the activity and its deputies (one by one or whole groups)."""

    roles = ("staff", "liaison")
    form_class = BatchForm
    template_name = "activities/batch_form.html"
    title = _("Register one activity for many deputies")
    success_message = _("Registered and verified for every deputy chosen.")

    def setup_object(self):
        congresses = _batch_congresses(self.request.user)
        self.congresses = congresses
        pk = self.request.POST.get("congress") or self.request.GET.get("congress")
        if pk:
            try:
                self.congress = congresses.get(pk=pk)
            except (Congress.DoesNotExist, ValueError) as exc:
                raise Http404 from exc
        else:
            only = list(congresses[:2])
            self.congress = only[0] if len(only) == 1 else None

    def get(self, request, *args, **kwargs):
        self.setup_object()
        if self.congress is None:
            return render(
                request,
                "activities/form.html",
                {
                    "form": CongressChoiceForm(user=request.user, congresses=self.congresses),
                    "title": self.title,
                    "method": "get",
                    "submit_label": _("Next"),
                    "back_url": reverse("activities:batch_list"),
                },
            )
        return super(generic.ServiceFormView, self).get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_object()
        if self.congress is None:
            raise Http404
        return super(generic.ServiceFormView, self).post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "congress": self.congress}
        if (
            not Congress.objects.restrict(self.request.user, CHANGE)
            .filter(pk=self.congress.pk)
            .exists()
        ):
            # A station liaison: their stations' deputies of the congress, one by one.
            kwargs["station_seats"] = services.station_seats(self.request.user, self.congress)
        return kwargs

    def perform(self, form):
        data = form.cleaned_data
        return services.activity_register_for_many(
            actor=self.request.user,
            congress=self.congress,
            activity_type=data["activity_type"],
            day=data["day"],
            content=data["content"],
            place=data["place"],
            person_times=data["person_times"],
            mandates=data["mandates"],
            groups=data.get("groups") or (),
            files=data["files"],
        )

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "congress": self.congress,
            "back_url": reverse("activities:batch_list"),
        }


class BatchDetailView(generic.RoleRequiredMixin, generic.ScopedObjectMixin, DetailView):
    roles = ("staff", "liaison")
    model = ActivityBatch
    template_name = "activities/batch_detail.html"
    select_related = ("congress__region", "activity_type", "organiser")

    def get_context_data(self, **kwargs):
        from renda.core import audit

        ctx = super().get_context_data(**kwargs)
        batch = self.object
        ctx.update(
            title=str(batch),
            activities=batch.activities.select_related(
                "person", "mandate__electoral_region"
            ).order_by("person__stroke_key", "pk"),
            evidence=selectors.batch_evidence(batch),
            timeline=audit.timeline(batch)[:50],
        )
        return ctx


# --- Catalogue --------------------------------------------------------------------------------


class TypeListView(generic.ObjectListView):
    """A congress's catalogue of activity types, and the preset to start it from."""

    model = ActivityType
    filterset_class = ActivityTypeFilterSet
    template_name = "activities/type_list.html"
    select_related = ("congress__region",)
    create_url_name = "activities:type_create"
    title = _("Activity types")

    def get_queryset(self):
        return super().get_queryset().order_by("congress__level", "congress__pk", "order", "pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["preset_form"] = CongressChoiceForm(user=self.request.user)
        return ctx


def _types_url(congress_id) -> str:
    return f"{reverse('activities:type_list')}?congress={congress_id}"


class TypeCreateView(generic.ServiceFormView):
    form_class = ActivityTypeForm
    template_name = "activities/form.html"
    title = _("New activity type")

    def perform(self, form):
        data = dict(form.cleaned_data)
        data["order"] = data.get("order") or 0
        return services.activity_type_create(actor=self.request.user, **data)

    def get_success_url_for(self, result):
        return _types_url(result.congress_id)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "back_url": reverse("activities:type_list")}


class TypeEditView(generic.ScopedServiceFormView):
    model = ActivityType
    form_class = ActivityTypeForm
    template_name = "activities/form.html"
    title = _("Edit activity type")
    select_related = ("congress",)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "activity_type": self.object}

    def perform(self, form):
        data = dict(form.cleaned_data)
        data["order"] = data.get("order") or 0
        return services.activity_type_update(
            actor=self.request.user, activity_type=self.object, **data
        )

    def get_success_url_for(self, result):
        return _types_url(result.congress_id)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "back_url": _types_url(self.object.congress_id),
        }


class TypesApplyPresetView(generic.RoleRequiredMixin, View):
    """POST: add the preset catalogue's types a congress lacks."""

    def post(self, request, *args, **kwargs):
        form = CongressChoiceForm(request.POST, user=request.user)
        if not form.is_valid():
            raise Http404
        congress = form.cleaned_data["congress"]
        try:
            created = services.activity_types_apply_preset(actor=request.user, congress=congress)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(n)s preset types added.") % {"n": len(created)})
        return redirect(_types_url(congress.pk))


# --- Minimums ---------------------------------------------------------------------------------


class RequirementIndexView(generic.RoleRequiredMixin, TemplateView):
    """The terms in scope, with how many minimums each has."""

    template_name = "activities/requirement_index.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["terms"] = (
            Term.objects.restrict(self.request.user)
            .select_related("congress__region")
            .order_by("congress__level", "congress__region__code", "-ordinal")
        )
        counts = dict(
            Requirement.objects.restrict(self.request.user)
            .values_list("term_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for term in ctx["terms"]:
            term.requirement_count = counts.get(term.pk, 0)
        ctx["title"] = _("Requirements")
        return ctx


class TermMixin:
    def get_term(self):
        return get_object_or_404(
            Term.objects.restrict(self.request.user, CHANGE).select_related("congress__region"),
            pk=self.kwargs["term_pk"],
        )


class RequirementListView(TermMixin, generic.RoleRequiredMixin, TemplateView):
    """A term's minimums: set, change, delete, or apply "341 311"."""

    template_name = "activities/requirement_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        term = self.get_term()
        ctx.update(
            term=term,
            requirements=Requirement.objects.filter(term=term),
            form=RequirementForm(user=self.request.user),
            title=_("Requirements of %(term)s") % {"term": term},
        )
        return ctx


class RequirementSetView(TermMixin, generic.ServiceFormView):
    form_class = RequirementForm
    template_name = "activities/form.html"
    title = _("Set a minimum")
    success_message = _("The minimum is set.")

    def setup_object(self):
        self.term = self.get_term()

    def get_initial(self):
        return {
            k: self.request.GET[k]
            for k in ("category", "period", "minimum")
            if k in self.request.GET
        }

    def perform(self, form):
        return services.requirement_set(
            actor=self.request.user, term=self.term, **form.cleaned_data
        )

    def get_success_url_for(self, result):
        return reverse("activities:requirement_list", args=[self.term.pk])

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "back_url": reverse("activities:requirement_list", args=[self.term.pk]),
        }


class RequirementsApplyPresetView(TermMixin, generic.RoleRequiredMixin, View):
    def post(self, request, *args, **kwargs):
        term = self.get_term()
        try:
            services.requirements_apply_preset(actor=request.user, term=term)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The “341 311” minimums are set for this term."))
        return redirect("activities:requirement_list", term.pk)


class RequirementDeleteView(generic.RoleRequiredMixin, generic.ScopedObjectMixin, View):
    model = Requirement
    action = CHANGE

    def post(self, request, *args, **kwargs):
        requirement = self.get_object()
        try:
            services.requirement_delete(actor=request.user, requirement=requirement)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The minimum is deleted."))
        return redirect("activities:requirement_list", requirement.term_id)


# --- Excused absences -------------------------------------------------------------------------


class ExcuseListView(generic.ObjectListView):
    model = Excuse
    filterset_class = ExcuseFilterSet
    template_name = "activities/excuse_list.html"
    select_related = ("mandate__person", "mandate__congress__region")
    create_url_name = "activities:excuse_create"
    title = _("Excused absences")

    def get_queryset(self):
        return super().get_queryset().order_by("-start", "pk")


class ExcuseCreateView(generic.ServiceFormView):
    """Record an illness or approved leave, for a seat chosen here or the seat of the page it
    was opened from."""

    form_class = ExcuseForm
    template_name = "activities/form.html"
    title = _("Record an excused absence")
    success_message = _("The excused absence is recorded.")

    def setup_object(self):
        self.mandate = None
        if "mandate_pk" in self.kwargs:
            self.mandate = get_object_or_404(
                Mandate.objects.restrict(self.request.user, CHANGE).select_related(
                    "person", "congress__region"
                ),
                pk=self.kwargs["mandate_pk"],
            )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "mandate": self.mandate}

    def perform(self, form):
        data = dict(form.cleaned_data)
        mandate = self.mandate or data.pop("mandate")
        data.pop("mandate", None)
        return services.excuse_record(actor=self.request.user, mandate=mandate, **data)

    def get_success_url_for(self, result):
        return reverse("activities:seat_progress", args=[result.mandate_id])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["back_url"] = (
            reverse("activities:seat_progress", args=[self.mandate.pk])
            if self.mandate
            else reverse("activities:excuse_list")
        )
        if self.mandate:
            ctx["title"] = _("Record an excused absence for %(name)s") % {
                "name": self.mandate.person.name
            }
        return ctx


class ExcuseDeleteView(generic.RoleRequiredMixin, generic.ScopedObjectMixin, View):
    model = Excuse
    action = CHANGE
    select_related = ("mandate",)

    def post(self, request, *args, **kwargs):
        excuse = self.get_object()
        try:
            services.excuse_delete(actor=request.user, excuse=excuse)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The excused absence is deleted."))
        return redirect("activities:seat_progress", excuse.mandate_id)


# --- Below the minimums -----------------------------------------------------------------------


def shortfall_query(request):
    """The shortfall form read from the query string, and the report when it is valid."""
    data = request.GET.copy()
    data.setdefault("year", str(_this_year()))
    congresses = Congress.objects.restrict(request.user)
    if "congress" not in data and "level" not in data:
        only = list(congresses[:2])
        if len(only) == 1:
            data["congress"] = str(only[0].pk)
    form = ShortfallForm(data, user=request.user)
    if not form.is_valid():
        return form, None
    d = form.cleaned_data
    chosen = congresses.filter(pk=d["congress"].pk) if d["congress"] else congresses
    if d["level"] is not None:
        chosen = chosen.filter(level=d["level"])
    town = Region.objects.filter(code=d["town"]).first() if d["town"] else None
    return form, shortfalls.report(chosen, d["year"], town=town, group=d["group"])


class ShortfallsView(generic.RoleRequiredMixin, TemplateView):
    """The current deputies below any minimum in a year, with each shortfall in words; each of
    the two lists in pages of its own (the export holds them whole)."""

    template_name = "activities/shortfalls.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, report = shortfall_query(self.request)
        params = self.request.GET.copy()
        for name in ("below_page", "excused_page"):
            params.pop(name, None)
        ctx.update(
            form=form,
            report=report,
            querystring=params.urlencode(),
            title=_("Deputies below the minimums"),
        )
        if report is not None:
            for name, rows in (("below", report.below), ("excused", report.excused)):
                page = Paginator(rows, self.paginate_by).get_page(
                    self.request.GET.get(f"{name}_page")
                )
                others = self.request.GET.copy()
                others.pop(f"{name}_page", None)
                ctx[f"{name}_page"] = page
                ctx[f"{name}_query"] = others.urlencode()
        return ctx


class ShortfallsExportView(generic.RoleRequiredMixin, View):
    def get(self, request, *args, **kwargs):
        form, report = shortfall_query(request)
        if report is None:
            messages.error(request, _("Choose a congress or a level, and a year."))
            return redirect("activities:shortfalls")
        title = f"{report.year}年度未达到人大代表履职基本要求名单"
        response = HttpResponse(shortfalls.workbook(title, report), content_type=shortfalls.XLSX)
        response["Content-Disposition"] = content_disposition_header(True, f"{title}.xlsx")
        return response


class SeatProgressView(generic.RoleRequiredMixin, TemplateView):
    """One seat's standing in a year, its activities and excused absences (staff)."""

    template_name = "activities/seat_progress.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        mandate = get_object_or_404(
            Mandate.objects.restrict(self.request.user, VIEW).select_related(
                *selectors.SEAT_RELATED
            ),
            pk=self.kwargs["mandate_pk"],
        )
        try:
            year = int(self.request.GET.get("year") or _this_year())
        except ValueError:
            year = _this_year()
        can_change = (
            Mandate.objects.restrict(self.request.user, CHANGE).filter(pk=mandate.pk).exists()
        )
        ctx.update(
            mandate=mandate,
            year=year,
            years=range(max(mandate.term.start.year, year - 6), _this_year() + 1),
            progress=selectors.seat_progress(mandate, year),
            activities=Activity.objects.filter(mandate=mandate, day__year=year)
            .select_related("activity_type")
            .order_by("-day", "-pk"),
            excuses=Excuse.objects.filter(mandate=mandate).order_by("-start"),
            groups=DeputyGroup.objects.filter(memberships__mandate=mandate).order_by("name"),
            can_change=can_change,
            title=_("%(name)s: duties in %(year)s") % {"name": mandate.person.name, "year": year},
        )
        return ctx
