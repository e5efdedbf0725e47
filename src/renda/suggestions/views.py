"""Pages of motions and suggestions (under /manage/suggestions/, namespace "suggestions").

A deputy drafts, invites co-signers, submits, follows and rates; an invited deputy confirms or
declines; the office reviews, assigns, merges, discloses and marks key supervision; a unit reads
what was assigned to it (its work is on its assignments, `handling`). Every step of the
workflow is the kernel's page (`transition_urls`)."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from renda.congresses.models import Congress
from renda.core import audit
from renda.core import views as generic
from renda.core.exceptions import DomainError, PermissionRefused
from renda.core.imports import xlsx_response, xlsx_stream_response
from renda.core.models import Rating
from renda.core.querysets import CHANGE
from renda.handling.selectors import assignments_of
from renda.suggestions import services, similarity, spreadsheets, statistics
from renda.suggestions.choices import CoSignerStatus
from renda.suggestions.filtersets import KeySupervisionFilterSet, SuggestionFilterSet
from renda.suggestions.forms import (
    InviteForm,
    RulesForm,
    StatisticsForm,
    SuggestionForm,
    SuperviseForm,
    SupervisionEventForm,
    SupervisionForm,
)
from renda.suggestions.models import CoSigner, KeySupervision, Suggestion
from renda.suggestions.rules import rules_for
from renda.suggestions.workflow import SUGGESTION

RELATED = ("congress__region", "mandate__person", "supervision")
# Where the office is shown similar items: while it decides to accept, merge or assign.
REVIEWED = ("submitted", "accepted")


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
            query = self.request.GET.copy()
            query.pop("page", None)
            register = reverse("suggestions:register_export")
            ctx["extra_actions"] = [
                (reverse("suggestions:supervision_list"), _("Key supervision")),
                (reverse("handling:assignment_list"), _("Assignments")),
                (reverse("suggestions:statistics"), _("Handling statistics")),
                (f"{register}?{query.urlencode()}" if query else register, _("Register (Excel)")),
                (reverse("suggestions:rules_index"), _("Rules")),
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
        form.fields.pop("delegation", None)  # who submits is settled at drafting
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
            # Near-duplicates: to the author while drafting, to the office while reviewing.
            "hints": similarity.hints_for(s)
            if is_office and s.status in REVIEWED
            else similarity.hints_for(s, for_office=False)
            if is_author and s.status == "draft"
            else [],
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
        except PermissionRefused as exc:
            # Who may not take the step at all is refused like any page they may not open.
            raise PermissionDenied(exc.message) from exc
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


class NominateView(_PostView):
    """Nominate a closed item as an excellent suggestion (the commendation flow follows)."""

    roles = ("staff",)
    action = CHANGE

    def perform(self, suggestion):
        self.commendation = services.suggestion_nominate_excellent(
            actor=self.request.user, suggestion=suggestion
        )
        return _(
            "Nominated as an excellent suggestion: approve and publish it among the commendations."
        )


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
    filterset_class = KeySupervisionFilterSet
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


class RulesView(generic.ScopedServiceFormView):
    """A congress's rules for motions and suggestions, and its result categories."""

    model = Congress
    form_class = RulesForm
    template_name = "core/object_form.html"
    success_message = _("The rules are saved; they apply to what is assigned from now on.")

    @property
    def title(self):
        return _("Rules for motions and suggestions: %(congress)s") % {"congress": self.object}

    def get_initial(self):
        from renda.handling.subjects import default_categories

        rules = rules_for(self.object)
        initial = {f: getattr(rules, f) for f in services.RULE_FIELDS}
        initial["categories"] = RulesForm.lines(default_categories(self.object.pk))
        return initial

    def perform(self, form):
        services.suggestion_rules_set(
            actor=self.request.user, congress=self.object, **form.cleaned_data
        )
        return self.object

    def get_success_url_for(self, result):
        return reverse("suggestions:rules", args=[self.object.pk])

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "back_url": self.object.get_absolute_url()}


class RulesIndexView(generic.RoleRequiredMixin, View):
    """The congresses whose rules the staff keep: straight to the one, or a list."""

    def get(self, request):
        congresses = list(
            Congress.objects.restrict(request.user, CHANGE)
            .select_related("region")
            .order_by("level", "region__code")
        )
        if len(congresses) == 1:
            return redirect("suggestions:rules", congresses[0].pk)
        return render(
            request,
            "suggestions/rules_index.html",
            {"title": _("Rules for motions and suggestions"), "congresses": congresses},
        )


# --- Statistics and the register --------------------------------------------------------------


def statistics_choice(
    request, congresses
) -> tuple[StatisticsForm, Congress | None, int | None, str]:
    """The form and what it chose: one of `congresses` (by default the first that has items),
    a year (by default its latest with items, else this year), a kind or ""."""
    if request.GET:
        form = StatisticsForm(request.GET, congresses=congresses)
        if not form.is_valid():
            return form, None, None, ""
        data = form.cleaned_data
        return form, data["congress"], data["year"], data["kind"]
    latest = (
        Suggestion.objects.filter(congress__in=congresses)
        .exclude(status="draft")
        .order_by("-year", "congress__level", "congress__region__code")
        .values_list("congress_id", "year")
        .first()
    )
    year = latest[1] if latest else timezone.localdate().year
    congress = next((c for c in congresses if latest and c.pk == latest[0]), None)
    congress = congress or next(iter(congresses), None)
    form = StatisticsForm(
        initial={"congress": congress, "year": year, "kind": ""}, congresses=congresses
    )
    return form, congress, year if congress else None, ""


