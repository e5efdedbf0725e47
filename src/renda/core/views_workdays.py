"""The working-day calendar page: the overrides of one year, added and deleted by system
administrators, beside what the official calendar already says about that year."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from renda.core import workdays
from renda.core.exceptions import DomainError
from renda.core.forms import WorkdayOverrideForm
from renda.core.models import WorkdayOverride
from renda.core.views import RoleRequiredMixin, ServiceFormView

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if FIRST_YEAR <= year <= LAST_YEAR else timezone.localdate().year


def year_url(year: int) -> str:
    return f"{reverse('core:workdays')}?year={year}"


class WorkdayListView(ServiceFormView):
    """One year's overrides, the form to add one, and the year's official holidays."""

    roles = ("admin",)
    form_class = WorkdayOverrideForm
    template_name = "core/workdays.html"
    title = _("Working days")
    success_message = _("The working-day override is saved.")

    def setup_object(self):
        self.year = _year(self.request)

    def perform(self, form):
        return workdays.workday_override_set(actor=self.request.user, **form.cleaned_data)

    def get_success_url_for(self, result):
        return year_url(result.day.year)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        covered = workdays.covered_years()
        ctx.update(
            year=self.year,
            previous_year=self.year - 1,
            next_year=self.year + 1,
            overrides=WorkdayOverride.objects.filter(day__year=self.year),
            first_covered=covered[0],
            last_covered=covered[-1],
            is_covered=workdays.is_covered(self.year),
            official_changes=workdays.official_changes(self.year),
        )
        return ctx


class WorkdayOverrideDeleteView(RoleRequiredMixin, View):
    roles = ("admin",)

    def post(self, request, pk):
        override = get_object_or_404(WorkdayOverride, pk=pk)
        try:
            workdays.workday_override_delete(actor=request.user, override=override)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("The override is deleted; the day follows the official calendar.")
            )
        return redirect(year_url(override.day.year))
