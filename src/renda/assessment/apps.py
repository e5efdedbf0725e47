from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "renda.assessment"
    label = "assessment"
    verbose_name = _("Evaluation of deputies")

    def ready(self):
        from renda.assessment import bench as evaluation_bench
        from renda.assessment.selectors import is_final
        from renda.congresses import locks
        from renda.core import bench, history, workbench
        from renda.core.choices import Role

        bench.register(evaluation_bench.BENCHMARK)
        history.name_system_actor(evaluation_bench.ACTOR)
        # A final evaluation closes its congress's year to change (activities, adjustments).
        locks.register(is_final)

        workbench.add_link("activities", _("Evaluations"), "assessment:evaluation_list", order=40)
        workbench.add_link("activities", _("Scoring tables"), "assessment:table_list", order=50)
        workbench.add_link(
            "person", _("My evaluations"), "assessment:mine", roles=(Role.DEPUTY,), order=30
        )
