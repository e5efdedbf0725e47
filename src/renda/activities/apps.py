from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "renda.activities"
    label = "activities"
    verbose_name = _("Duty activities")

    def ready(self):
        from renda.activities import todo as activities_todo
        from renda.core import todo

        todo.register(activities_todo.lines)
        from renda.activities.workflow import ACTIVITY
        from renda.core import workbench, workflow
        from renda.core.choices import Role

        workflow.register(ACTIVITY)

        workbench.add_card("activities", _("Activities and evaluation"), order=20)
        workbench.add_link(
            "activities",
            _("Verification queue"),
            "activities:queue",
            waiting=lambda user: ACTIVITY.todo_count(user, "verify"),
            order=10,
        )
        workbench.add_link(
            "activities", _("Register for many deputies"), "activities:batch_create", order=20
        )
        workbench.add_link("activities", _("Below the minimums"), "activities:shortfalls", order=30)
        workbench.add_link(
            "person",
            _("My duties"),
            "activities:mine",
            primary=True,
            roles=(Role.DEPUTY,),
            order=20,
        )
