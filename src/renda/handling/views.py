"""Pages of handling: the unit's inbox (收件箱), an assignment with its clocks, replies and steps,
the office's list and overdue figures; reports, more time, giving a returned item to another
unit. The unit's steps are the kernel's pages (`transition_urls`)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views import View
from django_filters.views import FilterView

from renda.core import audit, workdays
from renda.core import views as generic
from renda.core.exceptions import DomainError
from renda.core.querysets import CHANGE
from renda.handling import notice, reply_template, selectors, services, subjects
from renda.handling.choices import AssignmentRole, AssignmentStatus, ExtensionDecision, ReplyKind
from renda.handling.filtersets import AssignmentFilterSet
from renda.handling.forms import ExtensionRequestForm, ReportForm
from renda.handling.models import Assignment, Reply
from renda.handling.workflow import ASSIGNMENT
from renda.regions.models import HandlingUnit


class InboxView(generic.RoleRequiredMixin, FilterView):
    """A unit's work: what waits to be accepted, what to answer, with the due dates."""

    roles = ("unit",)
    template_name = "handling/inbox.html"
    filterset_class = AssignmentFilterSet
    paginate_by = 50

    def get_queryset(self):
        return selectors.inbox(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        ctx.update(
            today=today,
            title=pgettext_lazy("unit", "Inbox"),
            calendar=workdays.calendar(today, today),
            # A unit reads its own inbox: no filter by unit (the office's list keeps it).
            is_unit_page=True,
        )
        return ctx


class AssignmentListView(InboxView):
    """The office's assignments: every unit's, filterable by status, unit, overdue."""

    roles = ("staff",)
    template_name = "handling/assignment_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            title=_("Assignments"),
            by_unit=list(selectors.overdue_by_unit(self.request.user)),
            is_unit_page=False,
        )
        return ctx


class AssignmentDetailView(generic.RoleRequiredMixin, generic.ScopedObjectMixin, View):
    roles = ("unit", "staff")
    model = Assignment
    select_related = ("unit", "region", "replaces__unit")

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        today = timezone.localdate()
        siblings = selectors.assignments_of(obj.subject, request.user)
        this = next(a for a in siblings if a.pk == obj.pk)
        is_unit = obj.unit_id in self.scope.unit_ids
        is_office = ASSIGNMENT.holds(request.user, obj, "office")
        pending = [r for r in this.replies.all() if r.decision == ExtensionDecision.PENDING]
        ctx = {
            "object": this,
            "subject": obj.subject,
            "title": str(obj.subject),
            "siblings": siblings,
            "today": today,
            "is_unit": is_unit,
            "is_office": is_office,
            "pending": pending,
            "report_form": ReportForm()
            if is_unit
            and obj.status
            in (AssignmentStatus.IN_HAND, AssignmentStatus.ANSWERED, AssignmentStatus.DONE)
            else None,
            "extension_form": ExtensionRequestForm()
            if is_unit
            and not pending
            and obj.status in (AssignmentStatus.ASSIGNED, AssignmentStatus.IN_HAND)
            else None,
            "units": HandlingUnit.objects.restrict(request.user, CHANGE)
            .active()
            .exclude(pk=obj.unit_id)
            if is_office and obj.status == AssignmentStatus.RETURNED
            else None,
            "timeline": audit.timeline(obj)[:50],
            "reply_kinds": ReplyKind,
        }
        return render(request, "handling/assignment_detail.html", ctx)


class _AssignmentFormView(generic.ScopedServiceFormView):
    model = Assignment
    action = "view"
    roles = ("unit",)
    template_name = "core/object_form.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "back_url": self.object.get_absolute_url()}

    def get_success_url_for(self, result):
        return self.object.get_absolute_url()


class ReportView(_AssignmentFormView):
    form_class = ReportForm
    title = pgettext_lazy("handling", "Report progress")
    success_message = _("Progress reported.")

    def perform(self, form):
        return services.assignment_report(
            actor=self.request.user,
            assignment=self.object,
            text=form.cleaned_data["text"],
            files=form.cleaned_data["files"],
        )


class ExtensionRequestView(_AssignmentFormView):
    form_class = ExtensionRequestForm
    title = _("Ask for more time")
    success_message = _("Asked for more time; the office decides.")

    def perform(self, form):
        return services.assignment_request_extension(
            actor=self.request.user, assignment=self.object, **form.cleaned_data
        )


class ExtensionDecideView(generic.RoleRequiredMixin, View):
    """The office approves or refuses a request for more time (POST)."""

    roles = ("staff",)

    def post(self, request, pk):
        try:
            reply = (
                Reply.objects.restrict(request.user, CHANGE)
                .select_related("assignment")
                .get(pk=pk, kind=ReplyKind.INTERIM)
            )
        except (Reply.DoesNotExist, ValueError) as exc:
            raise Http404 from exc
        approve = request.POST.get("approve") == "1"
        try:
            services.extension_decide(
                actor=request.user,
                reply=reply,
                approve=approve,
                note=request.POST.get("note", "")[:500],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("More time approved.") if approve else _("More time refused.")
            )
        return redirect(reply.assignment)


