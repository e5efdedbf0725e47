from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "renda.commitments"
    label = "commitments"
    verbose_name = _("Commitments")

    def ready(self):
        from renda.commitments import todo as commitments_todo
        from renda.core import todo

        todo.register(commitments_todo.lines)
        from renda.commitments import reminders as commitment_reminders
        from renda.commitments import similarity
        from renda.commitments.workflow import COMMITMENT
        from renda.core import warmup, workbench, workflow
        from renda.core.choices import Role
        from renda.notifications import reminders

        workflow.register(COMMITMENT)
        reminders.register(commitment_reminders.RULE)
        # The review hints segment titles with jieba: load its dictionary as a worker starts.
        warmup.register("jieba", similarity.warm_up)

        workbench.add_card("commitments", _("Commitments"), order=10)
        workbench.add_link(
            "commitments",
            _("Review queue"),
            "commitments:review_queue",
            waiting=lambda user: COMMITMENT.todo_count(user, "review"),
            order=10,
        )
        workbench.add_link(
            "commitments", _("All commitments"), "commitments:commitment_list", order=20
        )
        workbench.add_link("commitments", _("Commitment years"), "commitments:year_list", order=30)
        workbench.add_link(
            "person",
            _("My commitments"),
            "commitments:person_commitments",
            with_target=True,
            primary=True,
            roles=(Role.DEPUTY,),
            order=10,
        )
