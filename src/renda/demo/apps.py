from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo district (`renda demo`); no models, the top of the layers."""

    name = "renda.demo"
    label = "demo"
    verbose_name = _("Demo")
