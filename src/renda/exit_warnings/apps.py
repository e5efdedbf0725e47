from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExitWarningsConfig(AppConfig):
    name = "renda.exit_warnings"
    label = "exit_warnings"
    verbose_name = _("Exit warnings")

    def ready(self):
        from renda.assessment.signals import evaluation_finalized
        from renda.core import workbench, workflow
        from renda.exit_warnings.services import raise_exit_warnings
        from renda.exit_warnings.workflow import EXIT_WARNING

        workflow.register(EXIT_WARNING)
        evaluation_finalized.connect(raise_exit_warnings, dispatch_uid="exit_warnings.raise")
        workbench.add_link("activities", _("Exit warnings"), "recognition:warning_list", order=60)
