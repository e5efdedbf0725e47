"""The public pages of motions and suggestions (公开), at the site root in the
"public_suggestions" namespace: the disclosed items, each one with its replies, and the handling
statistics. No login,
phone-first, the same for every visitor and cached (`core.public_cache.public`) until what they
show changes. Never a confidential item (`Suggestion.objects.public()`), and nothing private: no
phone number, no contact person, no co-handling opinion, no rating comment."""

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import DetailView, ListView, TemplateView

from renda.congresses.models import Congress
from renda.core import public_cache
from renda.core.models import Deadline
from renda.core.public_cache import public
from renda.handling.models import Assignment, ResultCategory
from renda.people import selectors as people_selectors
from renda.regions.models import HandlingUnit, Region
from renda.suggestions import selectors, statistics
from renda.suggestions.choices import SuggestionStatus
from renda.suggestions.filtersets import PublicSuggestionFilterSet
from renda.suggestions.models import KeySupervision, Suggestion
from renda.suggestions.views import chart_data, report_paragraph, statistics_choice

DRAFT = SuggestionStatus.DRAFT

SHOWN = (*selectors.PUBLIC_MODELS, *people_selectors.PUBLIC_MODELS)


@public(*SHOWN)
class PublicSuggestionListView(ListView):
    """The disclosed items, newest year first: search, congress, year, kind, topic, deputy."""

    template_name = "suggestions/public_list.html"
    paginate_by = 20

    def get_queryset(self):
        self.filterset = PublicSuggestionFilterSet(
            self.request.GET or None, queryset=selectors.public_suggestions()
        )
        return self.filterset.qs if self.filterset.is_bound else self.filterset.queryset

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page = list(ctx["object_list"])
        units = selectors.public_units(page)
        labels = selectors.category_labels({s.congress_id for s in page})
        for s in page:
            s.public_units = units.get(s.pk, [])
            s.category_label = labels[s.congress_id].get(s.result_category, "")
        params = self.request.GET.copy()
        params.pop("page", None)
        # A deputy's items (the link from their page): named by the first, read already.
        deputy = None
        if page and self.filterset.is_bound and self.filterset.form.cleaned_data.get("deputy"):
            deputy = page[0].mandate.person.name
        ctx.update(
            object_list=page,
            filter=self.filterset,
            querystring=params.urlencode(),
            deputy_name=deputy,
        )
        return ctx


@public(*SHOWN)
class PublicSuggestionDetailView(DetailView):
    """One disclosed item: its text, signers, units, reply letters, reports and ratings."""

    template_name = "suggestions/public_detail.html"
    context_object_name = "suggestion"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.public_suggestions(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(selectors.public_suggestion_detail(self.object))
        return ctx


# What the published statistics count: the items of a congress's year, their assignments and
# clocks, the units and the congress's result categories.
STATISTICS_MODELS = (
    Suggestion,
    KeySupervision,
    Assignment,
    Deadline,
    HandlingUnit,
    ResultCategory,
    Congress,
)


@public(*STATISTICS_MODELS, Region)  # the congresses' regions name the choices
class PublicStatisticsView(TemplateView):
    """办理情况统计 for the public: the same figures as the office's page, for every congress
    with items (a confidential item counts, unnamed), without the Excel. The figures are kept
    in the database until an item, an assignment or a clock changes, and for the day (the
    overdue count moves with the date): a municipal year's aggregate is not run per visitor."""

    template_name = "suggestions/public_statistics.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        congresses = (
            Congress.objects.filter(
                Exists(Suggestion.objects.filter(congress=OuterRef("pk")).exclude(status=DRAFT))
            )
            .select_related("region")
            .order_by("level", "region__code")
        )
        form, congress, year, kind = statistics_choice(self.request, congresses)
        stats = _stored_statistics(congress, year, kind) if congress else None
        ctx.update(
            form=form,
            congress=congress,
            year=year,
            statistics=stats,
            paragraph=report_paragraph(congress, year, stats) if stats else "",
            chart=chart_data(stats) if stats and stats.units else None,
            definition=statistics.DEFINITION,
        )
        return ctx


def _stored_statistics(congress, year: int, kind: str) -> statistics.Statistics:
    today = timezone.localdate()
    congress_id = congress.pk

    def compute() -> dict:
        items = Suggestion.objects.filter(congress_id=congress_id, year=year)
        if kind:
            items = items.filter(kind=kind)
        stats = statistics.handling_statistics(items, congress_id=congress_id, today=today)
        return statistics.as_json(stats)

    data = public_cache.stored(
        f"suggestions.statistics:{congress_id}:{year}:{kind or 'all'}:{today.isoformat()}",
        STATISTICS_MODELS,
        compute,
    )
    return statistics.from_json(data, congress_id=congress_id, today=today)
