"""Staff pages of commendations and exit warnings (namespace "recognition").

Commendations: nominate a deputy or a group by hand, or every deputy of a final evaluation with
a grade; approve, reject with a reason, publish on the portal, take down — each step its own
POST view calling `commendation_step`. Exit warnings: the congress's rules, the flagged
deputies (open ones first), one warning with the deputy's results over the years, what staff
did about it, and the way to end the seat (resignation, recall) in the people pages.
"""

from django.contrib import messages
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from renda.assessment import services
from renda.assessment.choices import CommendationStatus, EvaluationStatus, WarningStatus
from renda.assessment.forms_recognition import (
    CommendationFilterSet,
    ExitRuleFilterSet,
    ExitRuleForm,
    NominateForm,
    NominateFromResultsForm,
    RejectForm,
    StepNoteForm,
    WarningFilterSet,
    WarningUpdateForm,
)
from renda.assessment.models import Commendation, EvaluationResult, ExitRule, ExitWarning
from renda.core import views as generic
from renda.core.exceptions import DomainError
from renda.core.querysets import CHANGE

COMMENDATION_RELATED = ("congress__region", "mandate__person", "group")
WARNING_RELATED = ("congress__region", "mandate__person", "mandate__term")

# Which steps a commendation in each status offers (the service refuses any other).
STEPS_FROM = {
    CommendationStatus.NOMINATED: ("approve", "reject"),
    CommendationStatus.APPROVED: ("publish",),
    CommendationStatus.PUBLISHED: ("unpublish",),
    CommendationStatus.REJECTED: (),
}


# --- Commendations ----------------------------------------------------------------------------


class CommendationListView(generic.ObjectListView):
    model = Commendation
    filterset_class = CommendationFilterSet
    select_related = COMMENDATION_RELATED
    columns = [
        ("title", _("Title")),
        ("subject_name", _("Deputy or group")),
        ("get_kind_display", _("Kind")),
        ("year", _("Year")),
        ("get_status_display", _("Status")),
        ("congress", _("Congress")),
    ]
    create_url_name = "recognition:commendation_create"
    extra_actions = [
        ("recognition:commendations_nominate_from_results", _("Nominate from results")),
        ("recognition:warning_list", _("Exit warnings")),
    ]
    title = _("Commendations")

    def get_queryset(self):
        return super().get_queryset().order_by("-year", "kind", "status", "pk")


class CommendationDetailView(generic.ObjectDetailView):
    model = Commendation
    template_name = "assessment/recognition/commendation_detail.html"
    fields = ["congress", "kind", "year", "title", "citation", "status", "status_note"]
    select_related = (*COMMENDATION_RELATED, "result__evaluation", "nominated_by", "decided_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        c = self.object
        ctx.update(
            steps=STEPS_FROM[c.status] if ctx["can_change"] else (),
            reject_form=RejectForm(user=self.request.user),
        )
        return ctx


class CommendationCreateView(generic.ServiceFormView):
    form_class = NominateForm
    template_name = "assessment/recognition/form.html"
    title = _("Nominate for commendation")
    success_message = _("Nominated. Approve it, then publish it on the portal.")

    def perform(self, form):
        return services.commendation_nominate(actor=self.request.user, **form.cleaned_data)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "back_url": reverse("recognition:commendation_list"),
        }


class NominateFromResultsView(generic.ServiceFormView):
    form_class = NominateFromResultsForm
    template_name = "assessment/recognition/form.html"
    title = _("Nominate from an evaluation's results")

    def perform(self, form):
        rows = services.commendations_nominate_from_results(
            actor=self.request.user, **form.cleaned_data
        )
        self.success_message = _("%(count)s deputies nominated.") % {"count": len(rows)}
        return rows

    def get_success_url_for(self, result):
        return reverse("recognition:commendation_list") + "?status=nominated"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "back_url": reverse("recognition:commendation_list"),
        }


