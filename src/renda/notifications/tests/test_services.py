"""notify(): inbox rows in the caller's transaction, external channels only after commit,
each key once per recipient; deliveries recorded per channel."""

import logging

import pytest
from django.core import mail
from django.db import transaction

from renda.accounts.tests.factories import UserFactory, user_with
from renda.notifications import services
from renda.notifications.backends import EmailBackend, LogBackend, SmsBackend
from renda.notifications.choices import INBOX, DeliveryStatus
from renda.notifications.models import Delivery, Notification
from renda.notifications.tests import backends as recording
from renda.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _recording(settings):
    settings.NOTIFICATION_BACKENDS = [
        f"{recording.PATH}.RecordingBackend",
        f"{recording.PATH}.OtherRecordingBackend",
    ]
    recording.SENT.clear()
    yield
    recording.SENT.clear()


class Boom(Exception):
    pass


def send(users, key="k1", **extra):
    return services.notify(
        recipients=users,
        kind="test.kind",
        title="提醒",
        body="请尽快提交承诺。",
        link="/inbox/",
        key=key,
        **extra,
    )


def test_commit_sends_once_per_backend(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        (n,) = send([user])
        assert recording.SENT == []  # not before the commit
    assert len(callbacks) == 1
    assert sorted(recording.SENT) == [
        ("other", n.pk, user.username),
        ("recording", n.pk, user.username),
    ]
    assert dict(Delivery.objects.filter(notification=n).values_list("channel", "status")) == {
        INBOX: DeliveryStatus.SENT,
        "recording": DeliveryStatus.SENT,
        "other": DeliveryStatus.SENT,
    }
    assert not Delivery.objects.filter(notification=n, sent_at__isnull=True).exists()


def test_rollback_sends_and_keeps_nothing(django_capture_on_commit_callbacks):
    user = UserFactory()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Boom),
        transaction.atomic(),
    ):
        send([user])
        raise Boom
    assert callbacks == []
    assert recording.SENT == []
    assert not Notification.objects.exists()
    assert not Delivery.objects.exists()


