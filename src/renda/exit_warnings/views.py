"""Staff pages of exit rules and warnings (in the "recognition" namespace, with commendations).

The congress's rules; the flagged deputies, the open ones first; one warning with the deputy's
results over the years, the workflow's steps (talk, resolve, dismiss, open again, each with a
note) and the way to end the seat (resignation, recall) in the people pages.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from renda.assessment.choices import EvaluationStatus
from renda.assessment.models import EvaluationResult
from renda.core import views as generic
from renda.exit_warnings import services
from renda.exit_warnings.filtersets import ExitRuleFilterSet, WarningFilterSet
from renda.exit_warnings.forms import ExitRuleForm, WarningUpdateForm
from renda.exit_warnings.models import ExitRule, ExitWarning
from renda.exit_warnings.selectors import open_first

WARNING_RELATED = ("congress__region", "mandate__person", "mandate__term")


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
    template_name = "core/form.html"
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
    template_name = "exit_warnings/warning_list.html"

    def get_queryset(self):
        return open_first(super().get_queryset())


class WarningDetailView(generic.ObjectDetailView):
    """One warning: the seat, why, the deputy's results over the years, what was done, and
    the way to end the seat."""

    model = ExitWarning
    template_name = "exit_warnings/warning_detail.html"
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
        if ctx["can_change"] and w.mandate.end is None:
            ctx["mandate_end_url"] = reverse("people:mandate_end", args=[w.mandate_id])
        return ctx


class WarningUpdateView(generic.ScopedServiceFormView):
    """Deprecated: record what was done by choosing the status it leads to (talked with the
    deputy, resolved, dismissed), with a note. The warning's page offers each step instead."""

    model = ExitWarning
    form_class = WarningUpdateForm
    template_name = "core/form.html"
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
