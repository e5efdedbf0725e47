"""Pages of motions and suggestions (under /manage/suggestions/, namespace "suggestions").

A deputy drafts, invites co-signers, submits, follows and rates; an invited deputy confirms or
declines; the office reviews, assigns, merges, discloses and marks key supervision; a unit reads
what was assigned to it (its work is on its assignments, `handling`). Every step of the
workflow is the kernel's page (`transition_urls`)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from renda.core import audit
from renda.core import views as generic
from renda.core.exceptions import DomainError
from renda.core.models import Rating
from renda.core.querysets import CHANGE
from renda.handling.selectors import assignments_of
from renda.suggestions import services
from renda.suggestions.choices import CoSignerStatus
from renda.suggestions.filtersets import SuggestionFilterSet
from renda.suggestions.forms import (
    InviteForm,
    SuggestionForm,
    SuperviseForm,
    SupervisionEventForm,
    SupervisionForm,
)
from renda.suggestions.models import CoSigner, KeySupervision, Suggestion
from renda.suggestions.rules import rules_for
from renda.suggestions.workflow import SUGGESTION

RELATED = ("congress__region", "mandate__person", "supervision")


class SuggestionListView(generic.ObjectListView):
    model = Suggestion
    roles = ("staff", "deputy", "unit")
    filterset_class = SuggestionFilterSet
    select_related = RELATED
    columns = [
        ("title", _("Title")),
        ("reference", _("Number")),
        ("mandate.person.name", _("Lead deputy")),
        ("get_kind_display", _("Kind")),
        ("get_status_display", _("Status")),
        ("year", _("Year")),
    ]
    title = _("Motions and suggestions")

    def get_queryset(self):
        return super().get_queryset().order_by("-year", "kind", "number", "-pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if self.scope.has("deputy"):
            ctx["create_url"] = reverse("suggestions:suggestion_create")
        if self.scope.has("staff"):
            ctx["extra_actions"] = [
                (reverse("suggestions:supervision_list"), _("Key supervision")),
                (reverse("handling:assignment_list"), _("Assignments")),
            ]
        return ctx


class MySuggestionsView(SuggestionListView):
    """A deputy's own and co-signed items (the same list, as they reach it)."""

    roles = ("deputy",)
    title = _("My motions and suggestions")


class SuggestionCreateView(generic.ServiceFormView):
    roles = ("deputy",)
    form_class = SuggestionForm
    template_name = "core/object_form.html"
    title = _("Draft a motion or suggestion")
    success_message = _("Draft saved. Invite co-signers if you wish, then submit it.")

    def perform(self, form):
        return services.suggestion_draft(actor=self.request.user, **form.cleaned_data)


class SuggestionEditView(generic.ScopedServiceFormView):
    roles = ("deputy",)
    model = Suggestion
    form_class = SuggestionForm
    template_name = "core/object_form.html"
    title = _("Change the draft")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        del form.fields["mandate"]
        return form

    def get_initial(self):
        s = self.object
        return {
            "kind": s.kind,
            "period": s.period,
            "topic": s.topic,
            "title": s.title,
            "body": s.body,
            "confidential": s.confidential,
        }

    def perform(self, form):
        return services.suggestion_edit(
            actor=self.request.user, suggestion=self.object, **form.cleaned_data
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "back_url": self.object.get_absolute_url()}


class SuggestionDetailView(generic.RoleRequiredMixin, generic.ScopedObjectMixin, View):
    roles = ("staff", "deputy", "unit")
    model = Suggestion
    select_related = (*RELATED, "merged_into", "session__term", "delegation")

    def get(self, request, *args, **kwargs):
        s = self.get_object()
        user = request.user
        signers = list(
            CoSigner.objects.filter(suggestion=s)
            .select_related("mandate__person")
            .order_by("mandate__person__stroke_key", "mandate__person__name")
        )
        is_author = SUGGESTION.holds(user, s, "author")
        is_office = SUGGESTION.holds(user, s, "office")
        invited = next(
            (
                c
                for c in signers
                if c.status == CoSignerStatus.INVITED
                and c.mandate.person_id in self.scope.person_ids
            ),
            None,
        )
        ratings = list(
            Rating.objects.for_object(s).select_related("rated_by").order_by("rated_at", "pk")
        )
        ctx = {
            "object": s,
            "title": s.title,
            "signers": signers,
            "confirmed": sum(c.status == CoSignerStatus.CONFIRMED for c in signers),
            "rules": rules_for(s.congress),
            "assignments": assignments_of(s),
            "today": timezone.localdate(),
            "ratings": ratings,
            "is_author": is_author,
            "is_office": is_office,
            "invited": invited,
            "merged": list(s.merged.all().select_related("mandate__person")) if is_office else [],
            "timeline": audit.timeline(s)[:50],
        }
        return render(request, "suggestions/suggestion_detail.html", ctx)


