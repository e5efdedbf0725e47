"""`copy_rows`: PostgreSQL's COPY as one counted statement, refused elsewhere."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from renda.core.bulk import copy_rows
from renda.core.models import AuditEntry

pytestmark = pytest.mark.django_db

COLUMNS = (
    "at",
    "actor_label",
    "action",
    "content_type_id",
    "object_id",
    "object_repr",
    "changes",
    "note",
)


def _rows(n):
    content_type = ContentType.objects.get_for_model(AuditEntry)
    now = timezone.now()
    return [
        (now, "导入", "create", content_type.pk, str(i), f"第{i}条", json.dumps({"名称": i}), "")
        for i in range(n)
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_rows_go_in_with_one_counted_statement():
    rows = _rows(500)
    with CaptureQueriesContext(connection) as captured:
        copy_rows(AuditEntry, COLUMNS, rows)
    assert [q["sql"][:4] for q in captured] == ["COPY"]
    assert AuditEntry.objects.count() == 500
    entry = AuditEntry.objects.get(object_id="7")
    assert (entry.object_repr, entry.changes) == ("第7条", {"名称": 7})


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the refusal is for the others")
def test_other_databases_are_refused():
    with pytest.raises(NotImplementedError):
        copy_rows(AuditEntry, COLUMNS, _rows(1))
    assert not AuditEntry.objects.exists()
