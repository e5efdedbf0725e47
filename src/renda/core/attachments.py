"""Photos and documents attached to any record: one table (`Attachment`) and one service.

A module declares `attachments = GenericRelation("core.Attachment")` on its model and calls
`attachments_add` in the transaction that writes the record. Every file is checked (and every
photo re-encoded without metadata) by `core.evidence` before anything is saved, so one refused
file saves nothing.

Re-encoding a photo takes a while; a service that locks rows calls `prepare(files)` before its
transaction and passes the prepared files to `attachments_add`, which takes both.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from renda.core import evidence
from renda.core import services as base
from renda.core.evidence import Evidence
from renda.core.models import Attachment


def prepare(files, field: str = "files") -> list[Evidence]:
    """Check every upload and re-encode photos; files already prepared pass as they are.
    Refuses (ValidationFailed on `field`) the first file that is not allowed."""
    prepared = []
    for item in files:
        prepared.extend([item] if isinstance(item, Evidence) else evidence.prepare([item], field))
    return prepared


def attachments_add(*, actor, obj: models.Model, files, field: str = "files") -> list[Attachment]:
    """Attach `files` (uploads or prepared) to `obj`, in their order; each row is audited."""
    if obj.pk is None:
        raise ValueError("Save the record before attaching files to it.")
    prepared = prepare(files, field)
    content_type = ContentType.objects.get_for_model(obj)
    uploaded_by = None if base.is_system(actor) else actor
    added = []
    with transaction.atomic():
        for item in prepared:
            attachment = Attachment(
                content_type=content_type,
                object_id=str(obj.pk),
                kind=item.kind,
                original_name=item.original_name,
                uploaded_by=uploaded_by,
            )
            attachment.file.save(item.stored_name, item.content, save=False)
            added.append(base.create(actor=actor, obj=attachment))
    return added
