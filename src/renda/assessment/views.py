"""Pages of the yearly evaluation (namespace "assessment").

Staff of the congress's region: the scoring tables (versions, laid out like the printed 评分表,
edited as drafts and put in force), the bonus and deduction adjustments, the evaluation (run,
make final, publish the scores), its results with filters, the Excel export and the dashboard.
Everyone with access to a result: the filled-in score sheet and its PDF. A deputy: their own
results of final evaluations. Each step is one view calling one service; a refusal is shown and
writes nothing.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from renda.activities import requirements as minimums
from renda.assessment import dashboard, engine, export, selectors, services, sheet_pdf
from renda.assessment.choices import EvaluationStatus, ItemKind
from renda.assessment.filtersets import (
    AdjustmentFilterSet,
    EvaluationFilterSet,
    ResultFilterSet,
    TableFilterSet,
)
from renda.assessment.forms import (
    AdjustmentEditForm,
    AdjustmentForm,
    BandForm,
    ConfirmForm,
    EvaluationRunForm,
    ItemForm,
    TableCopyForm,
    TableCreateForm,
    TableEditForm,
)
from renda.assessment.models import (
    Evaluation,
    EvaluationResult,
    GradeBand,
    ScoreAdjustment,
    ScoringItem,
    ScoringTable,
)
from renda.congresses.models import Congress
from renda.core import audit
from renda.core import views as generic
from renda.core.exceptions import DomainError
from renda.core.querysets import CHANGE, VIEW
from renda.people.models import Mandate

RESULTS_PER_PAGE = 50
RESULT_RELATED = ("person", "mandate__electoral_region")


class _FormPage:
    """Forms of this app render `core/form.html` with a way back."""

    template_name = "core/form.html"
    intro = ""

    def back_url(self):
        return (
            self.object.get_absolute_url()
            if self.object is not None
            else reverse("assessment:table_list")
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["back_url"] = self.back_url()
        ctx["intro"] = self.intro
        return ctx


class _PostAction(generic.RoleRequiredMixin, generic.ScopedObjectMixin, View):
    """POST only: one service on one object; a refusal is shown as a message, nothing written."""

    http_method_names = ["post"]
    action = CHANGE
    success_message = _("Done.")

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        try:
            result = self.perform(obj)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(self.refused_url(obj))
        messages.success(request, self.success_message)
        return redirect(self.done_url(obj, result))

    def perform(self, obj):  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def refused_url(self, obj):
        return obj.get_absolute_url()

    def done_url(self, obj, result):
        return self.refused_url(obj)


def _tables_in_scope(user, action=CHANGE):
    return ScoringTable.objects.restrict(user, action)


# --- Scoring tables ---------------------------------------------------------------------------


class TableListView(generic.ObjectListView):
    """Every version of the tables of the staff's congresses, newest year first."""

    model = ScoringTable
    filterset_class = TableFilterSet
    select_related = ("congress",)
    title = _("Scoring tables")
    create_url_name = "assessment:table_create"
    extra_actions = [
        ("assessment:evaluation_list", _("Evaluations")),
        ("assessment:adjustment_list", _("Bonuses and deductions")),
    ]
    columns = [
        ("title", _("Title")),
        ("congress", _("Congress")),
        ("year", _("Year")),
        ("version", _("Version")),
        ("get_status_display", _("Status")),
        ("published_at", _("Put in force")),
    ]

    def get_queryset(self):
        return super().get_queryset().order_by("-year", "congress__level", "congress", "-version")


def table_layout(table) -> list[tuple[str, list]]:
    """The items grouped by section in the table's order, each with its 分值/上限 text."""
    sections: dict[str, list] = {}
    for item in table.items.prefetch_related("activity_types").order_by("order", "pk"):
        item.rule_text = sheet_pdf.rule_text(item)
        sections.setdefault(item.section, []).append(item)
    return list(sections.items())


