"""Writes for notifications: send (`notify`), deliver after commit, mark read.

Notifications are not domain data: they carry no audit rows. What was delivered where is
recorded in `Delivery`, one row per channel.
"""

import logging
import uuid
from collections.abc import Iterable
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone

from renda.notifications.backends import configured_backends
from renda.notifications.choices import INBOX, DeliveryStatus
from renda.notifications.models import Delivery, Notification
from renda.notifications.selectors import recipients_without

logger = logging.getLogger("renda.notifications")


def notify(
    *,
    recipients: Iterable,
    kind: str,
    title: str,
    body: str = "",
    link: str = "",
    key: str | None = None,
) -> list[Notification]:
    """Put a notification in each recipient's inbox and queue it on every configured channel.

    Runs inside the caller's transaction: the inbox rows appear with the caller's changes, and
    the external channels are called only once it commits (nothing leaves if it rolls back).
    A recipient who already has a notification with `key` gets nothing new, so a scheduled run
    repeated sends nothing twice. Without a key every call is new. Returns the new rows.
    """
    key = key or f"once:{uuid.uuid4().hex}"
    with transaction.atomic():
        rows = [
            _row(user, kind, title, body, link, key) for user in recipients_without(recipients, key)
        ]
        return _queue(_insert(rows) if rows else [])


def notify_many(*, kind: str, messages: Iterable[tuple]) -> list[Notification]:
    """One notification per (recipient, title, body, link), each new (no key), in three
    queries however many: what a group registration's arrivals tell each deputy. Inactive
    recipients get nothing."""
    rows = [
        _row(user, kind, title, body, link, f"once:{uuid.uuid4().hex}")
        for user, title, body, link in messages
        if user is not None and user.is_active
    ]
    if not rows:
        return []
    with transaction.atomic():
        return _queue(Notification.objects.bulk_create(rows))


def _row(user, kind, title, body, link, key) -> Notification:
    return Notification(
        recipient=user,
        kind=kind,
        title=str(title)[:200],
        body=str(body),
        link=link or "",
        key=key,
    )


def _queue(created: list[Notification]) -> list[Notification]:
    """The inbox delivery of each new notification, and one pending delivery per configured
    channel, called after commit (nothing leaves if the caller rolls back)."""
    if not created:
        return []
    now = timezone.now()
    channels = [b.channel for b in configured_backends()]
    deliveries = []
    for n in created:
        deliveries.append(
            Delivery(notification=n, channel=INBOX, status=DeliveryStatus.SENT, sent_at=now)
        )
        deliveries.extend(Delivery(notification=n, channel=c) for c in channels)
    Delivery.objects.bulk_create(deliveries)
    pending = [d.pk for d in deliveries if d.status == DeliveryStatus.PENDING]
    if pending:
        transaction.on_commit(partial(deliver, pending))
    return created


def _insert(rows: list[Notification]) -> list[Notification]:
    """Insert all at once; if a parallel run got some keys in first, insert one by one and
    leave out those."""
    try:
        with transaction.atomic():
            return Notification.objects.bulk_create(rows)
    except IntegrityError:
        created = []
        for row in rows:
            try:
                with transaction.atomic():
                    row.pk = None
                    row.save(force_insert=True)
                created.append(row)
            except IntegrityError:
                continue
        return created


def deliver(delivery_ids: list[int]) -> None:
    """Call each pending delivery's channel and record the outcome. Runs after commit; a
    failing channel is recorded as failed and does not stop the others."""
    backends = {b.channel: b for b in configured_backends()}
    deliveries = Delivery.objects.filter(
        pk__in=delivery_ids, status=DeliveryStatus.PENDING
    ).select_related("notification__recipient")
    for delivery in deliveries:
        backend = backends.get(delivery.channel)
        status, error, sent_at = DeliveryStatus.SENT, "", None
        try:
            if backend is None:
                raise LookupError(f"channel {delivery.channel!r} is no longer configured")
            address = backend.address_for(delivery.notification.recipient)
            if not address:
                status = DeliveryStatus.SKIPPED
            else:
                backend.send(delivery.notification, address)
                sent_at = timezone.now()
        except Exception as exc:  # any channel's error is recorded, not raised
            logger.exception("delivery %s on %s failed", delivery.pk, delivery.channel)
            status, error = DeliveryStatus.FAILED, f"{type(exc).__name__}: {exc}"[:2000]
        Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.PENDING).update(
            status=status, error=error, sent_at=sent_at
        )


def notification_mark_read(*, actor, notification: Notification) -> Notification:
    """Mark one of the actor's own notifications read (once: the first reading time stays)."""
    now = timezone.now()
    Notification.objects.for_recipient(actor).filter(
        pk=notification.pk, read_at__isnull=True
    ).update(read_at=now)
    notification.read_at = notification.read_at or now
    return notification


def notifications_mark_all_read(*, actor) -> int:
    """Mark every unread notification of the actor read; returns how many."""
    return Notification.objects.for_recipient(actor).unread().update(read_at=timezone.now())