def test_deliveries_wait_as_pending_until_commit(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        (n,) = send([user])
    assert set(n.deliveries.exclude(channel=INBOX).values_list("status", flat=True)) == {
        DeliveryStatus.PENDING
    }
    callbacks[0]()
    callbacks[0]()  # a repeated callback finds nothing pending: still one send per channel
    assert len(recording.SENT) == 2


def test_same_key_reaches_each_recipient_once(django_capture_on_commit_callbacks):
    first, second = UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert len(send([first])) == 1
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = send([first, second, second])
    assert [n.recipient for n in again] == [second]
    assert Notification.objects.filter(key="k1").count() == 2
    assert len(callbacks) == 1
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert send([first, second]) == []
    assert callbacks == []  # nothing new, nothing scheduled
    assert len(recording.SENT) == 4  # two recipients × two channels, once each


def test_another_key_is_a_new_notification():
    user = UserFactory()
    send([user], key="a")
    send([user], key="b")
    assert Notification.objects.filter(recipient=user).count() == 2


def test_without_key_every_call_is_new():
    user = UserFactory()
    services.notify(recipients=[user], kind="x", title="一", key=None)
    services.notify(recipients=[user], kind="x", title="一", key=None)
    assert Notification.objects.filter(recipient=user).count() == 2


def test_inactive_users_and_none_are_left_out():
    inactive = UserFactory(is_active=False)
    assert send([inactive, None]) == []
    assert not Notification.objects.exists()


def test_a_parallel_insert_of_the_same_key_is_left_out():
    """Regression: a run that lost the race to another run must not fail or send twice."""
    user, other = UserFactory(), UserFactory()
    rows = [
        Notification(recipient=user, kind="x", title="t", key="race"),
        Notification(recipient=other, kind="x", title="t", key="race"),
    ]
    Notification.objects.create(recipient=user, kind="x", title="t", key="race")
    created = services._insert(rows)
    assert [n.recipient for n in created] == [other]
    assert Notification.objects.filter(key="race").count() == 2


def test_a_failing_channel_is_recorded_and_does_not_stop_the_others(
    settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_BACKENDS = [
        f"{recording.PATH}.BrokenBackend",
        f"{recording.PATH}.RecordingBackend",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        (n,) = send([UserFactory()])
    broken = n.deliveries.get(channel="broken")
    assert broken.status == DeliveryStatus.FAILED
    assert "gateway unreachable" in broken.error
    assert n.deliveries.get(channel="recording").status == DeliveryStatus.SENT
    assert len(recording.SENT) == 1


def test_log_backend_is_the_default(settings, caplog, django_capture_on_commit_callbacks):
    del settings.NOTIFICATION_BACKENDS
    with (
        caplog.at_level(logging.INFO, logger="renda.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        (n,) = send([UserFactory(username="liyuan")])
    assert "liyuan" in caplog.text and "提醒" in caplog.text
    assert n.deliveries.get(channel=LogBackend.channel).status == DeliveryStatus.SENT


def test_email_goes_to_the_users_address_and_is_skipped_without_one(
    settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_BACKENDS = ["renda.notifications.backends.EmailBackend"]
    settings.PUBLIC_BASE_URL = "https://rd.example.cn"
    with_mail, without = UserFactory(email="ly@example.cn"), UserFactory(email="")
    with django_capture_on_commit_callbacks(execute=True):
        send([with_mail, without])
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ly@example.cn"]
    assert mail.outbox[0].subject == "提醒"
    assert "https://rd.example.cn/inbox/" in mail.outbox[0].body
    statuses = dict(
        Delivery.objects.filter(channel=EmailBackend.channel).values_list(
            "notification__recipient__email", "status"
        )
    )
    assert statuses == {"ly@example.cn": DeliveryStatus.SENT, "": DeliveryStatus.SKIPPED}


def test_sms_base_logs_to_the_deputys_phone_masked(
    settings, caplog, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_BACKENDS = ["renda.notifications.backends.SmsBackend"]
    deputy = user_with("deputy", person=PersonFactory(phone="13800001111"))
    plain = UserFactory()
    with (
        caplog.at_level(logging.INFO, logger="renda.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        send([deputy, plain])
    # The log names the number as far as a reader of logs may see it, never in full.
    assert "138****1111" in caplog.text
    assert "13800001111" not in caplog.text
    statuses = dict(
        Delivery.objects.filter(channel=SmsBackend.channel).values_list(
            "notification__recipient", "status"
        )
    )
    assert statuses == {deputy.pk: DeliveryStatus.SENT, plain.pk: DeliveryStatus.SKIPPED}


def test_mark_read_touches_only_the_actors_own():
    owner, other = UserFactory(), UserFactory()
    (n,) = send([owner])
    services.notification_mark_read(actor=other, notification=n)
    n.refresh_from_db()
    assert n.read_at is None
    services.notification_mark_read(actor=owner, notification=n)
    n.refresh_from_db()
    first = n.read_at
    assert first is not None
    services.notification_mark_read(actor=owner, notification=n)
    n.refresh_from_db()
    assert n.read_at == first  # the first reading time stays


def test_mark_all_read():
    owner, other = UserFactory(), UserFactory()
    send([owner, other], key="a")
    send([owner], key="b")
    assert services.notifications_mark_all_read(actor=owner) == 2
    assert Notification.objects.unread().get().recipient == other


def test_a_step_is_told_in_the_systems_language_whatever_the_actors_browser_speaks():
    """Notices are stored and read later by others: an English-speaking clerk's approval
    reaches the deputy in Chinese."""
    from django.utils import translation

    from renda.commitments.choices import CommitmentStatus
    from renda.commitments.tests.factories import CommitmentFactory
    from renda.commitments.workflow import COMMITMENT
    from renda.congresses.tests.factories import CongressFactory, TermFactory
    from renda.people.tests.factories import MandateFactory
    from renda.regions.tests.factories import rongchang

    seat = MandateFactory(term=TermFactory(congress=CongressFactory(region=rongchang())))
    deputy = user_with("deputy", person=seat.person)
    staff = user_with("staff", region=rongchang())
    commitment = CommitmentFactory(mandate=seat, status=CommitmentStatus.SUBMITTED)
    with translation.override("en"):
        COMMITMENT.transition(actor=staff, obj=commitment, name="approve", note="很好")
    notice = Notification.objects.get(recipient=deputy)
    assert notice.title == f"承诺“{commitment.title}”：审核通过"
    assert notice.body == "说明：很好"
    assert not Notification.objects.filter(recipient=staff).exists()