class TableDetailView(generic.ObjectDetailView):
    """The table as printed: sections, items with their 评分标准, points, cap and kind; the
    grades. A draft is edited here; a version in force or superseded is read-only."""

    model = ScoringTable
    template_name = "assessment/table_detail.html"
    select_related = ("congress",)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        table = self.object
        year_final = selectors.is_final(table.congress_id, table.year)
        ctx.update(
            sections=table_layout(table),
            bands=list(table.bands.order_by("-min_score")),
            editable=ctx["can_change"] and table.is_editable,
            year_final=year_final,
            can_publish=ctx["can_change"] and table.is_editable and not year_final,
            versions=ScoringTable.objects.filter(congress_id=table.congress_id, year=table.year)
            .exclude(pk=table.pk)
            .order_by("-version"),
            next_year=table.year + 1,
        )
        return ctx


class TableCreateView(_FormPage, generic.ServiceFormView):
    form_class = TableCreateForm
    title = _("New scoring table")
    success_message = _("The table is saved as a draft. Put it in force when it is ready.")

    def perform(self, form):
        data = form.cleaned_data
        if data["start"] == TableCreateForm.PRESET:
            return services.table_from_preset(
                actor=self.request.user,
                congress=data["congress"],
                year=data["year"],
                publish=False,
            )
        return services.table_create(
            actor=self.request.user,
            congress=data["congress"],
            year=data["year"],
            title=data["title"],
            base_points=data["base_points"] or 0,
        )


class _TablePage(_FormPage, generic.ScopedServiceFormView):
    model = ScoringTable
    select_related = ("congress",)


class TableEditView(_TablePage):
    form_class = TableEditForm
    title = _("Edit the table")

    def perform(self, form):
        return services.table_update(
            actor=self.request.user, table=self.object, **form.cleaned_data
        )


class TableCopyView(_TablePage):
    form_class = TableCopyForm
    title = _("Make a new version")
    intro = _(
        "The copy keeps every item and grade and starts as a draft; the version in force stays "
        "in force until the copy is put in its place."
    )
    success_message = _("Copied. Edit the new version, then put it in force.")

    def perform(self, form):
        return services.table_copy(
            actor=self.request.user, table=self.object, year=form.cleaned_data["year"]
        )


class TablePublishView(_PostAction):
    model = ScoringTable
    roles = ("staff",)
    success_message = _("The table is in force.")

    def perform(self, table):
        return services.table_publish(actor=self.request.user, table=table)


class _TablePartMixin:
    """Items and grades are reached through the tables in the staff's scope."""

    part_model = None

    def scoped_queryset(self, action=None):
        return self.part_model.objects.filter(
            table__in=_tables_in_scope(self.request.user, CHANGE)
        ).select_related("table__congress")

    def get_object(self, queryset=None):
        try:
            return self.scoped_queryset().get(pk=self.kwargs["pk"])
        except (self.part_model.DoesNotExist, ValueError) as exc:
            raise Http404 from exc


class ItemCreateView(_TablePage):
    form_class = ItemForm
    title = _("New item")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = ScoringItem(table=self.object)
        kwargs["table"] = self.object
        return kwargs

    def perform(self, form):
        data = dict(form.cleaned_data)
        types = data.pop("activity_types", [])
        services.item_create(
            actor=self.request.user, table=self.object, activity_types=types, **data
        )
        return self.object


class ItemEditView(_TablePartMixin, _FormPage, generic.ScopedServiceFormView):
    part_model = ScoringItem
    form_class = ItemForm
    title = _("Edit the item")

    def back_url(self):
        return self.object.table.get_absolute_url()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "table": self.object.table}

    def perform(self, form):
        data = dict(form.cleaned_data)
        types = data.pop("activity_types", [])
        item = services.item_update(
            actor=self.request.user, item=self.object, activity_types=types, **data
        )
        return item.table


class ItemDeleteView(_TablePartMixin, _PostAction):
    roles = ("staff",)
    part_model = ScoringItem
    success_message = _("The item is removed.")

    def perform(self, item):
        services.item_delete(actor=self.request.user, item=item)

    def refused_url(self, item):
        return item.table.get_absolute_url()


class BandCreateView(_TablePage):
    form_class = BandForm
    title = _("New grade")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": GradeBand(table=self.object)}

    def perform(self, form):
        services.band_create(actor=self.request.user, table=self.object, **form.cleaned_data)
        return self.object


