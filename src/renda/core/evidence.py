"""Evidence files attached to a record (a progress report, an activity): photos are re-encoded
without metadata, documents are checked for type and size. All files are checked before
anything is saved, so a refused file saves nothing of the record."""

from dataclasses import dataclass

from django.core.files.base import File
from django.utils.translation import gettext_lazy as _

from renda.core.exceptions import ValidationFailed
from renda.core.images import reencode_photo

FILE_NOT_ALLOWED = _("Attach photos (JPEG, PNG, WebP) or documents (PDF, Word, Excel) only.")
FILE_TOO_LARGE = _("A document may be at most %(mb)s MB.")

DOCUMENT_TYPES = {".pdf", ".doc", ".docx", ".xls", ".xlsx"}
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
PHOTO_TYPES = {".jpg", ".jpeg", ".png", ".webp"}
PHOTO = "photo"
DOCUMENT = "file"


@dataclass(frozen=True)
class Evidence:
    kind: str  # PHOTO or DOCUMENT, the values of core.choices.AttachmentKind
    content: File
    original_name: str

    @property
    def stored_name(self) -> str:
        """Photos are stored as the JPEG they were re-encoded to."""
        if self.kind == PHOTO:
            return self.original_name.rsplit(".", 1)[0] + ".jpg"
        return self.original_name


def suffix(name: str) -> str:
    return ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""


def prepare(files, field: str = "files") -> list[Evidence]:
    """Check and prepare every upload; refuse the first that is not allowed."""
    prepared = []
    for upload in files:
        kind = suffix(upload.name)
        if kind in PHOTO_TYPES:
            try:
                content = reencode_photo(upload, max_side=1600)
            except ValidationFailed as exc:
                # Shown beside the files field of the form, not a "photo" field it lacks.
                raise ValidationFailed.on(field, exc.message) from exc
            prepared.append(Evidence(PHOTO, content, upload.name[:200]))
        elif kind in DOCUMENT_TYPES:
            if upload.size > DOCUMENT_MAX_BYTES:
                message = FILE_TOO_LARGE % {"mb": DOCUMENT_MAX_BYTES // (1024 * 1024)}
                raise ValidationFailed.on(field, message)
            prepared.append(Evidence(DOCUMENT, upload, upload.name[:200]))
        else:
            raise ValidationFailed.on(field, FILE_NOT_ALLOWED)
    return prepared
