"""Read-only views of the activity register for administrators: every write goes through the
services (and their audit), never through the admin."""

from django.contrib import admin

from renda.activities.models import Activity, ActivityBatch, ActivityType, Excuse, Requirement


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ActivityType)
class ActivityTypeAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "category", "congress", "counts_person_times", "active"]
    list_filter = ["category", "active"]
    search_fields = ["name", "code"]


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ["day", "person", "activity_type", "status", "congress"]
    list_filter = ["status"]
    search_fields = ["person__name", "content"]
    date_hierarchy = "day"
    list_select_related = ["person", "activity_type", "congress"]


@admin.register(ActivityBatch)
class ActivityBatchAdmin(ReadOnlyAdmin):
    list_display = ["day", "activity_type", "congress", "organiser"]
    list_select_related = ["activity_type", "congress", "organiser"]


@admin.register(Requirement)
class RequirementAdmin(ReadOnlyAdmin):
    list_display = ["term", "period", "category", "minimum"]
    list_select_related = ["term__congress__region"]


@admin.register(Excuse)
class ExcuseAdmin(ReadOnlyAdmin):
    list_display = ["mandate", "reason", "start", "end"]
    list_select_related = ["mandate__person", "mandate__term__congress__region"]
