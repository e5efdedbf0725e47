from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo district (`renda demo`); no models, the top of the layers."""

    name = "renda.demo"
    label = "demo"
    verbose_name = _("Demo")

    def ready(self):
        from renda.core import history

        # The demo district's rows say so in every history: 演示数据, not a person or 系统.
        # "demo" is what the builder acts as (builder.ACTOR; not imported here, it is heavy).
        history.name_system_actor("demo", _("Demo data"))