class BandEditView(_TablePartMixin, _FormPage, generic.ScopedServiceFormView):
    part_model = GradeBand
    form_class = BandForm
    title = _("Edit the grade")

    def back_url(self):
        return self.object.table.get_absolute_url()

    def perform(self, form):
        band = services.band_update(actor=self.request.user, band=self.object, **form.cleaned_data)
        return band.table


class BandDeleteView(_TablePartMixin, _PostAction):
    roles = ("staff",)
    part_model = GradeBand
    success_message = _("The grade is removed.")

    def perform(self, band):
        services.band_delete(actor=self.request.user, band=band)

    def refused_url(self, band):
        return band.table.get_absolute_url()


# --- Adjustments ------------------------------------------------------------------------------


class AdjustmentListView(generic.ObjectListView):
    """The bonuses and deductions entered, by congress and year."""

    model = ScoreAdjustment
    filterset_class = AdjustmentFilterSet
    template_name = "assessment/adjustment_list.html"
    select_related = ("congress", "mandate__person", "created_by")
    title = _("Bonuses and deductions")

    def get_queryset(self):
        return super().get_queryset().order_by("-year", "mandate__person__stroke_key", "pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = ctx["filter"].form
        congress = form.cleaned_data.get("congress") if form.is_valid() else None
        year = form.cleaned_data.get("year") if form.is_valid() else None
        if congress is not None and year:
            ctx["add_url"] = reverse("assessment:adjustment_create", args=[congress.pk, int(year)])
        final_years = set(
            Evaluation.objects.restrict(self.request.user)
            .filter(status=EvaluationStatus.FINAL)
            .values_list("congress_id", "year")
        )
        for adjustment in ctx["object_list"]:
            adjustment.frozen = (adjustment.congress_id, adjustment.year) in final_years
        return ctx


class AdjustmentCreateView(_FormPage, generic.ServiceFormView):
    form_class = AdjustmentForm
    title = _("New bonus or deduction")

    def setup_object(self):
        self.congress = get_object_or_404(
            Congress.objects.restrict(self.request.user, CHANGE), pk=self.kwargs["congress_pk"]
        )
        self.year = self.kwargs["year"]
        self.table = selectors.table_in_force(self.congress, self.year)

    def back_url(self):
        url = reverse("assessment:adjustment_list")
        return f"{url}?congress={self.congress.pk}&year={self.year}"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        day = engine.reference_day(self.year, timezone.localdate())
        kwargs["seats"] = (
            Mandate.objects.filter(congress=self.congress)
            .current(day)
            .select_related("person")
            .order_by("person__stroke_key", "pk")
        )
        kwargs["items"] = (
            list(self.table.items.filter(kind=ItemKind.MANUAL).order_by("order", "pk"))
            if self.table
            else []
        )
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = f"{self.title} · {self.congress} {self.year}"
        if self.table is None:
            ctx["intro"] = services.NO_TABLE % {"year": self.year}
        elif selectors.is_final(self.congress.pk, self.year):
            ctx["intro"] = services.YEAR_FINAL % {"year": self.year}
        return ctx

    def perform(self, form):
        data = form.cleaned_data
        services.adjustment_add(
            actor=self.request.user,
            congress=self.congress,
            year=self.year,
            mandate=data["mandate"],
            item_code=data["item_code"],
            points=data["points"],
            reason=data["reason"],
        )
        return None

    def get_success_url_for(self, result):
        return self.back_url()


class AdjustmentEditView(_FormPage, generic.ScopedServiceFormView):
    model = ScoreAdjustment
    roles = ("staff",)
    select_related = ("congress", "mandate__person")
    form_class = AdjustmentEditForm
    title = _("Correct the bonus or deduction")

    def back_url(self):
        url = reverse("assessment:adjustment_list")
        return f"{url}?congress={self.object.congress_id}&year={self.object.year}"

    def get_initial(self):
        return {"points": self.object.points, "reason": self.object.reason}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        a = self.object
        ctx["title"] = f"{self.title} · {a.mandate.person.name} · {a.item_label} · {a.year}"
        if selectors.is_final(a.congress_id, a.year):
            ctx["intro"] = services.YEAR_FINAL % {"year": a.year}
        return ctx

    def perform(self, form):
        return services.adjustment_update(
            actor=self.request.user, adjustment=self.object, **form.cleaned_data
        )

    def get_success_url_for(self, result):
        return self.back_url()


class AdjustmentDeleteView(_PostAction):
    model = ScoreAdjustment
    roles = ("staff",)
    success_message = _("The adjustment is removed.")

    def perform(self, adjustment):
        services.adjustment_delete(actor=self.request.user, adjustment=adjustment)

    def refused_url(self, adjustment):
        url = reverse("assessment:adjustment_list")
        return f"{url}?congress={adjustment.congress_id}&year={adjustment.year}"


# --- Evaluation -------------------------------------------------------------------------------


class EvaluationListView(generic.ObjectListView):
    model = Evaluation
    filterset_class = EvaluationFilterSet
    template_name = "assessment/evaluation_list.html"
    select_related = ("congress", "table")
    title = _("Evaluations")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["run_form"] = EvaluationRunForm(user=self.request.user, auto_id="run_%s")
        return ctx


class EvaluationRunView(_FormPage, generic.ServiceFormView):
    """Run (or run again) the evaluation of a congress and year with the table in force."""

    form_class = EvaluationRunForm
    title = _("Run the evaluation")
    success_message = _("The evaluation has run. Check the results, then make it final.")

    def back_url(self):
        return reverse("assessment:evaluation_list")

    def perform(self, form):
        return services.evaluation_run(actor=self.request.user, **form.cleaned_data)


class EvaluationDetailView(generic.RoleRequiredMixin, generic.ScopedObjectMixin, TemplateView):
    """The results of one evaluation: rank, deputy (姓氏笔画 order breaks ties), seat, score,
    grade and minimums, filtered and paginated; the steps open to the staff."""

    model = Evaluation
    roles = ("staff",)
    template_name = "assessment/evaluation_detail.html"
    select_related = ("congress__region", "table")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        evaluation = self.object = self.get_object()
        results = EvaluationResult.objects.filter(evaluation=evaluation).select_related(
            *RESULT_RELATED
        )
        filterset = ResultFilterSet(
            self.request.GET or None,
            queryset=results,
            request=self.request,
            evaluation=evaluation,
        )
        page = Paginator(
            filterset.qs.order_by("rank", "person__stroke_key", "pk"), RESULTS_PER_PAGE
        )
        page_obj = page.get_page(self.request.GET.get("page"))
        params = self.request.GET.copy()
        params.pop("page", None)
        can_change = (
            Evaluation.objects.restrict(self.request.user, CHANGE).filter(pk=evaluation.pk).exists()
        )
        ctx.update(
            object=evaluation,
            evaluation=evaluation,
            title=str(evaluation),
            filter=filterset,
            page_obj=page_obj,
            paginator=page,
            is_paginated=page_obj.has_other_pages(),
            querystring=params.urlencode(),
            can_change=can_change,
            timeline=audit.timeline(evaluation)[:20],
        )
        return ctx


class EvaluationFinalizeView(_FormPage, generic.ScopedServiceFormView):
    model = Evaluation
    form_class = ConfirmForm
    title = _("Make the evaluation final")
    select_related = ("congress",)
    success_message = _("The evaluation is final. Each deputy can now see their score sheet.")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["intro"] = _(
            "It runs once more with today's records, then the year is frozen: %(deputies)s "
            "deputies of %(evaluation)s."
        ) % {"deputies": self.object.deputy_count, "evaluation": self.object}
        return ctx

    def perform(self, form):
        return services.evaluation_finalize(actor=self.request.user, evaluation=self.object)


class EvaluationPublishScoresView(_PostAction):
    model = Evaluation
    roles = ("staff",)

    def perform(self, evaluation):
        public = self.request.POST.get("public") == "1"
        self.success_message = (
            _("The scores are published on the portal.")
            if public
            else _("The scores are no longer public.")
        )
        return services.evaluation_set_scores_public(
            actor=self.request.user, evaluation=evaluation, public=public
        )


class EvaluationExportView(generic.RoleRequiredMixin, generic.ScopedObjectMixin, View):
    """All results as .xlsx, in rank order."""

    model = Evaluation
    roles = ("staff",)
    select_related = ("congress", "table")

    def get(self, request, *args, **kwargs):
        evaluation = self.get_object()
        results = (
            EvaluationResult.objects.filter(evaluation=evaluation)
            .select_related("person", "mandate")
            .order_by("rank", "person__stroke_key", "pk")
        )
        body = export.results_workbook(evaluation, results)
        response = HttpResponse(body, content_type=export.XLSX)
        filename = f"{evaluation.congress}{evaluation.year}年度履职评价结果.xlsx"
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response


class EvaluationDashboardView(generic.RoleRequiredMixin, generic.ScopedObjectMixin, TemplateView):
    """Grade distribution and compliance by town, group and level, as a chart and as tables."""

    model = Evaluation
    roles = ("staff",)
    template_name = "assessment/evaluation_dashboard.html"
    select_related = ("congress", "table")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        evaluation = self.get_object()
        grades = dashboard.grade_distribution(evaluation)
        towns = dashboard.compliance_by_town(evaluation)
        groups = dashboard.compliance_by_group(evaluation)
        ctx.update(
            evaluation=evaluation,
            title=_("Dashboard of %(evaluation)s") % {"evaluation": evaluation},
            grades=grades,
            total=sum(n for _g, n in grades),
            towns=towns,
            groups=groups,
            levels=dashboard.compliance_by_level(self.request.user, evaluation.year),
            # A year not over yet is counted so far: the page and the chart say so, rather than
            # showing its low rates as a fall.
            so_far=evaluation.year >= timezone.localdate().year,
            chart=dashboard.chart_data(grades, towns, groups),
        )
        ctx["chart"]["so_far"] = ctx["so_far"]
        return ctx


# --- Results and score sheets -----------------------------------------------------------------


class _ResultMixin(generic.RoleRequiredMixin, generic.ScopedObjectMixin):
    """Staff reach their congresses' results; a deputy only their own, once final."""

    model = EvaluationResult
    roles = ("staff", "deputy")
    action = VIEW
    select_related = ("evaluation__congress", "evaluation__table", "person", "mandate")


def standings_of(result) -> list[dict]:
    return [
        {"standing": s, "words": s.words}
        for s in (minimums.Standing(**entry) for entry in result.requirements)
    ]


class ResultDetailView(_ResultMixin, TemplateView):
    """The filled-in score sheet: for each item the value, the points, whether the cap was
    reached, and under it the activities, commitments and adjustments it counted."""

    template_name = "assessment/result_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        result = self.get_object()
        sections = selectors.score_sheet(result)
        for section in sections:
            for line in section.lines:
                line.rule_text = sheet_pdf.rule_text(line.item)
        is_staff = (
            self.scope.has("staff")
            and EvaluationResult.objects.restrict(self.request.user, CHANGE)
            .filter(pk=result.pk)
            .exists()
        )
        ctx.update(
            result=result,
            evaluation=result.evaluation,
            sections=sections,
            standings=standings_of(result),
            compliance=export.compliance_label(result.compliance),
            is_staff=is_staff,
            title=_("Score sheet of %(name)s, %(year)s")
            % {"name": result.person.name, "year": result.evaluation.year},
        )
        return ctx


class ResultPdfView(_ResultMixin, View):
    def get(self, request, *args, **kwargs):
        result = self.get_object()
        evaluation = result.evaluation
        day = evaluation.finalized_at or evaluation.run_at or timezone.now()
        pdf = sheet_pdf.score_sheet_pdf(
            result=result,
            sections=selectors.score_sheet(result),
            today=timezone.localtime(day).date(),
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = f"{result.person.name}{evaluation.year}年度履职评分表.pdf"
        response["Content-Disposition"] = content_disposition_header(False, filename)
        return response


class MineView(generic.RoleRequiredMixin, TemplateView):
    """A deputy's own results of final evaluations, with their score sheets."""

    roles = ("deputy",)
    template_name = "assessment/mine.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["results"] = (
            EvaluationResult.objects.restrict(self.request.user, VIEW)
            .final()
            .filter(person_id__in=self.scope.person_ids)
            .select_related("evaluation__congress", "mandate")
            .order_by("-evaluation__year", "evaluation__congress__level")
        )
        ctx["title"] = _("My evaluations")
        return ctx
