from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuggestionsConfig(AppConfig):
    name = "renda.suggestions"
    label = "suggestions"
    verbose_name = _("Motions and suggestions")

    def ready(self):
        from renda.core import bench, workflow
        from renda.handling import subjects
        from renda.handling.models import Assignment
        from renda.suggestions import bench as suggestions_bench
        from renda.suggestions import hooks
        from renda.suggestions.workflow import SUGGESTION

        workflow.register(SUGGESTION)
        bench.register(suggestions_bench.BENCHMARK)
        subjects.register(hooks.SUBJECT)
        workflow.step_taken.connect(
            hooks.on_assignment_step, sender=Assignment, dispatch_uid="suggestions.assignments"
        )