def _staff_congresses(request):
    return (
        Congress.objects.restrict(request.user)
        .select_related("region")
        .order_by("level", "region__code")
    )


def _statistics_of(request, congress, year, kind):
    items = Suggestion.objects.restrict(request.user).filter(congress=congress, year=year)
    if kind:
        items = items.filter(kind=kind)
    return statistics.handling_statistics(
        items, congress_id=congress.pk, today=timezone.localdate()
    )


def _rate(value) -> str:
    return "—" if value is None else f"{value}%"


def report_paragraph(congress, year: int, s: statistics.Statistics) -> str:
    """The key figures as an annual handling report (办理情况报告) words them."""
    t = s.total
    parts = [
        gettext(
            "In %(year)s, %(congress)s received %(submitted)s motions and suggestions from "
            "the deputies, accepted %(accepted)s and assigned %(assigned)s to %(units)s "
            "handling units."
        )
        % {
            "year": year,
            "congress": congress.name,
            "submitted": t.submitted,
            "accepted": t.accepted,
            "assigned": t.assigned,
            "units": len(s.units),
        }
    ]
    if t.replied:
        parts.append(
            gettext(
                "%(replied)s have been replied to, %(on_time)s of them on time; the units met "
                "the deputies about %(met)s of them."
            )
            % {"replied": t.replied, "on_time": _rate(t.on_time_rate), "met": _rate(t.met_rate)}
        )
    if t.first.rated or t.first.not_rated:
        parts.append(
            gettext(
                "The deputies were satisfied or basically satisfied with %(first)s of the "
                "replies they rated at first and %(final)s in the end, after handling again; "
                "%(not_rated)s replies were not rated in time and are not counted as satisfied."
            )
            % {
                "first": _rate(t.first.rate),
                "final": _rate(t.final.rate),
                "not_rated": t.final.not_rated,
            }
        )
    if t.categorised:
        shares = pgettext("list separator", ", ").join(
            gettext("%(code)s %(share)s") % {"code": code, "share": _rate(t.category_share(code))}
            for code, _words in s.category_labels()
        )
        parts.append(gettext("By result category: %(shares)s.") % {"shares": shares})
    if t.overdue:
        parts.append(
            ngettext(
                "%(count)s assignment is past its time limit.",
                "%(count)s assignments are past their time limit.",
                t.overdue,
            )
            % {"count": t.overdue}
        )
    if s.key.submitted:
        parts.append(
            gettext("Of the %(key)s items under key supervision, %(replied)s have been replied to.")
            % {"key": s.key.submitted, "replied": s.key.replied}
        )
    return " ".join(parts)


def chart_data(s: statistics.Statistics) -> dict:
    units = s.units
    return {
        "units": [u.name for u in units],
        "items": [u.items for u in units],
        "answered": [u.answered for u in units],
        "overdue": [u.overdue for u in units],
        "height": max(240, 60 + 36 * len(units)),
        "labels": {
            "items": str(_("Assigned")),
            "answered": str(_("Answered")),
            "overdue": str(_("Overdue")),
        },
    }


class StatisticsView(generic.RoleRequiredMixin, TemplateView):
    """办理情况统计: a congress's year in figures, key supervision apart, per unit; a chart of
    the units; the paragraph an annual handling report quotes."""

    roles = ("staff",)
    template_name = "suggestions/statistics.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, congress, year, kind = statistics_choice(
            self.request, _staff_congresses(self.request)
        )
        stats = _statistics_of(self.request, congress, year, kind) if congress else None
        ctx.update(
            title=_("Handling statistics"),
            form=form,
            congress=congress,
            year=year,
            statistics=stats,
            paragraph=report_paragraph(congress, year, stats) if stats else "",
            chart=chart_data(stats) if stats and stats.units else None,
            definition=statistics.DEFINITION,
            querystring=self.request.GET.urlencode(),
        )
        return ctx


class StatisticsExportView(generic.RoleRequiredMixin, View):
    roles = ("staff",)

    def get(self, request):
        _form, congress, year, kind = statistics_choice(request, _staff_congresses(request))
        if congress is None:
            raise Http404
        stats = _statistics_of(request, congress, year, kind)
        what = spreadsheets.KIND_ZH.get(kind, "议案建议") if kind else "议案建议"
        title = f"{congress.name}{year}年代表{what}办理情况统计"
        body = spreadsheets.statistics_workbook(stats, title=title)
        return xlsx_response(body, quote(f"{title}.xlsx"))


class RegisterExportView(generic.RoleRequiredMixin, View):
    """建议办理台账: the list's items with its filters, a line each, streamed."""

    roles = ("staff",)

    def get(self, request):
        items = Suggestion.objects.restrict(request.user).order_by("-year", "kind", "number", "-pk")
        filterset = SuggestionFilterSet(request.GET or None, queryset=items, request=request)
        items = filterset.qs if filterset.is_bound else items
        data = filterset.form.cleaned_data if filterset.is_bound and filterset.is_valid() else {}
        congress, year = data.get("congress"), data.get("year")
        title = f"{congress.name if congress else ''}{f'{year}年' if year else ''}代表建议办理台账"
        today = timezone.localdate()
        return xlsx_stream_response(
            lambda out: spreadsheets.write_register(items, out, title=title, today=today),
            f"{title}.xlsx",
        )
