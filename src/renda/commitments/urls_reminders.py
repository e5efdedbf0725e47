"""The staff page of commitment reminders (namespace "commitment_reminders").

Its two small views live here, beside their URLs, because the commitment pages' `views.py`
belongs to the review cycle; the reads and the sending are in `commitments/reminders.py`.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView

from renda.commitments import reminders
from renda.commitments.models import CommitmentYear
from renda.core.querysets import CHANGE
from renda.core.views import RoleRequiredMixin


class _ReminderScope(RoleRequiredMixin):
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

    def cycles(self, year: int | None):
        if year is None:
            return CommitmentYear.objects.none()
        return (
            CommitmentYear.objects.restrict(self.request.user, CHANGE)
            .filter(year=year)
            .select_related("congress__region")
        )


class RemindersView(_ReminderScope, TemplateView):
    """Per commitment year: deputies with no commitments after the window closed, and approved
    commitments with no progress for settings.COMMITMENT_STALE_DAYS days."""

    template_name = "commitments/reminders.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        years = self.years()
        year = self.chosen_year(self.request.GET.get("year"), years)
        cycles = list(self.cycles(year))
        user = self.request.user
        ctx.update(
            title=_("Commitment reminders"),
            years=years,
            year=year,
            cycles=cycles,
            today=today,
            stale_days=reminders.stale_days(),
            missing=reminders.missing_commitments(cycles, today=today, user=user),
            stale=reminders.stale_commitments(cycles, today=today, user=user),
        )
        return ctx


class RemindersSendView(_ReminderScope, View):
    """Send now what the page lists and was not sent before (the daily command would)."""

    http_method_names = ["post"]

    def post(self, request):
        years = self.years()
        year = self.chosen_year(request.POST.get("year"), years)
        outcomes = reminders.send_reminders(cycles=list(self.cycles(year)))
        sent = sum(o.sent for o in outcomes)
        messages.success(
            request,
            ngettext("%(count)s notification sent.", "%(count)s notifications sent.", sent)
            % {"count": sent}
            if sent
            else _("Nothing new to send: every reminder was sent before."),
        )
        url = reverse("commitment_reminders:list")
        return redirect(f"{url}?year={year}" if year else url)


app_name = "commitment_reminders"
urlpatterns = [
    path("", RemindersView.as_view(), name="list"),
    path("send/", RemindersSendView.as_view(), name="send"),
]
