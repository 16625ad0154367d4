"""Pictures, on both ways they arrive (an exercise's picture in the admin, and an image dropped or
pasted into a Markdown field): one check with the same limits, stored upright and under their
real format, storage failures answered plainly, and unused uploads cleaned up on request."""

import errno
import io
import os
import re
import shutil
import struct
import subprocess
import time
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from articles.models import Exercise
from faq.models import Entry
from kneesite.images import DISPLAY_SIDE

from .pageforms import read_form, submit

pytestmark = pytest.mark.django_db

ORIENTATION = 0x0112


def jpeg(width, height, orientation=None, name="photo.jpg"):
    """A photo whose stored pixels are red on the left half and blue on the right."""
    picture = Image.new("RGB", (width, height), "blue")
    picture.paste("red", (0, 0, width // 2, height))
    exif = Image.Exif()
    if orientation:
        exif[ORIENTATION] = orientation
    data = io.BytesIO()
    picture.save(data, "JPEG", exif=exif, quality=95)
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/jpeg")


def png(width=40, height=30, name="drawing.png"):
    data = io.BytesIO()
    Image.new("RGB", (width, height), "green").save(data, "PNG")
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/png")


def png_declaring(width, height):
    """A small PNG file whose header claims `width` × `height` pixels (a decompression bomb)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
    return SimpleUploadedFile("bomb.png", body + chunk(b"IEND", b""), content_type="image/png")


class Dropped:
    """An image dropped into a Markdown editor: posted as markdownx's editor posts it."""

    def __init__(self, client):
        self.client = client

    def upload(self, picture):
        """-> (the stored file's path or None, the error messages, the response)"""
        response = self.client.post(
            "/markdownx/upload/", {"image": picture}, headers={"x-requested-with": "XMLHttpRequest"}
        )
        answer = response.json()
        if "image_code" not in answer:
            return None, answer["image"], response
        url = re.fullmatch(r"!\[[^\]]*\]\((/media/[^)]+)\)", answer["image_code"].strip()).group(1)
        return stored_path(url), [], response


class ExercisePicture:
    """An exercise's picture, chosen on its admin page and saved."""

    def __init__(self, client):
        self.client = client
        self.exercise = Exercise.objects.get(slug="glute-bridge")

    def upload(self, picture, **changes):
        """-> (the stored file's path or None, the error messages, the response)"""
        url = f"/admin/articles/exercise/{self.exercise.pk}/change/"
        changes = {"illustration_alt": "A photo of a glute bridge.", **changes}
        response = submit(self.client, url, changes, button="_save", files={"illustration": picture})
        if response.status_code != 302:
            errors = response.context["adminform"].form.errors.get("illustration", [])
            return None, list(errors), response
        self.exercise.refresh_from_db()
        return stored_path(self.exercise.illustration.url), [], response


def stored_path(url):
    from django.conf import settings

    return Path(settings.MEDIA_ROOT) / url.removeprefix("/media/")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture(params=[Dropped, ExercisePicture], ids=["dropped into Markdown", "exercise picture"])
def upload_path(request, author_client, media):
    return request.param(author_client)


def stored_files(folder):
    return sorted(path for path in folder.rglob("*") if path.is_file())


def colour(picture, x, y):
    red, green, blue = picture.convert("RGB").getpixel((x, y))[:3]
    return "red" if red > 200 > blue else "blue" if blue > 200 > red else (red, green, blue)


def test_a_phone_photo_is_stored_upright(upload_path):
    """EXIF Orientation 6: the camera stored it on its side, to be turned 90° clockwise."""
    path, errors, _ = upload_path.upload(jpeg(60, 30, orientation=6))
    assert errors == []
    with Image.open(path) as stored:
        assert stored.size == (30, 60)
        assert colour(stored, 15, 5) == "red"  # the stored left half is now on top
        assert colour(stored, 15, 55) == "blue"
        assert ORIENTATION not in stored.getexif()  # so no browser turns it a second time


def test_a_4000_by_3000_photo_is_accepted_and_scaled_down(upload_path):
    path, errors, _ = upload_path.upload(jpeg(4000, 3000))
    assert errors == []
    with Image.open(path) as stored:
        assert stored.size == (DISPLAY_SIDE, DISPLAY_SIDE * 3 // 4)


def test_a_png_declaring_30000_by_30000_pixels_is_refused_with_its_figures(upload_path, media):
    path, errors, _ = upload_path.upload(png_declaring(30_000, 30_000))
    assert path is None
    (message,) = errors
    assert "30,000 × 30,000 pixels" in message
    assert "the largest we take is 50 megapixels" in message
    assert stored_files(media) == []


def test_a_png_renamed_jpg_is_stored_and_served_as_png(upload_path, client, media):
    path, errors, _ = upload_path.upload(png(name="holiday.jpg"))
    assert errors == []
    assert path.suffix == ".png"
    with Image.open(path) as stored:
        assert stored.format == "PNG"
    response = client.get("/media/" + path.relative_to(media).as_posix())  # as `make run` serves it
    assert response["Content-Type"] == "image/png"


def test_a_gif_is_refused_naming_its_format(upload_path, media):
    data = io.BytesIO()
    Image.new("RGB", (8, 8)).save(data, "GIF")
    path, errors, _ = upload_path.upload(SimpleUploadedFile("moving.png", data.getvalue()))
    assert path is None
    assert errors == [
        "This is a GIF file; we take only JPEG or PNG photos and pictures. Save it as one of those "
        "and upload that."
    ]


def test_a_file_over_the_size_limit_is_refused_with_its_size(upload_path, media):
    too_big = SimpleUploadedFile("huge.jpg", b"\xff" * 12_345_678, content_type="image/jpeg")
    path, errors, _ = upload_path.upload(too_big)
    assert path is None
    assert errors[0].startswith("This file is 12.3 MB; the largest we take is 10 MB.")
    assert stored_files(media) == []


@pytest.fixture
def read_only_media(media):
    """The media directory (and its upload folders) made read-only, as a real mount would be.
    Root writes through file permissions, so there the folders are also made immutable."""
    folders = [media, media / "uploads", media / "exercises"]
    for folder in folders[1:]:
        folder.mkdir()
    for folder in folders:
        folder.chmod(0o555)
    immutable = os.geteuid() == 0
    if immutable:
        made = shutil.which("chattr") and subprocess.run(["chattr", "+i", *folders], check=False)
        if not made or made.returncode:
            pytest.skip("needs chattr and a file system with the immutable flag to stop root writing")
    try:
        with pytest.raises(OSError):
            (media / "uploads" / "probe").write_bytes(b"")
        yield media
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", *folders], check=True)
        for folder in folders:
            folder.chmod(0o755)


def test_a_read_only_media_directory_is_answered_plainly_without_a_file(upload_path, read_only_media):
    path, errors, response = upload_path.upload(jpeg(60, 30))
    assert path is None
    assert errors == [
        "The server could not store the image. Nothing was changed: try again later, and tell the "
        "site's administrator if it keeps happening."
    ]
    assert response.status_code != 500
    assert str(read_only_media) not in response.content.decode()
    assert stored_files(read_only_media) == []


def test_a_read_only_media_directory_keeps_what_the_author_typed(author_client, read_only_media):
    exercise = ExercisePicture(author_client)
    _, _, response = exercise.upload(jpeg(60, 30), steps="1. My new first step.")
    assert response.status_code == 200
    assert read_form(response).get("steps") == "1. My new first step."
    assert read_form(response).get("illustration_alt") == "A photo of a glute bridge."


def test_a_disk_that_fills_up_while_writing_leaves_no_partial_file(upload_path, media, monkeypatch):
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd, mode):
            self.file = real_fdopen(fd, mode)

        def write(self, data):
            self.file.write(data[: len(data) // 2])
            self.file.flush()
            raise OSError(errno.ENOSPC, "No space left on device")

        def close(self):
            self.file.close()

    monkeypatch.setattr(os, "fdopen", FullDisk)
    path, errors, response = upload_path.upload(jpeg(60, 30))
    monkeypatch.undo()
    assert response.status_code != 500
    assert path is None
    assert errors[0].startswith("The server could not store the image.")
    assert stored_files(media) == []


def test_a_dropped_image_is_inserted_with_a_placeholder_description(author_client, media):
    response = author_client.post("/markdownx/upload/", {"image": png()})
    assert response.json()["image_code"].strip().startswith("![Describe this picture](/media/uploads/")


def test_a_dropped_image_is_a_paragraph_of_its_own(author_client, media):
    image_code = author_client.post("/markdownx/upload/", {"image": png()}).json()["image_code"]
    text = f"See a physiotherapist.{image_code}Then rest."
    assert text.split("\n\n")[1].startswith("![Describe this picture]")
    assert text.endswith("\n\nThen rest.")


def test_the_placeholder_description_is_refused_until_replaced(author_client, media):
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    url = f"/admin/faq/entry/{entry.pk}/change/"
    image_code = author_client.post("/markdownx/upload/", {"image": png()}).json()["image_code"]
    response = submit(author_client, url, {"answer": f"{entry.answer}\n\n{image_code}"}, button="_save")
    errors = response.context["adminform"].form.errors.as_data()["answer"]
    assert [error.code for error in errors] == ["image_placeholder"]
    assert "Replace “Describe this picture” with what the picture shows" in errors[0].message
    described = image_code.replace("Describe this picture", "The front of a knee, with the sore area shaded")
    response = submit(author_client, url, {"answer": f"{entry.answer}\n\n{described}"}, button="_save")
    assert response.status_code == 302


def test_each_markdown_editor_says_pictures_can_be_dropped_or_pasted(author_client):
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    page = author_client.get(f"/admin/faq/entry/{entry.pk}/change/").content.decode()
    assert 'id="id_answer_images_hint"' in page
    assert "To add a picture, drag a JPEG or PNG file into the box, or paste it." in page


def old(path, days=8):
    """Make a stored file look uploaded `days` ago."""
    then = time.time() - days * 86400
    os.utime(path, (then, then))
    return path


@pytest.fixture
def uploads(author_client, media):
    """Three uploads eight days old: one the FAQ answer uses, one nothing uses, one an exercise uses."""
    dropped = Dropped(author_client)
    used, _, _ = dropped.upload(png())
    unused, _, _ = dropped.upload(png())
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    entry.answer += f"\n\n![A knee](/media/{used.relative_to(media).as_posix()})"
    entry.save()
    picture, _, _ = ExercisePicture(author_client).upload(png())
    return {"used": old(used), "unused": old(unused), "exercise": old(picture)}


def run_cleanup(*args):
    out = io.StringIO()
    call_command("remove_unused_uploads", *args, stdout=out)
    return out.getvalue()


def test_remove_unused_uploads_lists_them_and_removes_nothing_by_default(uploads, media):
    output = run_cleanup()
    assert uploads["unused"].relative_to(media).as_posix() in output
    assert uploads["used"].relative_to(media).as_posix() not in output
    assert uploads["exercise"].relative_to(media).as_posix() not in output
    assert "1 unused upload(s)" in output and "run again with --delete" in output
    assert all(path.exists() for path in uploads.values())


def test_remove_unused_uploads_with_delete_removes_only_unused_ones(uploads):
    output = run_cleanup("--delete")
    assert "Removed 1 unused upload(s)" in output
    assert not uploads["unused"].exists()
    assert uploads["used"].exists() and uploads["exercise"].exists()


def test_remove_unused_uploads_keeps_a_file_an_older_version_in_history_uses(uploads, media):
    import reversion

    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    with reversion.create_revision():
        entry.save()  # History now holds the answer with the picture
    entry.answer = "No pictures now."
    entry.save()
    run_cleanup("--delete")
    assert uploads["used"].exists()


def test_remove_unused_uploads_leaves_a_new_upload_an_author_may_still_be_using(author_client, media):
    just_dropped, _, _ = Dropped(author_client).upload(png())
    assert "No unused uploads older than 168 hours." in run_cleanup("--delete")
    assert just_dropped.exists()


def test_remove_unused_uploads_leaves_a_picture_of_a_browser_draft_six_days_old(author_client, media):
    in_a_draft = old(Dropped(author_client).upload(png())[0], days=6)
    run_cleanup("--delete")
    assert in_a_draft.exists()
