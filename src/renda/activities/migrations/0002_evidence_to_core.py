"""Activity evidence moves to core.Attachment: the same files, names and kinds, one row each, in
the order they were uploaded. Who uploaded each and when are taken from its audit row (no
uploader and the activity's registration time when there is none: evidence may be added after
registration, by the deputy or by staff). Reversible: the rows go back to the old table, which
0003 recreates first when migrating backwards."""

from django.db import migrations

# The old choices' values are, by design, core's: a photo stays a photo, a file a document.
KIND = {"photo": "photo", "file": "file"}
BATCH = 1000


def to_core(apps, schema_editor):
    Old = apps.get_model("activities", "ActivityEvidence")
    if not Old.objects.exists():
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    Attachment = apps.get_model("core", "Attachment")
    AuditEntry = apps.get_model("core", "AuditEntry")
    target, _ = ContentType.objects.get_or_create(app_label="activities", model="activity")
    uploads = {}
    old_type = ContentType.objects.filter(app_label="activities", model="activityevidence").first()
    if old_type is not None:
        created = AuditEntry.objects.filter(content_type=old_type, action="create")
        for object_id, actor_id, at in created.order_by("at", "pk").values_list(
            "object_id", "actor_id", "at"
        ):
            uploads.setdefault(object_id, (actor_id, at))
    rows = []
    for old in Old.objects.select_related("activity").order_by("pk").iterator(chunk_size=BATCH):
        actor_id, at = uploads.get(str(old.pk), (None, old.activity.created_at))
        rows.append(
            Attachment(
                content_type=target,
                object_id=str(old.activity_id),
                kind=KIND[old.kind],
                file=old.file.name,
                original_name=old.original_name,
                uploaded_by_id=actor_id,
                created_at=at,
            )
        )
        if len(rows) == BATCH:
            Attachment.objects.bulk_create(rows)
            rows = []
    Attachment.objects.bulk_create(rows)


def back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    target = ContentType.objects.filter(app_label="activities", model="activity").first()
    if target is None:
        return
    Old = apps.get_model("activities", "ActivityEvidence")
    moved = apps.get_model("core", "Attachment").objects.filter(content_type=target)
    inverse = {new: old for old, new in KIND.items()}
    Old.objects.bulk_create(
        (
            Old(
                activity_id=int(a.object_id),
                kind=inverse[a.kind],
                file=a.file.name,
                original_name=a.original_name,
            )
            for a in moved.order_by("pk").iterator(chunk_size=BATCH)
        ),
        batch_size=BATCH,
    )
    moved.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0004_attachment"),
    ]
    operations = [migrations.RunPython(to_core, back)]
