from django.contrib import admin

from renda.people.models import Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    """Lookup only (role grants pick a person here); people are edited on the staff pages,
    where every change is audited."""

    list_display = ["name", "gender"]
    search_fields = ["name", "name_initials", "name_pinyin"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