class ReassignView(generic.RoleRequiredMixin, View):
    """Give an item a unit sent back to another unit (POST)."""

    roles = ("staff",)

    def post(self, request, pk):
        try:
            assignment = Assignment.objects.restrict(request.user, CHANGE).get(pk=pk)
        except (Assignment.DoesNotExist, ValueError) as exc:
            raise Http404 from exc
        try:
            unit = HandlingUnit.objects.restrict(request.user, CHANGE).get(
                pk=int(request.POST.get("unit") or 0)
            )
        except (HandlingUnit.DoesNotExist, ValueError):
            messages.error(request, _("Choose the unit to give it to."))
            return redirect(assignment)
        try:
            new = services.assignment_reassign(actor=request.user, assignment=assignment, unit=unit)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(assignment)
        messages.success(request, _("Given to %(unit)s.") % {"unit": unit.name})
        return redirect(new)


class UrgeView(generic.RoleRequiredMixin, View):
    """The office urges the unit, with a note (POST)."""

    roles = ("staff",)

    def post(self, request, pk):
        try:
            assignment = Assignment.objects.restrict(request.user, CHANGE).get(pk=pk)
        except (Assignment.DoesNotExist, ValueError) as exc:
            raise Http404 from exc
        try:
            services.assignment_urge(
                actor=request.user, assignment=assignment, note=request.POST.get("note", "")[:500]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The unit has been urged."))
        return redirect(assignment)


# --- The papers: the assignment notice (交办函) and the reply-letter template ------------------


class _PapersView(generic.RoleRequiredMixin, View):
    """A paper of one assignment in the user's reach (the office that assigned it, or the unit
    it was given to); another's is a 404 like a missing row."""

    roles = ("staff", "unit")

    def get_assignment(self) -> Assignment:
        try:
            return (
                Assignment.objects.restrict(self.request.user)
                .select_related("unit", "region")
                .get(pk=self.kwargs["pk"])
            )
        except (Assignment.DoesNotExist, ValueError) as exc:
            raise Http404 from exc

    def pdf(self, assignments, filename: str):
        """The letters of `assignments` (a queryset in the user's reach) as one PDF."""
        found = list(assignments.live().with_clocks().select_related("unit", "region"))
        letters = notice.letters_for(found, subjects.items_of(found))
        if not letters:
            raise Http404
        response = HttpResponse(notice.notice_pdf(letters), content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(False, filename)
        return response


class NoticeView(_PapersView):
    """The notice of the batch an assignment belongs to: every item the same office gave the
    same unit on the same day."""

    def get(self, request, pk):
        a = self.get_assignment()
        batch = Assignment.objects.restrict(request.user).filter(
            unit_id=a.unit_id, region_id=a.region_id, assigned_on=a.assigned_on
        )
        day = notice.cn_date(a.assigned_on)
        return self.pdf(batch, f"{a.unit.name}交办函（{day}）.pdf")


class ItemNoticeView(_PapersView):
    """The notices of one item: a letter to each unit it was given to (one, for a unit's user:
    its own)."""

    def get(self, request, pk):
        a = self.get_assignment()
        units = Assignment.objects.restrict(request.user).filter(
            content_type_id=a.content_type_id, object_id=a.object_id
        )
        return self.pdf(units, f"交办函（{a.subject}）.pdf")


class ReplyTemplateView(_PapersView):
    """The reply letter (a lead or separate unit) or the co-handling opinion (a co-handling
    unit) of one assignment, filled in, as a Word document to finish offline."""

    def get(self, request, pk):
        a = self.get_assignment()
        item = subjects.items_of([a]).get(a.pk)
        if item is None:
            raise Http404
        lead = ""
        if a.role == AssignmentRole.CO:
            lead_assignment = (
                Assignment.objects.filter(
                    content_type_id=a.content_type_id,
                    object_id=a.object_id,
                    role=AssignmentRole.LEAD,
                )
                .live()
                .select_related("unit")
                .first()
            )
            lead = lead_assignment.unit.name if lead_assignment else ""
        due = Assignment.objects.with_clocks().filter(pk=a.pk).values_list("answer_due", flat=True)
        letter = reply_template.Letter(
            unit=a.unit.name,
            unit_phone=a.unit.phone,
            item=item,
            co_handling=a.role == AssignmentRole.CO,
            lead_unit=lead,
            categories=[(c.code, subjects.category_words(c)) for c in subjects.of(a).categories(a)],
            due=due.first(),
        )
        response = HttpResponse(reply_template.reply_docx(letter), content_type=reply_template.DOCX)
        filename = f"{reply_template.title_of(letter)}（{a.unit.name}）.docx"
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response
