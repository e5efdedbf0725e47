"""Private fields stay private in every history: each private field of each model that declares
some (`core.privacy`) is changed, then the object's page (its timeline) and the administrators'
audit log are opened as every role. A role that may not read the field never finds its values,
old or new, in any form (as stored, as a date in words); a role that may reads the change."""

import datetime
import re

import pytest
from django.db import models
from django.urls import reverse
from django.utils import formats

from renda.core import audit, history, privacy
from renda.core.choices import AuditAction
from renda.core.testing import ROLES, frozen_at, login, shared_world

pytestmark = pytest.mark.django_db

frozen = frozen_at("2026-10-13 10:00:00+08:00")

# What each role may read of each object of the shared world whose model declares private
# fields: "all" of them, "phone" only, or None (the page is refused: 302, 403 or 404). A model
# that declares private fields without a row here fails `test_every_declared_model_is_walked`.
EXPECTED = {
    "people.person": {
        # 黎源: the deputy himself, the head of the liaison's station, elected in 直升镇.
        "li": {
            "anon": None,
            "deputy": "all",
            "liaison": "phone",
            "unit": None,
            "town": "all",
            "district": "all",
            "other": None,
            "admin": "all",
        },
        # 王芳: a deputy of 荣昌区, in no station and not elected in 直升镇.
        "wang": {
            "anon": None,
            "deputy": None,
            "liaison": None,
            "unit": None,
            "town": None,
            "district": "all",
            "other": None,
            "admin": "all",
        },
    },
}
READS = {"all": None, "phone": {"phone"}}  # None: every private field


def _key(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def _values(model_field, n: int) -> tuple:
    """Two distinctive values for a field (before and after), and every form each is shown in."""
    if isinstance(model_field, models.DateField):
        days = [datetime.date(1961, 1 + n % 12, 23), datetime.date(1963 + n, 2, 11)]
        return days, [[d.isoformat(), formats.date_format(d, "DATE_FORMAT")] for d in days]
    length = min(model_field.max_length or 11, 18)
    texts = [f"9{n:02d}{i}".ljust(length, str(7 - i))[:length] for i in (1, 2)]
    return texts, [[t] for t in texts]


def _change(obj, name: str, value) -> None:
    """Change one field, audited as a service would (the value bypasses the app's validators:
    what matters here is only where it is shown)."""
    before = audit.snapshot(obj, [name])
    type(obj).objects.filter(pk=obj.pk).update(**{name: value})
    obj.refresh_from_db()
    audit.record(actor="system", action=AuditAction.UPDATE, obj=obj, before=before)


def _timeline(body: str) -> str:
    found = re.search(r'aria-labelledby="timeline-h".*?</section>', body, re.S)
    assert found, "the page shows no history"
    return found.group(0)


def test_every_declared_model_is_walked():
    assert {_key(p.model) for p in privacy.declared()} == set(EXPECTED)


def test_private_values_never_reach_a_history_of_a_reader_who_may_not_see_them(client):
    w = shared_world()
    walked = 0
    for private in privacy.declared():
        objects = EXPECTED[_key(private.model)]
        for n, (attr, readers) in enumerate(objects.items()):
            obj = getattr(w, attr)
            shown = {}
            for m, name in enumerate(sorted(private.fields)):
                values, forms = _values(obj._meta.get_field(name), 10 * n + m)
                for value in values:
                    _change(obj, name, value)
                shown[name] = [text for form in forms for text in form]
            kind = _key(private.model)
            for role in ROLES:
                user = w.users[role]
                client.logout()
                login(client, user)
                page = client.get(obj.get_absolute_url())
                log = client.get(reverse("core:audit_log"), {"kind": kind})
                may = readers[role]
                if may is None:
                    assert page.status_code in (302, 403, 404), (attr, role, page.status_code)
                else:
                    assert page.status_code == 200, (attr, role)
                readable = private.fields if may is None else (READS[may] or private.fields)
                for response in (page, log):
                    if response.status_code != 200:
                        continue
                    body = response.content.decode()
                    for name, texts in shown.items():
                        label = str(obj._meta.get_field(name).verbose_name)
                        where = f"{attr} {name} as {role} on {response.request['PATH_INFO']}"
                        if name in readable:
                            part = _timeline(body) if response is page else body
                            # The new value in words (a date as 1963年2月11日).
                            assert texts[-1] in part, where
                        else:
                            for text in texts:
                                assert text not in body, where
                            # The change itself is still shown, its value withheld.
                            part = _timeline(body) if response is page else body
                            assert f"{label}：<em>{history.HIDDEN}</em>" in part, where
                    walked += 1
    assert walked
