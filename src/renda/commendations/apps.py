from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommendationsConfig(AppConfig):
    name = "renda.commendations"
    label = "commendations"
    verbose_name = _("Commendations")

    def ready(self):
        from renda.commendations.workflow import COMMENDATION
        from renda.core import workflow

        workflow.register(COMMENDATION)
