from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned for revision")
    APPROVED = "approved", _("Approved")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CANCELLED = "cancelled", _("Cancelled")
    FULFILLED = "fulfilled", _("Fulfilled")
    PARTLY_FULFILLED = "partly_fulfilled", _("Partly fulfilled")
    UNFULFILLED = "unfulfilled", _("Unfulfilled")


# Approved and after: what the public may see.
PUBLIC_STATUSES = (
    CommitmentStatus.APPROVED,
    CommitmentStatus.FULFILLED,
    CommitmentStatus.PARTLY_FULFILLED,
    CommitmentStatus.UNFULFILLED,
)
# The year-end verdicts staff give from the evidence.
CLOSED_STATUSES = (
    CommitmentStatus.FULFILLED,
    CommitmentStatus.PARTLY_FULFILLED,
    CommitmentStatus.UNFULFILLED,
)
