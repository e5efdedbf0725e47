"""Django's admin app with renda's site as its default (settings.INSTALLED_APPS names this
config). Its own module: an app config is imported before any model may be."""

from django.contrib.admin.apps import AdminConfig


class RendaAdminConfig(AdminConfig):
    default_site = "renda.accounts.admin_site.RendaAdminSite"
