"""Uploaded photos: only pictures get through, re-encoded with no metadata left."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from renda.core.exceptions import ValidationFailed
from renda.core.images import (
    PHOTO_NOT_IMAGE,
    PHOTO_TOO_LARGE,
    PHOTO_TOO_SMALL,
    reencode_photo,
)

# 荣昌区 as a phone would write it into a photo.
RONGCHANG_LATITUDE = (29.0, 24.0, 14.0)
RONGCHANG_LONGITUDE = (105.0, 35.0, 40.0)


def picture(size=(300, 200), *, mode="RGB", color=(200, 30, 30), fmt="JPEG", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, fmt, **save)
    return buffer.getvalue()


def phone_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "HUAWEI"
    exif[ExifTags.Base.Model] = "Mate 60"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = RONGCHANG_LATITUDE
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = RONGCHANG_LONGITUDE
    return exif


def upload(data: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def opened(content) -> Image.Image:
    content.seek(0)
    image = Image.open(io.BytesIO(content.read()))
    image.load()
    return image


def refusal(data: bytes, name: str = "photo.jpg") -> ValidationFailed:
    with pytest.raises(ValidationFailed) as caught:
        reencode_photo(upload(data, name))
    return caught.value


# --- What gets through ----------------------------------------------------------------------------


def test_gps_and_camera_exif_are_stripped():
    data = picture(exif=phone_exif())
    source = Image.open(io.BytesIO(data))
    assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the upload does carry a location

    result = reencode_photo(upload(data))

    image = opened(result)
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert "exif" not in image.info
    result.seek(0)
    raw = result.read()
    assert b"Exif" not in raw
    assert b"HUAWEI" not in raw


def test_a_sideways_phone_photo_is_turned_upright():
    # Orientation 6: the camera held on its side; viewers rotate the stored 300×200 to 200×300.
    result = reencode_photo(upload(picture((300, 200), exif=phone_exif(orientation=6))))

    assert opened(result).size == (200, 300)


def test_a_large_photo_is_shrunk_to_800_on_its_long_side():
    result = reencode_photo(upload(picture((2000, 1000))))

    assert opened(result).size == (800, 400)


def test_a_small_enough_photo_keeps_its_size():
    assert opened(reencode_photo(upload(picture((400, 500))))).size == (400, 500)


def test_png_with_transparency_becomes_a_jpeg_on_white():
    data = picture((200, 200), mode="RGBA", color=(0, 0, 0, 0), fmt="PNG")

    result = reencode_photo(upload(data, "portrait.png"))

    image = opened(result)
    assert image.format == "JPEG"
    assert image.mode == "RGB"
    red, green, blue = image.getpixel((100, 100))
    assert min(red, green, blue) > 245  # white, not black


def test_webp_is_accepted():
    result = reencode_photo(upload(picture((200, 200), fmt="WEBP"), "photo.webp"))

    assert opened(result).format == "JPEG"


def test_the_result_is_named_as_a_jpeg():
    assert reencode_photo(upload(picture(), "IMG_0001.PNG")).name == "photo.jpg"


# --- What is refused ------------------------------------------------------------------------------


def test_too_large_a_file_is_refused_before_it_is_read(settings):
    settings.PHOTO_MAX_BYTES = 1024 * 1024
    data = picture() + b"\0" * (1024 * 1024)

    error = refusal(data)

    assert str(error.message) == str(PHOTO_TOO_LARGE % {"limit": 1})
    assert error.extra["errors"]["photo"] == [str(PHOTO_TOO_LARGE % {"limit": 1})]


def test_a_text_file_renamed_jpg_is_refused():
    error = refusal("这不是照片，是一份通知。".encode(), "notice.jpg")

    assert str(error.message) == str(PHOTO_NOT_IMAGE)
    assert error.extra["errors"]["photo"] == [str(PHOTO_NOT_IMAGE)]


def test_a_truncated_jpeg_is_refused():
    data = picture((400, 400))

    error = refusal(data[: len(data) // 3])

    assert str(error.message) == str(PHOTO_NOT_IMAGE)


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_picture_formats_are_refused(fmt):
    error = refusal(picture((200, 200), fmt=fmt), f"photo.{fmt.lower()}")

    assert str(error.message) == str(PHOTO_NOT_IMAGE)


@pytest.mark.parametrize("size", [(50, 50), (99, 400), (400, 99)])
def test_too_small_a_photo_is_refused(size):
    error = refusal(picture(size))

    assert str(error.message) == str(PHOTO_TOO_SMALL)
    assert error.extra["errors"]["photo"] == [str(PHOTO_TOO_SMALL)]


def test_a_decompression_bomb_is_refused_before_decoding(monkeypatch):
    monkeypatch.setattr("renda.core.images.MAX_PIXELS", 100 * 100)

    error = refusal(picture((200, 200)))

    assert str(error.message) == str(PHOTO_NOT_IMAGE)
