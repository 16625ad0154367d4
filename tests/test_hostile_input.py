"""Heavy or hostile input from a signed-in account or a stranger: refused cleanly, never a
leak, a redirect elsewhere or a wall of logs."""

import logging

import pytest
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.test import Client

from faq.models import Entry
from kneesite.paths import is_local_path

from .conftest import make_entry
from .pageforms import submit

pytestmark = pytest.mark.django_db


def test_renaming_a_draft_leaves_no_public_redirect_to_its_new_address(client):
    draft = make_entry(question="Not ready yet?", slug="not-ready", is_published=False)
    draft.slug = "secret-new-name"
    draft.save()
    assert not Redirect.objects.filter(new_path="/faq/secret-new-name/").exists()
    assert client.get("/faq/not-ready/").status_code == 404


def test_renaming_a_published_page_still_leaves_a_redirect(client):
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    entry.slug = "where-it-hurts"
    entry.save()
    response = client.get("/faq/where-does-runners-knee-hurt/")
    assert response.status_code == 301 and response["Location"] == "/faq/where-it-hurts/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example/x"])
def test_an_author_cannot_redirect_a_page_off_the_site(author_client, client, target):
    redirect = {"site": str(Site.objects.get_current().pk), "old_path": "/faq/x/", "new_path": target}
    response = submit(author_client, "/admin/redirects/redirect/add/", redirect)
    assert response.context["adminform"].form.errors.as_data()["new_path"][0].code == "off_site"
    # A row written some other way never leads off the site either.
    Redirect.objects.create(site=Site.objects.get_current(), old_path="/faq/y/", new_path=target)
    response = client.get("/faq/y/")
    assert response.status_code == 404 or is_local_path(response["Location"])


def test_a_bad_host_header_is_logged_in_one_short_line(caplog):
    client = Client(raise_request_exception=False)  # as a real server: the 400, not the exception
    with caplog.at_level(logging.WARNING, logger="django.security"):
        response = client.get("/", HTTP_HOST="evil-" + "x" * 8000 + ".example")
    assert response.status_code == 400
    records = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    assert records
    for record in records:
        assert record.exc_info is None and len(record.getMessage()) <= 300 and "\n" not in record.getMessage()


def test_an_image_declaring_a_huge_size_is_refused_before_decoding(
    author_client, settings, tmp_path, monkeypatch
):
    """A PNG header claiming 13,000 × 13,000 pixels: refused from its header, without decoding
    a pixel (decoding it would take a worker's memory and seconds)."""
    import struct
    import zlib

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import ImageFile

    settings.MEDIA_ROOT = tmp_path
    decoded = []

    def load(image):
        decoded.append(image.size)
        raise AssertionError(f"Pillow was asked to decode {image.size[0]} × {image.size[1]} pixels")

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 13000, 13000, 8, 2, 0, 0, 0)
    body = zlib.compress(b"\0" * 1000)  # far too little data: only the header matters
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    upload = SimpleUploadedFile("huge.png", png, content_type="image/png")
    response = author_client.post("/markdownx/upload/", {"image": upload})
    assert response.status_code == 400
    assert "megapixels" in response.json()["image"][0]
    assert decoded == []


def test_an_image_address_browsers_read_as_another_site_is_dropped():
    import re

    from kneesite.markdown import render

    html = render("![x](/\\\\evil.example/x.png) ![y](//evil.example/y.png) ![z](/media/ok.png)")
    sources = re.findall(r'src="([^"]*)"', html)
    assert "/media/ok.png" in sources
    # What is left is a path on this site to browsers too (a backslash arrives percent-encoded).
    assert all(is_local_path(src) and "\\" not in src for src in sources), sources


def test_an_uploaded_photo_keeps_no_metadata(author_client, settings, tmp_path):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    photo = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"
    Image.new("RGB", (40, 30), "green").save(photo, "JPEG", comment=b"secret home address", exif=exif)
    assert b"secret home address" in photo.getvalue()
    response = author_client.post(
        "/markdownx/upload/",
        {"image": SimpleUploadedFile("p.jpg", photo.getvalue(), content_type="image/jpeg")},
    )
    assert response.status_code == 200
    (stored,) = tmp_path.rglob("*.jpg")
    data = stored.read_bytes()
    assert b"secret home address" not in data and b"SecretCameraMaker" not in data