class CommendationStepView(generic.RoleRequiredMixin, generic.ScopedObjectMixin, View):
    """POST only: one step through `commendation_step`. A refusal shows on the commendation's
    page, and nothing is written."""

    model = Commendation
    action = CHANGE
    step = ""
    form_class = StepNoteForm
    success_message = _("Done.")

    def post(self, request, *args, **kwargs):
        commendation = self.get_object()
        form = self.form_class(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        try:
            services.commendation_step(
                actor=request.user, commendation=commendation, action=self.step, note=note
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, self.success_message)
        return redirect(commendation)


class CommendationApproveView(CommendationStepView):
    step = "approve"
    success_message = _("Approved. Publish it to show it on the portal.")


class CommendationRejectView(CommendationStepView):
    step = "reject"
    form_class = RejectForm
    success_message = _("Not approved.")


class CommendationPublishView(CommendationStepView):
    step = "publish"
    success_message = _("Published on the portal.")


class CommendationUnpublishView(CommendationStepView):
    step = "unpublish"
    success_message = _("Taken down from the portal.")


# --- Exit rules -------------------------------------------------------------------------------


class ExitRuleListView(generic.ObjectListView):
    model = ExitRule
    filterset_class = ExitRuleFilterSet
    select_related = ("congress__region",)
    columns = [
        ("get_kind_display", _("Rule")),
        ("years", _("Years running")),
        ("active", _("Active")),
        ("congress", _("Congress")),
    ]
    create_url_name = "recognition:exit_rule_set"
    extra_actions = [("recognition:warning_list", _("Exit warnings"))]
    title = _("Exit rules")


class ExitRuleSetView(generic.ServiceFormView):
    """Set a rule of a congress: add it, change its years, switch it on or off."""

    form_class = ExitRuleForm
    template_name = "assessment/recognition/form.html"
    title = _("Set an exit rule")
    success_message = _("The rule is set. It applies when an evaluation is made final.")

    def get_initial(self):
        initial = super().get_initial()
        for name in ("congress", "kind"):
            if name in self.request.GET:
                initial[name] = self.request.GET[name]
        return initial

    def perform(self, form):
        return services.exit_rule_set(actor=self.request.user, **form.cleaned_data)

    def get_success_url_for(self, result):
        return reverse("recognition:exit_rule_list")

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "back_url": reverse("recognition:exit_rule_list"),
        }


# --- Exit warnings ----------------------------------------------------------------------------


def open_first(qs):
    return qs.annotate(
        open_rank=Case(
            When(status=WarningStatus.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("open_rank", "-year", "mandate__person__stroke_key", "pk")


class WarningListView(generic.ObjectListView):
    """The flagged deputies, the open warnings first."""

    model = ExitWarning
    filterset_class = WarningFilterSet
    select_related = WARNING_RELATED
    columns = [
        ("mandate.person.name", _("Deputy")),
        ("year", _("Year")),
        ("get_kind_display", _("Rule")),
        ("reason", _("Why")),
        ("get_status_display", _("Status")),
        ("congress", _("Congress")),
    ]
    extra_actions = [
        ("recognition:exit_rule_list", _("Exit rules")),
        ("recognition:commendation_list", _("Commendations")),
    ]
    title = _("Exit warnings")
    template_name = "assessment/recognition/warning_list.html"

    def get_queryset(self):
        return open_first(super().get_queryset())


class WarningDetailView(generic.ObjectDetailView):
    """One warning: the seat, why, the deputy's results over the years, what was done, and
    the way to end the seat."""

    model = ExitWarning
    template_name = "assessment/recognition/warning_detail.html"
    fields = ["year", "kind", "reason", "status", "status_note"]
    select_related = (*WARNING_RELATED, "decided_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        w = self.object
        ctx["title"] = _("Exit warning: %(name)s") % {"name": w.mandate.person.name}
        ctx["results"] = list(
            EvaluationResult.objects.filter(
                mandate=w.mandate, evaluation__status=EvaluationStatus.FINAL
            )
            .select_related("evaluation")
            .order_by("-evaluation__year")
        )
        ctx["other_warnings"] = list(
            ExitWarning.objects.filter(mandate=w.mandate).exclude(pk=w.pk).order_by("-year", "pk")
        )
        if ctx["can_change"]:
            ctx["update_form"] = WarningUpdateForm(user=self.request.user)
            if w.mandate.end is None:
                ctx["mandate_end_url"] = reverse("people:mandate_end", args=[w.mandate_id])
        return ctx


class WarningUpdateView(generic.ScopedServiceFormView):
    """Record what was done: talked with the deputy, resolved, or dismissed, with a note."""

    model = ExitWarning
    form_class = WarningUpdateForm
    template_name = "assessment/recognition/form.html"
    title = _("Record what was done")
    success_message = _("Recorded.")
    select_related = WARNING_RELATED

    def perform(self, form):
        return services.warning_update(
            actor=self.request.user, warning=self.object, **form.cleaned_data
        )

    def get_success_url_for(self, result):
        return reverse("recognition:warning_detail", args=[result.pk])

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "back_url": reverse("recognition:warning_detail", args=[self.object.pk]),
        }
