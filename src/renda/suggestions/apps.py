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
        from renda.core import history, ratings
        from renda.handling.choices import AssignmentMode
        from renda.suggestions.models import Suggestion
        from renda.suggestions.workflow import FULFILMENT, REPLY

        history.field_words(Suggestion, "mode", lambda v: str(AssignmentMode(v).label))
        ratings.name_stage(REPLY, _("Reply"))
        ratings.name_stage(FULFILMENT, _("Fulfilment"))
        bench.register(suggestions_bench.BENCHMARK)
        from renda.notifications import reminders as registry
        from renda.suggestions import reminders

        registry.register(reminders.RULE)
        from renda.core import todo, workbench
        from renda.core.choices import Role
        from renda.suggestions.todo import invitations

        todo.register(invitations)
        workbench.add_card("suggestions", _("Motions and suggestions"), order=25)
        workbench.add_link(
            "suggestions",
            _("To review"),
            "suggestions:suggestion_list",
            waiting=lambda user: SUGGESTION.todo_count(user, "review"),
            order=10,
        )
        workbench.add_link(
            "suggestions", _("Assignments and deadlines"), "handling:assignment_list", order=20
        )
        workbench.add_link(
            "suggestions", _("Key supervision"), "suggestions:supervision_list", order=30
        )
        workbench.add_link(
            "person",
            _("My motions and suggestions"),
            "suggestions:mine",
            roles=(Role.DEPUTY,),
            order=30,
        )
        subjects.register(hooks.SUBJECT)
        workflow.step_taken.connect(
            hooks.on_assignment_step, sender=Assignment, dispatch_uid="suggestions.assignments"
        )
