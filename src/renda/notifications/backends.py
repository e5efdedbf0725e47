"""Channels a notification leaves renda through, besides the inbox: pluggable, one class each.

settings.NOTIFICATION_BACKENDS lists dotted paths; each backend is called after the transaction
that created the notification commits. `address_for` says where the user is reached on this
channel (None: not reachable, the delivery is recorded as skipped); `send` delivers or raises,
and the exception's text is kept on the delivery as its error.
"""

import logging
from functools import cache

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

logger = logging.getLogger("renda.notifications")

DEFAULT_BACKENDS = ["renda.notifications.backends.LogBackend"]


class NotificationBackend:
    """Base class: a channel name (unique among the configured backends) and two methods."""

    channel = ""

    def address_for(self, user) -> str | None:
        return user.get_username()

    def send(self, notification, address: str) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


def absolute_link(link: str) -> str:
    """A link usable outside the browser session: PUBLIC_BASE_URL + the path."""
    if not link or "://" in link:
        return link
    return f"{settings.PUBLIC_BASE_URL}{link}" if settings.PUBLIC_BASE_URL else link


def plain_text(notification) -> str:
    parts = [notification.title, notification.body, absolute_link(notification.link)]
    return "\n\n".join(p for p in parts if p)


def masked(address: str) -> str:
    """An address as logs may show it: 138****5678, zh***@example.cn. Logs are read by more
    people than those entitled to a deputy's phone or e-mail."""
    if "@" in address:
        name, _, domain = address.partition("@")
        return f"{name[:2]}***@{domain}"
    if len(address) > 7:
        return f"{address[:3]}****{address[-4:]}"
    return "****"


class LogBackend(NotificationBackend):
    """The default: writes each notification to the logger "renda.notifications"."""

    channel = "log"

    def send(self, notification, address: str) -> None:
        logger.info(
            "notification %s to %s [%s]: %s",
            notification.pk,
            address,  # the username: not private
            notification.kind,
            notification.title,
        )


class EmailBackend(NotificationBackend):
    """E-mail through django.core.mail (EMAIL_* settings) to the user's address, if they have
    one."""

    channel = "email"

    def address_for(self, user) -> str | None:
        return user.email or None

    def send(self, notification, address: str) -> None:
        send_mail(
            subject=notification.title,
            message=plain_text(notification),
            from_email=None,  # DEFAULT_FROM_EMAIL
            recipient_list=[address],
        )


class SmsBackend(NotificationBackend):
    """SMS to the mobile phone of the deputy the user stands for. This base class only logs what
    it would send: a deployment subclasses it, overrides `send_text` with its gateway's call,
    and names the subclass in NOTIFICATION_BACKENDS."""

    channel = "sms"
    max_length = 300

    def address_for(self, user) -> str | None:
        from renda.accounts.models import RoleGrant
        from renda.core.choices import Role

        phone = (
            RoleGrant.objects.filter(user=user, role=Role.DEPUTY)
            .exclude(person__phone="")
            .order_by("pk")
            .values_list("person__phone", flat=True)
            .first()
        )
        return phone or None

    def send(self, notification, address: str) -> None:
        text = notification.title
        if notification.link:
            text = f"{text} {absolute_link(notification.link)}"
        self.send_text(address, text[: self.max_length])

    def send_text(self, phone: str, text: str) -> None:
        logger.info("SMS (no gateway configured) to %s: %s", masked(phone), text)


@cache
def _load(paths: tuple[str, ...]) -> tuple[NotificationBackend, ...]:
    backends = tuple(import_string(path)() for path in paths)
    channels = [b.channel for b in backends]
    if len(set(channels)) != len(channels) or "inbox" in channels or "" in channels:
        raise ValueError(f"NOTIFICATION_BACKENDS need distinct channel names: {channels}")
    return backends


def configured_backends() -> tuple[NotificationBackend, ...]:
    paths = getattr(settings, "NOTIFICATION_BACKENDS", DEFAULT_BACKENDS)
    return _load(tuple(paths))
