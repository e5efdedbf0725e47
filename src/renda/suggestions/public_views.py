"""The public pages of motions and suggestions (公开), at the site root in the
"public_suggestions" namespace: the disclosed items and each one with its replies. No login,
phone-first, the same for every visitor and cached (`core.public_cache.public`) until what they
show changes. Never a confidential item (`Suggestion.objects.public()`), and nothing private: no
phone number, no contact person, no co-handling opinion, no rating comment."""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from renda.core.public_cache import public
from renda.people import selectors as people_selectors
from renda.suggestions import selectors
from renda.suggestions.filtersets import PublicSuggestionFilterSet

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
