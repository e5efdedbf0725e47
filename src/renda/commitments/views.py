"""Pages of the commitment cycle (namespace "commitments").

A deputy's own commitments (or staff acting for one): list by year, create, edit while a draft or
returned, submit, withdraw, report progress with evidence. Staff: the review queue, a commitment
with its review hints and exactly the decisions the transition table allows, all commitments,
and the commitment years with their categories. Each workflow step is its own POST view calling
one service; a refusal is shown and writes nothing.

Also here, under namespaces of their own that the project's URLs compose: past commitments
(往年承诺) from spreadsheets ("commitment_history", staff) and the public statistics (数读,
"commitment_statistics").
"""

import hashlib
from decimal import Decimal

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView

from renda.commitments import reminders, selectors, services, similarity, spreadsheets, workflow
from renda.commitments.choices import CommitmentStatus
from renda.commitments.filtersets import (
    CommitmentFilterSet,
    CommitmentYearFilterSet,
    ReviewQueueFilterSet,
)
from renda.commitments.forms import (
    ALL_LEVELS,
    CategoryForm,
    CommitmentForm,
    CommitmentYearForm,
    ProgressForm,
    StatisticsFilterForm,
)
from renda.commitments.models import Commitment, CommitmentYear
from renda.congresses.choices import CongressLevel
from renda.core import views as generic
from renda.core.imports import XLSX, XlsxExportView, XlsxImportView, XlsxTemplateView
from renda.core.public_cache import public
from renda.core.querysets import CHANGE, VIEW
from renda.people.models import Mandate, Person
from renda.regions.choices import RegionLevel
from renda.regions.models import Region

LIST_RELATED = (
    "person",
    "category",
    "commitment_year",
    "mandate__congress__region",
)
# Counted against the yearly limit, as the service counts them.
LIVE = ~Q(status__in=(CommitmentStatus.WITHDRAWN, CommitmentStatus.CANCELLED))


def _progress_figures(commitment: Commitment, total) -> dict:
    """The progress total toward the target, and the share of it for the bar (at most 100)."""
    total = total or Decimal(0)
    percent = None
    if commitment.target_value:
        percent = min(100, int(total * 100 / commitment.target_value))
    return {"total": total, "percent": percent}


# --- A deputy's own commitments ---------------------------------------------------------------


