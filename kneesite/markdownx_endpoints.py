"""markdownx's preview and upload endpoints, for staff only and without 500s.

markdownx's own views need no login, accept any file posted with an image content type and
raise on a missing field or a broken image. These keep its widget working (same paths) while
answering everyone else 403 and bad input 400; an upload passes the same picture check as an
exercise's picture (kneesite/images.py).
"""

from functools import wraps

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.views.decorators.http import require_POST

from kneesite.images import PictureField, store_picture
from kneesite.markdown import IMAGE_PLACEHOLDER, MAX_CHARS, render


def staff_only(view):
    """Decorate `view` so that only an active staff user reaches it; anyone else gets 403
    (PermissionDenied), never a login redirect the editor's script could not follow."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@require_POST
@staff_only
def markdownify(request):
    """The editor's live preview: POST `content` (Markdown, at most MAX_CHARS characters) gets
    back the sanitized HTML readers would see (kneesite/markdown.py `render`); a missing or too
    long text is a 400 with the reason in words."""
    if "content" not in request.POST:
        return HttpResponseBadRequest("Send the Markdown to preview as “content”.")
    if len(request.POST["content"]) > MAX_CHARS:
        return HttpResponseBadRequest(f"Keep it under {MAX_CHARS:,} characters to preview it.")
    return HttpResponse(render(request.POST["content"]))


class UploadForm(forms.Form):
    image = PictureField(error_messages={"required": "Choose an image to upload."})


@require_POST
@staff_only
def upload(request):
    """Store a picture dropped or pasted into a Markdown editor (kneesite/images.py checks it).
    Answers {"image_code": "\n\n![Describe this picture](/media/uploads/….png)\n\n"}, which the editor
    inserts (the placeholder must be replaced before the text can be saved), or
    {"image": [reasons]} with 400 for a refused file and 503 when the server could not store it."""
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return JsonResponse({"image": list(form.errors["image"])}, status=400)
    try:
        name = store_picture(form.cleaned_data["image"], settings.MARKDOWNX_MEDIA_PATH)
    except ValidationError as error:
        return JsonResponse({"image": error.messages}, status=503)
    # Blank lines around it: the picture is its own paragraph wherever in the text it is dropped.
    return JsonResponse({"image_code": f"\n\n![{IMAGE_PLACEHOLDER}]({default_storage.url(name)})\n\n"})
