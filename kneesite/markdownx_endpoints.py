"""markdownx's preview and upload endpoints, for staff only and without 500s.

markdownx's own views need no login, accept any file posted with an image content type and
raise on a missing field or a broken image. These keep its widget working (same paths) while
answering everyone else 403 and bad input 400.
"""

from functools import wraps
from io import SEEK_END, BytesIO

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.views.decorators.http import require_POST
from markdownx.forms import ImageForm
from markdownx.settings import MARKDOWNX_IMAGE_MAX_SIZE
from markdownx.utils import scale_and_crop

from kneesite.markdown import MAX_CHARS, render

# Pillow's name for the format -> the extension and content type we store it under.
MAX_PIXELS = 25_000_000  # a 5000 × 5000 photo; decoding more would take a worker's memory
ALLOWED_IMAGE_FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png")}


def staff_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@require_POST
@staff_only
def markdownify(request):
    if "content" not in request.POST:
        return HttpResponseBadRequest("Send the Markdown to preview as “content”.")
    if len(request.POST["content"]) > MAX_CHARS:
        return HttpResponseBadRequest(f"Keep it under {MAX_CHARS:,} characters to preview it.")
    return HttpResponse(render(request.POST["content"]))


class UploadForm(ImageForm):
    """markdownx's form, but the file must really be a JPEG or PNG image."""

    image = forms.ImageField(
        error_messages={
            "invalid_image": "Upload a JPEG or PNG photo or picture; this file is not one.",
            "required": "Choose an image to upload.",
        }
    )

    def clean(self):
        upload = self.cleaned_data.get("image")
        if upload is None:
            return self.cleaned_data  # the field's own error says why
        stored_as = ALLOWED_IMAGE_FORMATS.get(getattr(upload.image, "format", None))
        if stored_as is None:
            raise forms.ValidationError("Upload a JPEG or PNG image.", code="unsupported_format")
        width, height = upload.image.size  # read from the header: nothing is decoded yet
        if width * height > MAX_PIXELS:
            message = f"This image is {width} × {height} pixels: make it at most {MAX_PIXELS // 1_000_000} megapixels."
            raise forms.ValidationError(message, code="too_many_pixels")
        # Store it under the name its real format gives, whatever it was called or claimed.
        extension, upload.content_type = stored_as
        upload.name = f"image.{extension}"
        return super().clean()

    @staticmethod
    def _process_raster(image, extension):
        """markdownx's resizing, but the stored file keeps no metadata (EXIF, GPS, comments)."""
        picture = scale_and_crop(image, **MARKDOWNX_IMAGE_MAX_SIZE)
        picture.info = {}
        stored = BytesIO()
        picture.save(stored, extension, **MARKDOWNX_IMAGE_MAX_SIZE)
        stored.seek(0, SEEK_END)
        return stored


@require_POST
@staff_only
def upload(request):
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = [error for messages in form.errors.values() for error in messages]
        return JsonResponse({"image": errors}, status=400)
    try:
        image_path = form.save(commit=True)
    except (OSError, ValueError) as error:  # Pillow could not re-encode it
        return JsonResponse({"image": [f"This image could not be processed: {error}"]}, status=400)
    return JsonResponse({"image_code": f"![]({image_path})"})
