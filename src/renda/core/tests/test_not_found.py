"""The 404 page, worded for who asked: the public read a plain "not found"; staff on their own
pages read that a record may also lie outside their area (out of scope answers 404 like a
missing row)."""

import pytest
from django.urls import reverse

from renda.accounts.models import RoleGrant
from renda.accounts.tests.factories import UserFactory
from renda.core.choices import Role
from renda.core.testing import login
from renda.regions.tests.factories import rongchang

pytestmark = pytest.mark.django_db


def _staff():
    user = UserFactory()
    RoleGrant.objects.create(user=user, role=Role.STAFF, region=rongchang())
    return user


def test_the_public_read_a_plain_not_found(client):
    """Regression: anonymous visitors of a public page read "不在您的工作范围内"."""
    for url in (reverse("portal:deputy", args=[999999]), "/no-such-page/"):
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code == 404
        assert "页面不存在或已被删除" in body
        assert "工作范围" not in body


def test_signed_in_users_on_a_public_page_read_a_plain_not_found_too(client):
    login(client, _staff())
    body = client.get(reverse("portal:deputy", args=[999999])).content.decode()
    assert "页面不存在或已被删除" in body and "工作范围" not in body


def test_staff_on_a_staff_page_read_that_it_may_lie_outside_their_area(client):
    login(client, _staff())
    response = client.get(reverse("people:person_detail", args=[999999]))
    assert response.status_code == 404
    assert "不在您的工作范围内" in response.content.decode()
