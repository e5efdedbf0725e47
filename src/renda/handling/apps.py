from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandlingConfig(AppConfig):
    name = "renda.handling"
    label = "handling"
    verbose_name = _("Handling")

    def ready(self):
        from renda.core import workflow
        from renda.handling.workflow import ASSIGNMENT

        workflow.register(ASSIGNMENT)