class PersonCommitmentsView(generic.RoleRequiredMixin, TemplateView):
    """ "My commitments": a deputy's commitments by year, and the years open for new ones.
    Staff open the same page for a deputy whose seat they keep, to act for them."""

    roles = ("deputy", "staff")
    template_name = "commitments/person_commitments.html"

    def get(self, request, *args, **kwargs):
        if "person_pk" not in kwargs:
            if not self.scope.person_ids:
                return redirect("commitments:commitment_list")
            kwargs["person_pk"] = self.scope.person_ids[0]
        self.person = get_object_or_404(
            Person.objects.restrict(request.user, CHANGE), pk=kwargs["person_pk"]
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        person = self.person
        today = timezone.localdate()
        commitments = list(
            Commitment.objects.restrict(self.request.user, VIEW)
            .filter(person=person)
            .select_related(*LIST_RELATED, "return_reason")
            .annotate(progress_total=Sum("progress__value"))
            .order_by("-commitment_year__year", "created_at", "pk")
        )
        years: dict[int, list] = {}
        for c in commitments:
            c.figures = _progress_figures(c, c.progress_total)
            years.setdefault(c.commitment_year.year, []).append(c)
        used = {
            row["commitment_year__year"]: row["n"]
            for row in Commitment.objects.filter(LIVE, person=person)
            .values("commitment_year__year")
            .annotate(n=Count("pk"))
        }
        # One set of commitments a year per deputy, whatever their seats: the count and the
        # limit are said once per year; each congress that opened the year offers its button.
        seats = Mandate.objects.current().filter(person=person).values("congress")
        by_year: dict[int, dict] = {}
        for cycle in (
            CommitmentYear.objects.filter(congress__in=seats, year__gte=today.year)
            .select_related("congress")
            .order_by("year", "-congress__level", "pk")
        ):
            row = by_year.setdefault(
                cycle.year,
                {
                    "year": cycle.year,
                    # The lowest seat's year sets the count, as the service files there first.
                    "cycle": cycle,
                    "used": used.get(cycle.year, 0),
                    "congresses": [],
                },
            )
            row["congresses"].append(
                {
                    "cycle": cycle,
                    "open": cycle.opens <= today <= cycle.closes,
                    "full": row["used"] >= cycle.max_count,
                }
            )
        cycles = list(by_year.values())
        ctx.update(
            person=person,
            years=sorted(years.items(), reverse=True),
            cycles=cycles,
            acting_for=person.pk not in self.scope.person_ids,
            title=_("Commitments of %(name)s") % {"name": person.name},
        )
        return ctx


class CommitmentFormMixin:
    template_name = "commitments/commitment_form.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["cycle"] = self.cycle
        ctx["person"] = self.person
        ctx["back_url"] = (
            self.object.get_absolute_url()
            if self.object is not None
            else reverse("commitments:person_commitments", args=[self.person.pk])
        )
        return ctx


class CommitmentCreateView(CommitmentFormMixin, generic.ServiceFormView):
    """A new draft under the congress that opened `cycle`, in which the deputy holds a seat."""

    roles = ("deputy", "staff")
    form_class = CommitmentForm
    title = _("New commitment")
    success_message = _("Saved as a draft. Submit it for review when it is ready.")

    def setup_object(self):
        user = self.request.user
        self.person = get_object_or_404(
            Person.objects.restrict(user, CHANGE), pk=self.kwargs["person_pk"]
        )
        self.cycle = get_object_or_404(
            CommitmentYear.objects.restrict(user, VIEW).select_related("congress"),
            pk=self.kwargs["year_pk"],
        )
        # No form for a year of a congress the deputy holds no seat in (the service refuses it).
        if selectors.seat_in(self.person, self.cycle) is None:
            raise Http404

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["cycle"] = self.cycle
        return kwargs

    def perform(self, form):
        return services.commitment_create_in_year(
            actor=self.request.user,
            person=self.person,
            commitment_year=self.cycle,
            **form.cleaned_data,
        )


class CommitmentEditView(CommitmentFormMixin, generic.ScopedServiceFormView):
    roles = ("deputy", "staff")
    model = Commitment
    form_class = CommitmentForm
    title = _("Edit commitment")
    select_related = ("person", "commitment_year", "mandate")

    def setup_object(self):
        super().setup_object()
        self.cycle = self.object.commitment_year
        self.person = self.object.person

    def get(self, request, *args, **kwargs):
        self.setup_object()
        if self.object.status not in workflow.EDITABLE:
            messages.error(
                request,
                workflow.NOT_ALLOWED_NOW % {"status": self.object.get_status_display()},
            )
            return redirect(self.object)
        return super(generic.ServiceFormView, self).get(request, *args, **kwargs)

    def perform(self, form):
        return services.commitment_update(
            actor=self.request.user, commitment=self.object, **form.cleaned_data
        )


# --- One commitment ---------------------------------------------------------------------------


class CommitmentDetailView(generic.ObjectDetailView):
    """The commitment, its status and why, its progress, the actions open to the viewer, the
    review hints for staff, and its timeline."""

    model = Commitment
    roles = ("staff", "deputy", "liaison")
    template_name = "commitments/commitment_detail.html"
    select_related = (*LIST_RELATED, "return_reason", "decided_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        c = self.object
        user = self.request.user
        can_review = self.scope.has("staff") and workflow.COMMITMENT.holds(user, c, "reviewer")
        # Only the deputy writes, submits and reports on their commitment (the workflow's
        # "owner"); staff review it and see the deputy's page, but do not act as the deputy.
        is_owner = workflow.COMMITMENT.holds(user, c, "owner")
        progress = list(c.progress.prefetch_related("attachments").order_by("-day", "-pk"))
        total = sum((p.value for p in progress if p.value is not None), Decimal(0))
        ctx.update(
            title=c.title,
            is_owner=is_owner,
            can_review=can_review,
            editable=is_owner and c.status in workflow.EDITABLE,
            can_report=is_owner and c.status in workflow.OPEN_FOR_PROGRESS,
            progress=progress,
            figures=_progress_figures(c, total),
            hints=self._hints(c) if can_review and c.status == CommitmentStatus.SUBMITTED else [],
        )
        if ctx["can_report"]:
            ctx["progress_form"] = ProgressForm(commitment=c, user=user)
        return ctx

    def _hints(self, commitment):
        hints = similarity.hints_for(commitment)
        others = Commitment.objects.select_related("person", "commitment_year").in_bulk(
            [h.other_id for h in hints if h.other_id]
        )
        return [{"hint": h, "other": others.get(h.other_id)} for h in hints]


class BackToCommitmentMixin:
    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "back_url": self.object.get_absolute_url()}


class ProgressAddView(BackToCommitmentMixin, generic.ScopedServiceFormView):
    """A progress report with photos and documents, on an approved commitment."""

    model = Commitment
    roles = ("deputy", "staff")
    form_class = ProgressForm
    template_name = "commitments/decision_form.html"
    title = _("Report progress")
    success_message = _("Progress reported.")
    select_related = ("person", "commitment_year", "mandate", "category")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "commitment": self.object}

    def perform(self, form):
        data = form.cleaned_data
        services.progress_add(
            actor=self.request.user,
            commitment=self.object,
            text=data["text"],
            day=data["day"],
            value=data["value"],
            files=data["files"],
        )
        return self.object


