"""Backends for tests: they record what they were asked to send instead of sending it."""

from renda.notifications.backends import NotificationBackend

SENT: list[tuple[str, int, str]] = []


class RecordingBackend(NotificationBackend):
    channel = "recording"

    def send(self, notification, address):
        SENT.append((self.channel, notification.pk, address))


class OtherRecordingBackend(RecordingBackend):
    channel = "other"


class BrokenBackend(NotificationBackend):
    channel = "broken"

    def send(self, notification, address):
        raise ConnectionError("gateway unreachable")


PATH = "renda.notifications.tests.backends"
