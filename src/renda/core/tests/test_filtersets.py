"""Labels a FilterSet derives from the model follow each request's language.

Regression test for issue 10: django-filter kept the first language it worded a derived label
in, so after one English request the scoring tables' filter said "Status" on Chinese pages."""

from django.utils import translation

from renda.core.filtersets import StyledFilterSet
from renda.core.models import AuditEntry


class EntryFilterSet(StyledFilterSet):
    class Meta:
        model = AuditEntry
        fields = ["actor"]


def test_a_derived_label_is_worded_in_the_language_of_the_moment():
    with translation.override("en"):
        assert str(EntryFilterSet().form.fields["actor"].label) == "Actor"
        assert str(EntryFilterSet.base_filters["actor"].label) == "Actor"
    with translation.override("zh-hans"):
        assert str(EntryFilterSet().form.fields["actor"].label) == "操作人"
        assert str(EntryFilterSet.base_filters["actor"].label) == "操作人"
