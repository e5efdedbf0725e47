"""Staff pages of commendations (in the "recognition" namespace, with exit warnings).

Nominate a deputy or a group by hand, or every deputy of a final evaluation with a grade; the
commendation's page offers the workflow's steps (approve, do not approve with a reason, publish
on the portal, take down), each taken by the kernel's step page (`core.views.TransitionView`).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from renda.commendations import services
from renda.commendations.filtersets import CommendationFilterSet
from renda.commendations.forms import NominateForm, NominateFromResultsForm
from renda.commendations.models import Commendation
from renda.core import views as generic

COMMENDATION_RELATED = ("congress__region", "mandate__person", "group")


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
    template_name = "commendations/commendation_detail.html"
    fields = ["congress", "kind", "year", "title", "citation", "status", "status_note"]
    select_related = (*COMMENDATION_RELATED, "result__evaluation", "nominated_by", "decided_by")


class CommendationCreateView(generic.ServiceFormView):
    form_class = NominateForm
    template_name = "core/form.html"
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
    template_name = "core/form.html"
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
