from django.contrib import admin

from renda.stations.models import Station


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    """Lookup only (role grants pick a station here); stations are edited on the staff pages."""

    list_display = ["name", "kind", "region", "active"]
    search_fields = ["name", "address"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
