from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the transaction to commit")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Skipped: no address")
    FAILED = "failed", _("Failed")


# The in-app inbox is a channel like any other, and always on.
INBOX = "inbox"
