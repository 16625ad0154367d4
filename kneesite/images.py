"""Uploaded pictures are stored without metadata: a photo's EXIF (camera, GPS position) and
comments never reach readers."""

import io
from pathlib import Path

from django.core.files.base import ContentFile
from PIL import Image


def without_metadata(upload):
    """The same picture, re-encoded with nothing but its pixels (JPEG or PNG, as it came)."""
    upload.seek(0)
    with Image.open(upload) as picture:
        picture.load()
        kind = picture.format
        clean = picture.copy()
    clean.info = {}
    data = io.BytesIO()
    clean.save(data, kind, **({"quality": 90} if kind == "JPEG" else {}))
    return ContentFile(data.getvalue(), name=Path(upload.name).name)
