"""Named reads of notifications."""

from collections.abc import Iterable

from renda.notifications.models import Notification


def recipients_without(recipients: Iterable, key: str) -> list:
    """The active users among `recipients` who have not had a notification with `key`: who
    `notify` would send to now."""
    users = {u.pk: u for u in recipients if u is not None and u.is_active}
    have = set(
        Notification.objects.filter(recipient_id__in=users, key=key).values_list(
            "recipient_id", flat=True
        )
    )
    return [u for pk, u in users.items() if pk not in have]


def unread_count(user) -> int:
    return Notification.objects.for_recipient(user).unread().count()
