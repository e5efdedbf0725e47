"""One attachment table for every record: photos re-encoded, documents checked, all refused if
one is, each row audited, stored under attachments/<app>/<model>/<yyyy>/<mm>/."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from renda.core import attachments, audit, evidence
from renda.core.attachments import attachments_add
from renda.core.choices import AttachmentKind, AuditAction
from renda.core.exceptions import ValidationFailed
from renda.core.models import Attachment, AuditEntry
from renda.core.testing import counter, frozen_at, pdf, photo

pytestmark = pytest.mark.django_db


frozen = frozen_at("2026-03-05 10:00:00+08:00")


@pytest.fixture
def uploader():
    return get_user_model().objects.create(username="uploader")


@pytest.fixture
def record():
    """Any saved row will do; a user stands for the record the files prove."""
    return get_user_model().objects.create(username="record")


def png():
    """A wide PNG, as a phone sends one; re-encoded to a JPEG on the way in."""
    return photo("现场.png", size=(2400, 1200), fmt="PNG")


written = counter(Attachment, AuditEntry)


def test_photos_and_documents_are_attached_in_order_and_audited(uploader, record):
    photo, document = attachments_add(actor=uploader, obj=record, files=[png(), pdf()])

    assert photo.kind == AttachmentKind.PHOTO == evidence.PHOTO
    assert document.kind == AttachmentKind.DOCUMENT == evidence.DOCUMENT
    assert (photo.original_name, document.original_name) == ("现场.png", "签到表.pdf")
    assert photo.content_object == record and photo.uploaded_by == uploader
    assert list(Attachment.objects.for_object(record)) == [photo, document]
    # Re-encoded: a JPEG no larger than 1600 px, stored under a random name.
    assert re.fullmatch(r"attachments/accounts/user/2026/03/[0-9a-f]{32}\.jpg", photo.file.name)
    assert re.fullmatch(r"attachments/accounts/user/2026/03/[0-9a-f]{32}\.pdf", document.file.name)
    with Image.open(photo.file) as image:
        assert image.format == "JPEG" and max(image.size) <= 1600
    for attachment in (photo, document):
        entry = audit.timeline(attachment).get()
        assert entry.action == AuditAction.CREATE and entry.actor == uploader


def test_files_prepared_before_the_transaction_are_stored_as_they_are(uploader, record):
    prepared = attachments.prepare([png(), pdf()])
    assert all(isinstance(item, evidence.Evidence) for item in prepared)
    added = attachments_add(actor=uploader, obj=record, files=prepared)
    assert [a.kind for a in added] == ["photo", "file"]


def test_a_command_attaches_without_an_uploader(record):
    (added,) = attachments_add(actor="import", obj=record, files=[pdf()])
    assert added.uploaded_by is None
    assert audit.timeline(added).get().actor_label == "import"


def test_no_files_attach_nothing(uploader, record):
    assert attachments_add(actor=uploader, obj=record, files=[]) == []
    assert written() == (0, 0)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream"), None),
        (SimpleUploadedFile("假照片.jpg", b"not a picture", content_type="image/jpeg"), None),
        (pdf("大文件.pdf", size=evidence.DOCUMENT_MAX_BYTES), "10"),
    ],
    ids=["wrong type", "not a picture", "too large"],
)
def test_one_refused_file_saves_nothing(uploader, record, settings, bad, message):
    before = written()
    files_before = sorted(p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())
    with pytest.raises(ValidationFailed) as info:
        attachments_add(actor=uploader, obj=record, files=[png(), pdf(), bad], field="evidence")
    assert written() == before
    assert sorted(p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()) == files_before
    assert "evidence" in info.value.extra["errors"]
    if message:
        assert message in str(info.value.message)


def test_an_unsaved_record_cannot_have_files(uploader):
    with pytest.raises(ValueError):
        attachments_add(actor=uploader, obj=get_user_model()(username="unsaved"), files=[pdf()])
    assert written() == (0, 0)
