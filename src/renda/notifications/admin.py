from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from renda.notifications.models import Delivery


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Read-only, for operations: what left through which channel, and what failed. The
    messages themselves are read in their recipients' inboxes."""

    list_display = ["created_at", "channel", "status", "kind", "recipient", "error"]
    list_filter = ["channel", "status", "notification__kind"]
    search_fields = ["notification__recipient__username", "notification__key", "error"]
    date_hierarchy = "created_at"
    list_select_related = ["notification__recipient"]
    fields = ["notification", "channel", "status", "error", "created_at", "sent_at"]

    @admin.display(description=_("kind"), ordering="notification__kind")
    def kind(self, obj):
        return obj.notification.kind

    @admin.display(description=_("recipient"))
    def recipient(self, obj):
        return obj.notification.recipient

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
