from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class HandlingConfig(AppConfig):
    name = "renda.handling"
    label = "handling"
    verbose_name = _("Handling")

    def ready(self):
        from renda.core import workflow
        from renda.handling.workflow import ASSIGNMENT

        workflow.register(ASSIGNMENT)
        from renda.handling import reminders
        from renda.notifications import reminders as registry

        registry.register(reminders.RULE)
        from renda.core import todo, workbench
        from renda.core.choices import Role
        from renda.handling.todo import extensions

        todo.register(extensions)
        workbench.add_link(
            "unit",
            pgettext_lazy("unit", "Inbox"),
            "handling:inbox",
            roles=(Role.UNIT,),
            primary=True,
            waiting=lambda user: (
                ASSIGNMENT.todo_count(user, "accept") + ASSIGNMENT.todo_count(user, "answer")
            ),
            order=10,
        )
