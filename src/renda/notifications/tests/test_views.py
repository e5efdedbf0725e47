"""The inbox per role: anonymous users sign in first, another user's notification is a 404
exactly like a missing one, the recipient reads theirs and opening one marks it read."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from renda.accounts.tests.factories import UserFactory, user_with
from renda.core.testing import main
from renda.notifications.models import Notification
from renda.regions.tests.factories import rongchang

pytestmark = pytest.mark.django_db


def make(user, n=1, **extra) -> list[Notification]:
    start = Notification.objects.count()
    return [
        Notification.objects.create(
            recipient=user,
            kind="test",
            title=extra.get("title", f"通知{start + i}"),
            body="正文",
            link=extra.get("link", ""),
            key=f"k{start + i}",
        )
        for i in range(n)
    ]


def test_anonymous_cannot_open(client):
    (n,) = make(UserFactory())
    response = client.post(reverse("notifications:open", args=[n.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    n.refresh_from_db()
    assert n.read_at is None


def test_another_users_notification_is_not_found(client):
    (theirs,) = make(UserFactory(), title="别人的通知")
    client.force_login(user_with("staff", region=rongchang()))
    assert client.post(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("notifications:open", args=[theirs.pk + 99])).status_code == 404
    assert "别人的通知" not in main(client.get(reverse("notifications:inbox")))
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_an_administrator_sees_only_their_own(client):
    (theirs,) = make(UserFactory(), title="别人的通知")
    client.force_login(user_with("admin"))
    assert "别人的通知" not in main(client.get(reverse("notifications:inbox")))
    assert client.post(reverse("notifications:open", args=[theirs.pk])).status_code == 404


def test_own_inbox_lists_unread_first(client):
    user = UserFactory()
    with freeze_time("2026-03-01"):
        (old,) = make(user, title="旧的未读")
    with freeze_time("2026-03-02"):
        (read,) = make(user, title="新的已读")
    read.read_at = read.created_at
    read.save()
    client.force_login(user)
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 200
    assert [n.pk for n in response.context["notifications"]] == [old.pk, read.pk]
    assert response.context["unread_count"] == 1


def test_opening_marks_read_and_follows_the_link(client):
    user = UserFactory()
    (n,) = make(user, link="/manage/commitments/reminders/?year=2026")
    client.force_login(user)
    response = client.post(reverse("notifications:open", args=[n.pk]))
    assert response.status_code == 302
    assert response.url == "/manage/commitments/reminders/?year=2026"
    n.refresh_from_db()
    assert n.read_at is not None


def test_opening_never_redirects_off_site(client):
    """Regression: a link to another host must not turn the inbox into an open redirect."""
    user = UserFactory()
    (n,) = make(user, link="https://evil.example.com/")
    client.force_login(user)
    response = client.post(reverse("notifications:open", args=[n.pk]))
    assert response.url == reverse("notifications:inbox")


def test_opening_is_a_post(client):
    user = UserFactory()
    (n,) = make(user)
    client.force_login(user)
    assert client.get(reverse("notifications:open", args=[n.pk])).status_code == 405
    n.refresh_from_db()
    assert n.read_at is None


def test_mark_all_read_leaves_others_alone(client):
    user, other = UserFactory(), UserFactory()
    make(user, 3)
    make(other, 1)
    client.force_login(user)
    response = client.post(reverse("notifications:read_all"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=other, read_at__isnull=True).count() == 1


def test_the_header_shows_the_unread_count(client):
    user = UserFactory()
    make(user, 2)
    client.force_login(user)
    body = client.get(reverse("notifications:inbox")).content.decode()
    nav = body[body.index("<nav") : body.index("</nav>")]
    assert reverse("notifications:inbox") in nav
    assert ">2<" in nav


def test_the_header_has_no_inbox_for_anonymous(client):
    body = client.get(reverse("portal:home")).content.decode()
    assert reverse("notifications:inbox") not in body


def test_inbox_query_count_does_not_grow_with_rows(client):
    user = UserFactory()
    client.force_login(user)
    make(user, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("notifications:inbox"))
    make(user, 15)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("notifications:inbox"))
    assert len(many) == len(few)


def test_inbox_is_paginated(client):
    user = UserFactory()
    make(user, 25)
    client.force_login(user)
    first = client.get(reverse("notifications:inbox"))
    assert len(first.context["notifications"]) == 20
    second = client.get(reverse("notifications:inbox") + "?page=2")
    assert len(second.context["notifications"]) == 5
