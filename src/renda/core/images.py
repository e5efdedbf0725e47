"""Uploaded photos: checked for type and size, then re-encoded so no metadata survives."""

import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from renda.core.exceptions import ValidationFailed

PHOTO_TOO_LARGE = _("The photo is larger than %(limit)s MB.")
PHOTO_NOT_IMAGE = _("The file is not a JPEG, PNG or WebP picture.")
PHOTO_TOO_SMALL = _("The photo is too small; it needs at least 100 × 100 pixels.")
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding


def reencode_photo(upload, *, max_side: int = 800) -> ContentFile:
    """A JPEG re-encoding of `upload`: turned upright, at most `max_side` pixels on its long
    side, with no EXIF (GPS, camera) or other metadata. Refuses anything that is not a picture."""
    limit = settings.PHOTO_MAX_BYTES
    if upload.size > limit:
        raise ValidationFailed.on("photo", PHOTO_TOO_LARGE % {"limit": limit // (1024 * 1024)})
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ALLOWED_FORMATS:
                raise ValidationFailed.on("photo", PHOTO_NOT_IMAGE)
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationFailed.on("photo", PHOTO_NOT_IMAGE)
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)
            if min(image.size) < 100:
                raise ValidationFailed.on("photo", PHOTO_TOO_SMALL)
            if image.has_transparency_data:
                # JPEG has no alpha: a plain convert would turn transparent parts black.
                rgba = image.convert("RGBA")
                image = Image.new("RGB", rgba.size, (255, 255, 255))
                image.paste(rgba, mask=rgba.getchannel("A"))
            else:
                image = image.convert("RGB")
            image.thumbnail((max_side, max_side))
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=85, optimize=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise ValidationFailed.on("photo", PHOTO_NOT_IMAGE) from exc
    return ContentFile(out.getvalue(), name="photo.jpg")
