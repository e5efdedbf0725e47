"""The admin site: system configuration, for administrators only, in Chinese."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from renda.accounts.backends import is_administrator


class RendaAdminSite(admin.AdminSite):
    site_header = _("Smart Congress · system configuration")
    site_title = _("System configuration")
    index_title = _("System configuration")

    def has_permission(self, request):
        """Administrators (an administrator grant, or a superuser) only; congress staff work
        on the staff pages, not here, whatever Django's staff flag says."""
        return request.user.is_active and is_administrator(request.user)
