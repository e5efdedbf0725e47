"""The data migration that moved activity evidence into core.Attachment: the same files, names,
kinds and order, who uploaded each and when from the audit log, and back again."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from renda.accounts.tests.factories import UserFactory
from renda.activities.tests.factories import ActivityFactory
from renda.core.models import Attachment
from renda.core.testing import migrate_to

BEFORE = [("activities", "0001_initial")]
AFTER = [("activities", "0003_delete_activityevidence")]


@pytest.mark.django_db(transaction=True)
def test_activity_evidence_moves_to_core_in_order_and_back():
    uploader = UserFactory()
    activity, other = ActivityFactory(), ActivityFactory()
    uploaded_at = timezone.make_aware(datetime.datetime(2024, 5, 11, 16, 0))
    files = [
        (activity, "photo", "现场.jpg"),
        (other, "file", "通知.pdf"),
        (activity, "file", "签到表.pdf"),
    ]
    try:
        old = migrate_to(BEFORE)
        Old = old.get_model("activities", "ActivityEvidence")
        rows = [
            Old.objects.create(
                activity_id=a.pk, kind=kind, file=f"activities/{a.pk}/{name}", original_name=name
            )
            for a, kind, name in files
        ]
        old_type, _ = old.get_model("contenttypes", "ContentType").objects.get_or_create(
            app_label="activities", model="activityevidence"
        )
        entry = old.get_model("core", "AuditEntry").objects.create(
            actor_id=uploader.pk,
            actor_label=uploader.username,
            action="create",
            content_type=old_type,
            object_id=str(rows[2].pk),
            object_repr="签到表.pdf",
        )
        type(entry).objects.filter(pk=entry.pk).update(at=uploaded_at)

        migrate_to(AFTER)
        mine = list(activity.evidence.all())
        assert [(e.kind, e.original_name) for e in mine] == [
            ("photo", "现场.jpg"),
            ("file", "签到表.pdf"),
        ]
        assert [e.file.name for e in mine] == [
            f"activities/{activity.pk}/现场.jpg",
            f"activities/{activity.pk}/签到表.pdf",
        ]
        assert [e.original_name for e in other.evidence.all()] == ["通知.pdf"]
        assert mine[1].uploaded_by == uploader and mine[1].created_at == uploaded_at
        # Without an audit row: no uploader, the activity's registration time.
        assert mine[0].uploaded_by is None and mine[0].created_at == activity.created_at

        old = migrate_to(BEFORE)
        back = old.get_model("activities", "ActivityEvidence").objects.order_by("pk")
        assert [(e.activity_id, e.kind, e.original_name) for e in back] == [
            (a.pk, kind, name) for a, kind, name in files
        ]
        assert not Attachment.objects.exists()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        ContentType.objects.clear_cache()
