"""Notifications' part of the shared world: one in the deputy's inbox."""

from renda.notifications.models import Notification


def build(w) -> None:
    w.notification = Notification.objects.create(
        recipient=w.users["deputy"], kind="test", title="请及时登记履职活动", key="world"
    )
