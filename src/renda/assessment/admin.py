"""Read-only admin of the evaluation: every change goes through `services.py`, which audits it
and keeps in-force tables and final years frozen; the admin is for looking, not editing."""

from django.contrib import admin

from renda.assessment.models import (
    Evaluation,
    EvaluationResult,
    GradeBand,
    ScoreAdjustment,
    ScoringItem,
    ScoringTable,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ItemInline(admin.TabularInline):
    model = ScoringItem
    fields = ["order", "section", "label", "kind", "measure", "points", "threshold", "cap"]
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BandInline(ItemInline):
    model = GradeBand
    fields = ["label", "min_score", "requires_compliance"]


@admin.register(ScoringTable)
class ScoringTableAdmin(ReadOnlyAdmin):
    list_display = ["title", "congress", "year", "version", "status", "published_at"]
    list_filter = ["status", "year"]
    inlines = [ItemInline, BandInline]


@admin.register(ScoreAdjustment)
class ScoreAdjustmentAdmin(ReadOnlyAdmin):
    list_display = ["mandate", "year", "item_label", "points", "reason", "created_at"]
    list_filter = ["year", "discipline"]
    list_select_related = ["mandate__person"]


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ["congress", "year", "status", "deputy_count", "run_at", "scores_public"]
    list_filter = ["status", "year"]


@admin.register(EvaluationResult)
class EvaluationResultAdmin(ReadOnlyAdmin):
    list_display = ["person", "evaluation", "rank", "score", "grade", "compliance"]
    list_filter = ["evaluation__year", "grade", "compliance"]
    list_select_related = ["person", "evaluation__congress"]
    search_fields = ["person__name"]