# --- Staff lists ------------------------------------------------------------------------------


class CommitmentListView(generic.ObjectListView):
    """Every commitment in the staff's scope, filtered by year, status, category, town, level."""

    model = Commitment
    filterset_class = CommitmentFilterSet
    template_name = "commitments/commitment_list.html"
    select_related = LIST_RELATED
    title = _("Commitments")
    extra_actions = [
        ("commitments:review_queue", _("Review queue")),
        ("commitments:year_list", _("Commitment years")),
    ]

    def get_queryset(self):
        return super().get_queryset().order_by("-commitment_year__year", "person__stroke_key", "pk")


class ReviewQueueView(generic.ObjectListView):
    """Submitted commitments the staff may decide on, the longest waiting first."""

    model = Commitment
    filterset_class = ReviewQueueFilterSet
    template_name = "commitments/commitment_list.html"
    select_related = LIST_RELATED
    title = _("Review queue")

    def get_queryset(self):
        return (
            Commitment.objects.reviewable_by(self.request.user)
            .filter(status=CommitmentStatus.SUBMITTED)
            .select_related(*LIST_RELATED)
            .order_by("submitted_at", "pk")
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "queue": True}


# --- Commitment years and categories ----------------------------------------------------------


class YearListView(generic.ObjectListView):
    model = CommitmentYear
    filterset_class = CommitmentYearFilterSet
    template_name = "commitments/year_list.html"
    select_related = ("congress__region",)
    create_url_name = "commitments:year_create"
    extra_actions = [("commitments:category_create", _("New category"))]
    title = _("Commitment years")

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(
                commitment_count=Count(
                    "commitments",
                    filter=~Q(
                        commitments__status__in=(
                            CommitmentStatus.WITHDRAWN,
                            CommitmentStatus.CANCELLED,
                        )
                    ),
                ),
                waiting=Count(
                    "commitments", filter=Q(commitments__status=CommitmentStatus.SUBMITTED)
                ),
            )
            .prefetch_related("categories")
            .order_by("-year", "congress__level", "pk")
        )


class YearDetailView(generic.ObjectDetailView):
    model = CommitmentYear
    template_name = "commitments/year_detail.html"
    fields = ["congress", "year", "opens", "closes", "min_count", "max_count"]
    edit_url_name = "commitments:year_edit"
    select_related = ("congress__region",)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        cycle = self.object
        ctx["categories"] = cycle.categories.order_by("order", "name")
        by_status = dict(cycle.commitments.values_list("status").annotate(n=Count("pk")).order_by())
        ctx["by_status"] = [(s.label, s.value, by_status.get(s.value, 0)) for s in CommitmentStatus]
        ctx["title"] = str(cycle)
        return ctx


class YearCreateView(generic.ServiceFormView):
    form_class = CommitmentYearForm
    template_name = "commitments/form.html"
    title = _("Open a commitment year")

    def perform(self, form):
        data = form.cleaned_data
        return services.commitment_year_open(
            actor=self.request.user,
            congress=data["congress"],
            year=data["year"],
            opens=data["opens"],
            closes=data["closes"],
            min_count=data["min_count"],
            max_count=data["max_count"],
            categories=data["categories"],
        )

    def get_success_url_for(self, result):
        return result.get_absolute_url()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "back_url": reverse("commitments:year_list")}


class YearEditView(generic.ScopedServiceFormView):
    model = CommitmentYear
    form_class = CommitmentYearForm
    template_name = "commitments/form.html"
    title = _("Edit commitment year")
    select_related = ("congress__region",)

    def perform(self, form):
        data = form.cleaned_data
        return services.commitment_year_update(
            actor=self.request.user,
            cycle=self.object,
            categories=data["categories"],
            **{name: data[name] for name in services.YEAR_FIELDS},
        )

    def get_success_url_for(self, result):
        return result.get_absolute_url()

    def get_context_data(self, **kwargs):
        # The generic form's "cancel" goes back to the object; a year has no URL of its own.
        return {**super().get_context_data(**kwargs), "back_url": self.object.get_absolute_url()}


