"""The office's page of a rated item: its ratings in the order given, each with its day (the
page ordered them by a field ratings do not have, and answered 500 once an item was rated)."""

import pytest
from django.test import Client
from freezegun import freeze_time

from renda.suggestions.tests.factories import world
from renda.suggestions.tests.test_public import replied

pytestmark = pytest.mark.django_db


@freeze_time("2025-03-03 10:00:00+08:00")
def test_the_page_of_a_rated_item_shows_its_ratings():
    w = world()
    s = replied(w, "关于增设昌州大道公交站点的建议", dissatisfied=True)
    client = Client()
    client.force_login(w.staff)
    response = client.get(s.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "2025年3月3日" in body and "不满意" in body
