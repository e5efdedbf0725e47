from django.contrib import admin

from renda.regions.models import HandlingUnit, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    readonly_fields = ["code", "level", "parent", "prefix"]

    def has_add_permission(self, request):
        return False  # regions come from the division codes or the staff pages, audited

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HandlingUnit)
class HandlingUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "active"]
    search_fields = ["name"]
    readonly_fields = ["region", "name", "short_name", "phone", "active"]

    def has_add_permission(self, request):
        return False