class CategoryCreateView(generic.ServiceFormView):
    form_class = CategoryForm
    template_name = "commitments/form.html"
    title = _("New commitment category")
    success_message = _("Category added. Choose it in the commitment years that offer it.")

    def perform(self, form):
        data = form.cleaned_data
        return services.category_create(
            actor=self.request.user,
            congress=data["congress"],
            name=data["name"],
            order=data["order"] or 0,
        )

    def get_success_url_for(self, result):
        return reverse("commitments:year_list")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "back_url": reverse("commitments:year_list")}


# --- Past commitments (往年承诺) from spreadsheets, namespace "commitment_history" ----------------

_FILE_NAMES = "past_commitment_files"


def _digest(file) -> str:
    if hasattr(file, "seek"):
        file.seek(0)
    digest = hashlib.sha256(file.read()).hexdigest()
    file.seek(0)
    return digest


class PastCommitmentsImportView(XlsxImportView):
    """Upload → check → confirm. The confirmed file is read back from var/, under a token; the
    name the office gave it is kept in the session by content, for the audit note."""

    title = _("Import past commitments")
    template_url_name = "commitment_history:template"
    done_url_name = "commitment_history:import"

    def run(self, *, file, dry_run):
        names = self.request.session.get(_FILE_NAMES, {})
        digest = _digest(file)
        if dry_run:
            names = {**dict(list(names.items())[-9:]), digest: file.name}
            self.request.session[_FILE_NAMES] = names
        return spreadsheets.past_commitments_import(
            actor=self.request.user, file=file, dry_run=dry_run, file_name=names.get(digest, "")
        )


class PastCommitmentsTemplateView(XlsxTemplateView):
    table = spreadsheets.PAST_COMMITMENTS
    filename = "past-commitments-template.xlsx"


class PastCommitmentsExportView(XlsxExportView):
    """The past commitments the staff keep, in the template's layout: they import back."""

    filename = "past-commitments.xlsx"

    def workbook(self) -> bytes:
        commitments = Commitment.objects.restrict(self.request.user, CHANGE).filter(
            commitment_year__year__lt=timezone.localdate().year
        )
        return spreadsheets.past_commitments_export(commitments)


# --- Statistics (数读), public, namespace "commitment_statistics" ------------------------------

# The definition of the figures (`selectors.yearly_figures`) in words, under the table; the export
# carries the same in Chinese (`spreadsheets.DEFINITION_ZH`). Keep them in step.
STATISTICS_DEFINITION = _(
    "Commitments: those of the year approved and not cancelled (approved, fulfilled, partly "
    "fulfilled, unfulfilled); drafts, submitted, returned, withdrawn and cancelled ones are not "
    "counted. Fulfilled: status fulfilled only; a partly fulfilled commitment is not fulfilled. "
    "Rate = fulfilled ÷ commitments × 100 %, rounded half up to one decimal. While the year is "
    "not over or some commitments are still open, it is the rate so far. Each deputy counts "
    "once, whatever the number of their seats."
)


def _statistics_filters(request) -> tuple[StatisticsFilterForm, Region | None, int | None]:
    regions = selectors.regions_with_data()
    form = StatisticsFilterForm(request.GET or None, regions=regions)
    region, level = None, None
    if form.is_bound and form.is_valid():
        region = form.regions.get(form.cleaned_data["region"])
        level = form.cleaned_data["level"]
    if region is None and (region := selectors.stored_default_region(regions)):
        # Show the region the figures are of, not the first in the list.
        initial = {"region": region.code, "level": level or ALL_LEVELS}
        form = StatisticsFilterForm(initial=initial, regions=regions)
    return form, region, level


def _level_label(level: int | None) -> str:
    return str(CongressLevel(level).label) if level else str(_("All levels"))


@public(*selectors.STATISTICS_MODELS)
class StatisticsView(TemplateView):
    """数读: the table by year and a bar and line chart, for a region and a level."""

    template_name = "commitments/statistics.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, region, level = _statistics_filters(self.request)
        rows = selectors.stored_yearly_figures(region, level) if region else []
        ctx.update(
            form=form,
            region=region,
            level=level,
            level_label=_level_label(level),
            rows=rows,
            chart={
                "years": [str(r.year) for r in rows],
                "commitments": [r.commitments for r in rows],
                "fulfilled": [r.fulfilled for r in rows],
                "rates": [None if r.rate is None else float(r.rate) for r in rows],
                "so_far": [r.so_far for r in rows],
                "labels": {
                    "commitments": str(_("Commitments")),
                    "fulfilled": str(_("Fulfilled")),
                    "rate": str(_("Fulfilment rate")),
                    "so_far": str(_("so far")),
                },
            },
            definition=STATISTICS_DEFINITION,
            querystring=self.request.GET.urlencode(),
        )
        return ctx


