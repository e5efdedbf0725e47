from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q


class NotificationQuerySet(models.QuerySet):
    """An inbox is personal: not even an administrator reads another user's, so this is not a
    `RestrictedQuerySet` (whose administrators see everything) but `for_recipient`."""

    def for_recipient(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def inbox_order(self):
        """Unread first, then newest first."""
        unread = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
        return self.order_by(unread.desc(), "-created_at", "-pk")

    def with_key(self, key: str):
        return self.filter(key=key)
