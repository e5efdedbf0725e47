"""Who may open each page of the evaluation, beyond what the access matrix checks (access.py):
a deputy's refused steps change nothing, staff of 铜梁区 get 404 on 荣昌区's objects and see only
their own rows, the rightful staff see each page; a deputy opens only their own result, and
only of a final evaluation."""

import pytest
from django.urls import reverse

from renda.assessment import services
from renda.assessment.models import ScoreAdjustment
from renda.assessment.tests.test_views import make_world
from renda.core.testing import frozen_at, opens, xlsx_of

pytestmark = pytest.mark.django_db


frozen = frozen_at("2025-01-10 10:00:00+08:00")


@pytest.fixture
def w():
    world = make_world()
    world.item = world.table.items.get(code="inspections")
    world.band = world.table.bands.first()
    world.adjustment = services.adjustment_add(
        actor="test",
        congress=world.congress,
        year=2024,
        mandate=world.li,
        item_code="commendation",
        points=5,
        reason="受表扬",
    )
    return world


LISTS = ["table_list", "table_create", "adjustment_list", "evaluation_list", "evaluation_run"]
# (url name, the world's object) of the staff pages on one object (GET).
OBJECT_PAGES = [
    ("table_detail", "table"),
    ("table_edit", "table"),
    ("table_copy", "table"),
    ("item_create", "table"),
    ("band_create", "table"),
    ("item_edit", "item"),
    ("band_edit", "band"),
    ("adjustment_edit", "adjustment"),
    ("evaluation_detail", "evaluation"),
    ("evaluation_finalize", "evaluation"),
    ("evaluation_xlsx", "evaluation"),
    ("evaluation_dashboard", "evaluation"),
]
# POST-only steps on one object.
OBJECT_POSTS = [
    ("table_publish", "table"),
    ("item_delete", "item"),
    ("band_delete", "band"),
    ("adjustment_delete", "adjustment"),
    ("evaluation_publish_scores", "evaluation"),
]


def _url(w, name, attr):
    return reverse(f"assessment:{name}", args=[getattr(w, attr).pk])


def _all_get_urls(w):
    urls = [reverse(f"assessment:{n}") for n in LISTS]
    urls += [_url(w, n, a) for n, a in OBJECT_PAGES]
    urls.append(reverse("assessment:adjustment_create", args=[w.congress.pk, 2024]))
    return urls


def test_a_deputy_cannot_open_the_staff_pages(client, w):
    client.force_login(w.deputy)
    for url in _all_get_urls(w):
        assert client.get(url).status_code == 403, url
    for name, attr in OBJECT_POSTS:
        assert client.post(_url(w, name, attr)).status_code == 403, name
    assert ScoreAdjustment.objects.count() == 1


def test_staff_of_another_region_get_404_on_its_objects(client, w):
    client.force_login(w.tl_staff)
    for name, attr in OBJECT_PAGES:
        assert client.get(_url(w, name, attr)).status_code == 404, name
    for name, attr in OBJECT_POSTS:
        assert client.post(_url(w, name, attr)).status_code == 404, name
    url = reverse("assessment:adjustment_create", args=[w.congress.pk, 2024])
    assert client.get(url).status_code == 404
    for seat in (w.li, w.wang):
        result = w.result(seat)
        assert client.get(result.get_absolute_url()).status_code == 404
        pdf = reverse("assessment:result_pdf", args=[result.pk])
        assert client.get(pdf).status_code == 404
    assert ScoreAdjustment.objects.count() == 1
    # Their lists hold only their own region's rows.
    page = client.get(reverse("assessment:table_list")).content.decode()
    assert "铜梁区人民代表大会" in page and "荣昌区人民代表大会" not in page
    form = client.get(reverse("assessment:evaluation_run")).context["form"]
    assert list(form.fields["congress"].queryset) == [w.tl_congress]


# What each staff page shows (the results: a workbook); who may open which is in access.py.
SHOWN = {
    "table_list": "荣昌区人民代表大会",
    "table_create": "新建评分表",
    "adjustment_list": "黎源",
    "evaluation_list": "荣昌区人民代表大会",
    "evaluation_run": "计算评价结果",
    "table_detail": "荣昌区人民代表大会",
    "table_edit": "编辑评分表",
    "table_copy": "创建新版本",
    "item_create": "新建评分项",
    "band_create": "新建等次",
    "item_edit": "编辑评分项",
    "band_edit": "编辑等次",
    "adjustment_edit": "黎源",
    "evaluation_detail": "黎源",
    "evaluation_finalize": "确定最终结果",
    "evaluation_dashboard": "统计概览",
}


def test_the_rightful_staff_open_every_page(client, w):
    client.force_login(w.staff)
    for name in LISTS:
        opens(client, reverse(f"assessment:{name}"), SHOWN[name])
    for name, attr in OBJECT_PAGES:
        if name == "evaluation_xlsx":
            assert xlsx_of(client.get(_url(w, name, attr))).active
        else:
            opens(client, _url(w, name, attr), SHOWN[name])
    url = reverse("assessment:adjustment_create", args=[w.congress.pk, 2024])
    opens(client, url, "新增加分或扣分")
    result = w.result(w.wang)
    opens(client, result.get_absolute_url(), "王芳")
    sheet = client.get(reverse("assessment:result_pdf", args=[result.pk]))
    assert sheet.status_code == 200 and sheet.content.startswith(b"%PDF")


def test_a_deputy_cannot_see_a_result_before_it_is_final(client, w):
    client.force_login(w.deputy)
    result = w.result(w.li)
    assert client.get(result.get_absolute_url()).status_code == 404
    assert client.get(reverse("assessment:result_pdf", args=[result.pk])).status_code == 404
    assert list(client.get(reverse("assessment:mine")).context["results"]) == []


def test_a_deputy_sees_only_their_own_final_result(client, w):
    services.evaluation_finalize(actor="test", evaluation=w.evaluation)
    client.force_login(w.deputy)
    own, other = w.result(w.li), w.result(w.wang)
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(reverse("assessment:result_pdf", args=[own.pk])).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(reverse("assessment:result_pdf", args=[other.pk])).status_code == 404