@public(*selectors.STATISTICS_MODELS)
def statistics_xlsx(request):
    _form, region, level = _statistics_filters(request)
    rows = selectors.stored_yearly_figures(region, level) if region else []
    if region is None:
        region = Region(name="", code="", level=RegionLevel.COUNTY)
    body = spreadsheets.statistics_workbook(region, level, rows)
    response = HttpResponse(body, content_type=XLSX)
    filename = f"{region.name}人大代表履职承诺统计.xlsx" if region.name else "commitments.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# --- Reminders (served under /manage/commitments/reminders/, namespace "commitment_reminders")


class _ReminderScope(generic.RoleRequiredMixin):
    """Staff see the commitment years of the congresses they keep (their region's subtree)."""

    roles = ("staff",)

    def years(self) -> list[int]:
        qs = CommitmentYear.objects.restrict(self.request.user, CHANGE)
        return sorted(set(qs.values_list("year", flat=True)), reverse=True)

    def chosen_year(self, raw, years: list[int]) -> int | None:
        try:
            year = int(raw)
        except (TypeError, ValueError):
            year = None
        if year in years:
            return year
        today = timezone.localdate().year
        return today if today in years else (years[0] if years else None)

    def cycles(self, year: int | None, congress: str | None = None):
        """The year's commitment years in the user's scope; one congress's if `congress` names
        one of them (its pk), all of them otherwise."""
        if year is None:
            return CommitmentYear.objects.none()
        qs = (
            CommitmentYear.objects.restrict(self.request.user, CHANGE)
            .filter(year=year)
            .select_related("congress__region")
            .order_by("congress__level", "congress__region__code")
        )
        if congress and congress.isdigit() and qs.filter(congress_id=congress).exists():
            qs = qs.filter(congress_id=congress)
        return qs


class RemindersView(_ReminderScope, TemplateView):
    """Per commitment year: deputies with no commitments after the window closed, and approved
    commitments with no progress for settings.COMMITMENT_STALE_DAYS days; each list paginated,
    filtered by year and congress."""

    template_name = "commitments/reminders.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        years = self.years()
        year = self.chosen_year(self.request.GET.get("year"), years)
        every_cycle = list(self.cycles(year))
        congress = self.request.GET.get("congress") or ""
        cycles = list(self.cycles(year, congress))
        if len(cycles) == len(every_cycle):
            congress = ""
        user = self.request.user
        missing = selectors.missing_commitments(cycles, today=today, user=user)
        stale = selectors.stale_commitments(cycles, today=today, user=user)
        ctx.update(
            title=_("Commitment reminders"),
            years=years,
            year=year,
            congresses=[c.congress for c in every_cycle],
            congress=congress,
            cycles=cycles,
            today=today,
            stale_days=selectors.stale_days(),
            missing=missing,
            stale=stale,
            missing_page=self._page(missing, "missing_page"),
            stale_page=self._page(stale, "stale_page"),
            missing_query=self._query_without("missing_page"),
            stale_query=self._query_without("stale_page"),
        )
        return ctx

    def _page(self, rows: list, param: str):
        return Paginator(rows, self.paginate_by).get_page(self.request.GET.get(param))

    def _query_without(self, param: str) -> str:
        params = self.request.GET.copy()
        params.pop(param, None)
        return params.urlencode()


class RemindersSendView(_ReminderScope, View):
    """Send now what the page lists and was not sent before (the daily command would)."""

    http_method_names = ["post"]

    def post(self, request):
        years = self.years()
        year = self.chosen_year(request.POST.get("year"), years)
        congress = request.POST.get("congress") or ""
        outcomes = reminders.send_reminders(cycles=list(self.cycles(year, congress)))
        sent = sum(o.sent for o in outcomes)
        messages.success(
            request,
            ngettext("%(count)s notification sent.", "%(count)s notifications sent.", sent)
            % {"count": sent}
            if sent
            else _("Nothing new to send: every reminder was sent before."),
        )
        url = reverse("commitment_reminders:list")
        if not year:
            return redirect(url)
        return redirect(f"{url}?year={year}" + (f"&congress={congress}" if congress else ""))
