"""The data migration that moved progress attachments into core.Attachment: the same files,
names, kinds and order, who uploaded each and when from the audit log, and back again."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from renda.accounts.tests.factories import UserFactory
from renda.commitments.models import CommitmentProgress
from renda.commitments.tests.factories import CommitmentFactory
from renda.core.models import Attachment
from renda.core.testing import migrate_to

BEFORE = [("commitments", "0002_return_reasons")]
AFTER = [("commitments", "0004_delete_progressattachment")]


@pytest.mark.django_db(transaction=True)
def test_progress_attachments_move_to_core_in_order_and_back():
    author, uploader = UserFactory(), UserFactory()
    commitment = CommitmentFactory()
    progress = CommitmentProgress.objects.create(
        commitment=commitment, author=author, day=datetime.date(2026, 3, 1), text="走访"
    )
    uploaded_at = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 30))
    files = [("file", "签到表.pdf"), ("photo", "现场.jpg"), ("photo", "合影.jpg")]
    try:
        old = migrate_to(BEFORE)
        Old = old.get_model("commitments", "ProgressAttachment")
        rows = [
            Old.objects.create(
                progress_id=progress.pk,
                kind=kind,
                file=f"commitments/{commitment.pk}/{name}",
                original_name=name,
            )
            for kind, name in files
        ]
        old_type, _ = old.get_model("contenttypes", "ContentType").objects.get_or_create(
            app_label="commitments", model="progressattachment"
        )
        entry = old.get_model("core", "AuditEntry").objects.create(
            actor_id=uploader.pk,
            actor_label=uploader.username,
            action="create",
            content_type=old_type,
            object_id=str(rows[1].pk),
            object_repr="现场.jpg",
        )
        type(entry).objects.filter(pk=entry.pk).update(at=uploaded_at)

        migrate_to(AFTER)
        moved = list(progress.attachments.all())
        assert [(a.kind, a.original_name) for a in moved] == files
        assert [a.file.name for a in moved] == [
            f"commitments/{commitment.pk}/{n}" for _, n in files
        ]
        assert moved[1].uploaded_by == uploader and moved[1].created_at == uploaded_at
        # Without an audit row: the report's author and time.
        assert moved[0].uploaded_by == author and moved[0].created_at == progress.created_at

        old = migrate_to(BEFORE)
        Old = old.get_model("commitments", "ProgressAttachment")
        back = Old.objects.order_by("pk")
        assert [(a.kind, a.original_name, a.progress_id) for a in back] == [
            (kind, name, progress.pk) for kind, name in files
        ]
        assert [a.file.name for a in back] == [f"commitments/{commitment.pk}/{n}" for _, n in files]
        assert not Attachment.objects.exists()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        ContentType.objects.clear_cache()
