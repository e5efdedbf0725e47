from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "renda.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from renda.core import workflow
        from renda.notifications import steps

        workflow.step_taken.connect(steps.tell, dispatch_uid="notifications.steps.tell")