class InviteView(generic.ScopedServiceFormView):
    roles = ("deputy",)
    model = Suggestion
    form_class = InviteForm
    template_name = "core/object_form.html"
    title = _("Invite co-signers")
    success_message = _("Invited. Each will find the invitation in the inbox.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "obj": self.object}

    def perform(self, form):
        services.cosigners_invite(
            actor=self.request.user, suggestion=self.object, mandates=form.cleaned_data["mandates"]
        )
        return self.object

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "back_url": self.object.get_absolute_url()}


class _PostView(generic.RoleRequiredMixin, View):
    """A POST-only step on one suggestion in the user's reach; refusals come back as messages."""

    action = "view"

    def get_suggestion(self, pk):
        try:
            return Suggestion.objects.restrict(self.request.user, self.action).get(pk=pk)
        except (Suggestion.DoesNotExist, ValueError) as exc:
            raise Http404 from exc

    def post(self, request, pk):
        suggestion = self.get_suggestion(pk)
        try:
            message = self.perform(suggestion)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, message)
        return redirect(suggestion)


class CosignView(_PostView):
    roles = ("deputy",)

    def perform(self, suggestion):
        confirm = self.request.POST.get("confirm") == "1"
        services.cosigner_answer(actor=self.request.user, suggestion=suggestion, confirm=confirm)
        return _("You have signed it.") if confirm else _("You have declined.")


class UninviteView(_PostView):
    roles = ("deputy",)
    action = CHANGE

    def perform(self, suggestion):
        try:
            cosigner = suggestion.cosigners.get(pk=int(self.request.POST.get("cosigner") or 0))
        except (CoSigner.DoesNotExist, ValueError) as exc:
            raise Http404 from exc
        services.cosigner_uninvite(actor=self.request.user, cosigner=cosigner)
        return _("Invitation taken back.")


class DiscloseView(_PostView):
    roles = ("staff",)
    action = CHANGE

    def perform(self, suggestion):
        disclose = self.request.POST.get("disclose") != "0"
        services.suggestion_disclose(
            actor=self.request.user, suggestion=suggestion, disclose=disclose
        )
        return _("Disclosed on the public pages.") if disclose else _("Taken down.")


class SuperviseView(generic.ScopedServiceFormView):
    model = Suggestion
    form_class = SuperviseForm
    template_name = "core/object_form.html"
    title = _("Key supervision")
    success_message = _("Saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "obj": self.object}

    def get_initial(self):
        return {"supervision": self.object.supervision_id}

    def perform(self, form):
        return services.suggestion_supervise(
            actor=self.request.user,
            suggestion=self.object,
            supervision=form.cleaned_data["supervision"],
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "back_url": self.object.get_absolute_url()}


# --- Key supervision -----------------------------------------------------------------------------


class SupervisionListView(generic.ObjectListView):
    model = KeySupervision
    select_related = ("congress__region",)
    columns = [
        ("title", _("Theme")),
        ("year", _("Year")),
        ("leader", _("Supervising leader")),
        ("committee", _("Supervising committee")),
        ("congress", _("Congress")),
    ]
    create_url_name = "suggestions:supervision_create"
    title = _("Key supervision")


class SupervisionCreateView(generic.ServiceFormView):
    form_class = SupervisionForm
    template_name = "core/object_form.html"
    title = _("New key supervision")

    def perform(self, form):
        return services.supervision_create(actor=self.request.user, **form.cleaned_data)


class SupervisionDetailView(generic.RoleRequiredMixin, generic.ScopedObjectMixin, View):
    model = KeySupervision
    select_related = ("congress",)

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        return render(
            request,
            "suggestions/supervision_detail.html",
            {
                "object": obj,
                "title": obj.title,
                "items": obj.suggestions.select_related("mandate__person").order_by("number"),
                "events": obj.events.prefetch_related("attachments"),
                "timeline": audit.timeline(obj)[:50],
            },
        )


class SupervisionEventView(generic.ScopedServiceFormView):
    model = KeySupervision
    form_class = SupervisionEventForm
    template_name = "core/object_form.html"
    title = _("Record a supervision activity")

    def perform(self, form):
        services.supervision_event_add(
            actor=self.request.user, supervision=self.object, **form.cleaned_data
        )
        return self.object

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "back_url": self.object.get_absolute_url()}
