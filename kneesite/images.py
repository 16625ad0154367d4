"""The one check every uploaded picture passes, whichever way it arrives (an exercise's picture
or an image dropped into a Markdown field), and the one way it is stored.

A picture is read from its header first, so a file that declares a huge size is refused before
any pixel is decoded (a "decompression bomb"). What is accepted is turned the right way up (a
phone photo's EXIF Orientation), scaled down to the display limit, and re-encoded with nothing
but its pixels: the camera, GPS position and comments never reach readers. It is stored under the
extension of its real format, whatever the file was called.
"""

import io
import logging
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps, JpegImagePlugin, PngImagePlugin

logger = logging.getLogger(__name__)

# The limits, stated once for both upload paths.
DISPLAY_SIDE = 1600  # pixels: a longer side is scaled down to this (sharp at any page width)
MAX_PIXELS = 50_000_000  # a 50-megapixel phone photo; more would take too much memory to decode
MAX_BYTES = 10_000_000  # 10 MB; deploy/nginx.conf's client_max_body_size must stay above it
JPEG_QUALITY = 85

# The only formats we take: Pillow's reader for each, and the extension it is stored under.
# The readers are used directly because Image.open() refuses a huge image with a message that
# has no width or height in it, and authors should see their file's own figures.
FORMATS = {
    "JPEG": (JpegImagePlugin.JpegImageFile, "jpg"),
    "PNG": (PngImagePlugin.PngImageFile, "png"),
}
NOT_A_PICTURE = "Upload a JPEG or PNG photo or picture; this file is not one."
NOT_STORED = (
    "The server could not store the image. Nothing was changed: try again later, and tell the "
    "site's administrator if it keeps happening."
)


def _header(upload):
    """The picture opened from its header only (no pixels decoded yet), or None if it is not a
    JPEG or PNG."""
    for reader, _ in FORMATS.values():
        upload.seek(0)
        try:
            return reader(upload)
        except Exception:  # Pillow raises many kinds for a file that is not this format
            continue
    return None


def _other_format(upload):
    """The name of another picture format Pillow recognises the file as ("GIF", "WEBP"), or None."""
    upload.seek(0)
    try:
        with Image.open(upload) as other:
            return other.format
    except Exception:  # not a picture at all, or one too big to open safely
        return None


def _megapixels(pixels):
    return f"{pixels / 1_000_000:.0f}" if pixels >= 10_000_000 else f"{pixels / 1_000_000:.1f}"


def prepared_picture(upload):
    """Check an uploaded picture and return the copy to store.

    `upload` is a file object with `.size` (bytes), such as Django's UploadedFile. Returns a
    ContentFile named "picture.jpg" or "picture.png" (by its real format, not its name): upright,
    its longer side at most DISPLAY_SIDE pixels, with no metadata. Raises ValidationError with
    code "too_big_file", "not_jpeg_or_png", "too_many_pixels" or "unreadable", in words that
    give the file's own figures.
    """
    if upload.size > MAX_BYTES:
        message = (
            f"This file is {upload.size / 1_000_000:.1f} MB; the largest we take is "
            f"{MAX_BYTES // 1_000_000} MB. Save a smaller copy and upload that."
        )
        raise ValidationError(message, code="too_big_file")
    picture = _header(upload)
    if picture is None:
        other = _other_format(upload)
        message = (
            f"This is a {other} file; we take only JPEG or PNG photos and pictures. Save it as "
            "one of those and upload that."
            if other
            else NOT_A_PICTURE
        )
        raise ValidationError(message, code="not_jpeg_or_png")
    width, height = picture.size
    if width * height > MAX_PIXELS:
        message = (
            f"This picture is {width:,} × {height:,} pixels ({_megapixels(width * height)} megapixels); "
            f"the largest we take is {_megapixels(MAX_PIXELS)} megapixels, for example 8,000 × 6,000. "
            "Save a smaller copy and upload that."
        )
        raise ValidationError(message, code="too_many_pixels")
    kind = picture.format
    try:
        if picture.mode in ("1", "P"):  # palette pictures would be scaled without smoothing
            picture = picture.convert("RGBA" if picture.mode == "P" else "L")
        # Scaling first lets a JPEG decode at a fraction of its size; a rotation keeps the
        # longer side, so the square box fits either way up.
        picture.thumbnail((DISPLAY_SIDE, DISPLAY_SIDE))
        # Turn it upright while its EXIF is still there to say how; the copy we save has none.
        picture = ImageOps.exif_transpose(picture)
        icc_profile = picture.info.get("icc_profile")  # colours, not metadata about anyone
        options = {"quality": JPEG_QUALITY, "optimize": True} if kind == "JPEG" else {"optimize": True}
        picture.info = {}
        data = io.BytesIO()
        picture.save(data, kind, icc_profile=icc_profile, **options)
    except Exception as error:  # a damaged or truncated file fails here, in many ways
        logger.info("Could not decode an uploaded %s: %r", kind, error)
        message = (
            "This picture could not be read: the file may be damaged. Save it again and upload the new copy."
        )
        raise ValidationError(message, code="unreadable") from error
    return ContentFile(data.getvalue(), name=f"picture.{FORMATS[kind][1]}")


def store_picture(picture, folder, storage=default_storage):
    """Save a prepared picture as `folder`/<random name>.<its extension> and return the stored
    name ("uploads/3f2a….png", relative to MEDIA_ROOT).

    Raises ValidationError (code "not_stored", with no server path in it) when the storage
    fails (a read-only or full disk), after removing whatever part of the file was written.
    """
    extension = picture.name.rsplit(".", 1)[-1]
    # A random name is ours alone, so removing it after a failure cannot touch anyone else's file.
    name = storage.generate_filename(f"{folder.rstrip('/')}/{uuid.uuid4().hex}.{extension}")
    try:
        return storage.save(name, picture)
    except OSError:
        logger.exception("Could not store an uploaded picture as %s", name)
        try:
            if storage.exists(name):
                storage.delete(name)
        except OSError:
            logger.exception("Could not remove the partly written %s", name)
        raise ValidationError(NOT_STORED, code="not_stored") from None


class PictureField(forms.FileField):
    """A form field for a photo or picture: its cleaned value is prepared_picture()'s copy."""

    default_error_messages = {"invalid": NOT_A_PICTURE, "empty": "This file is empty."}

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}))
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        return None if upload is None else prepared_picture(upload)
