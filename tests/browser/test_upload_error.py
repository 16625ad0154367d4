"""Pictures in the admin, in a real browser: a file dropped into a Markdown editor is added with
a placeholder description (selected, so typing replaces it) or refused with the reason beside the
editor and the text untouched; an exercise's picture is chosen, saved and shown on its page."""

import base64
import io
import re
import struct
import zlib

import pytest
from PIL import Image
from playwright.sync_api import expect

from articles.models import Exercise
from faq.models import Entry
from tests.browser.conftest import give_session, make_author

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def writer_page(live_server, page, settings, tmp_path):
    """The browser page, signed in as an author whose saves go live at once, with uploads
    stored under tmp_path."""
    settings.MEDIA_ROOT = tmp_path
    give_session(page.context, live_server, make_author("writer"))
    return page


def picture_bytes(image_format, size=(120, 80)):
    data = io.BytesIO()
    Image.new("RGB", size, "teal").save(data, image_format)
    return data.getvalue()


def drop_file(page, selector, name, content_type, content):
    """Drop a file onto an element, as dragging it from the desktop does."""
    page.evaluate(
        """([selector, name, type, data]) => {
            const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, {type}));
            document.querySelector(selector).dispatchEvent(
                new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
        }""",
        [selector, name, content_type, base64.b64encode(content).decode()],
    )


def open_faq_answer(page, live_server):
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    page.goto(f"{live_server.url}/admin/faq/entry/{entry.pk}/change/")
    return entry, page.locator("#id_answer")


def test_a_refused_upload_says_why_and_keeps_the_text(writer_page, live_server, screenshot):
    page = writer_page
    _, editor = open_faq_answer(page, live_server)
    text = editor.input_value()
    drop_file(page, "#id_answer", "animation.gif", "image/gif", picture_bytes("GIF", (4, 4)))
    note = page.get_by_role("alert").filter(has_text="The image was not added")
    expect(note).to_be_visible()
    expect(note).to_contain_text("JPEG or PNG")
    expect(editor).to_have_value(text)
    screenshot(page, "upload-error")


def test_a_huge_photo_is_refused_with_its_own_figures(writer_page, live_server, screenshot):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 30_000, 30_000, 8, 2, 0, 0, 0)
    bomb = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 100))
    page = writer_page
    _, editor = open_faq_answer(page, live_server)
    text = editor.input_value()
    drop_file(page, "#id_answer", "huge.png", "image/png", bomb + chunk(b"IEND", b""))
    note = page.get_by_role("alert").filter(has_text="The image was not added")
    expect(note).to_contain_text("This picture is 30,000 × 30,000 pixels")
    expect(editor).to_have_value(text)
    screenshot(page, "upload-too-big")


def test_a_dropped_image_is_added_with_a_placeholder_the_author_types_over(
    writer_page, live_server, screenshot
):
    page = writer_page
    entry, editor = open_faq_answer(page, live_server)
    expect(page.locator("#id_answer_images_hint")).to_contain_text("drag a JPEG or PNG file into the box")
    editor.focus()
    page.keyboard.press("Control+End")
    drop_file(page, "#id_answer", "knee.png", "image/png", picture_bytes("PNG"))
    expect(editor).to_have_value(
        re.compile(r"\n\n!\[Describe this picture\]\(/media/uploads/[0-9a-f]+\.png\)\n\n$")
    )
    selected = page.evaluate(
        "() => { const e = document.activeElement; return e.value.slice(e.selectionStart, e.selectionEnd); }"
    )
    assert selected == "Describe this picture"
    # The preview shows the stored picture, served from /media/.
    preview = page.locator(".markdownx-preview img[alt='Describe this picture']")
    expect(preview).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth", preview.element_handle()) == 120
    page.locator("#id_answer_images_hint").scroll_into_view_if_needed()
    screenshot(page, "dropped-image")

    page.get_by_role("button", name="Save", exact=True).first.click()  # the placeholder is refused
    expect(page.locator(".errorlist")).to_contain_text("Replace “Describe this picture”")

    editor.fill(editor.input_value().replace("Describe this picture", "The front of a knee"))
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    entry.refresh_from_db()
    assert "![The front of a knee](/media/uploads/" in entry.answer


def test_typing_after_a_drop_replaces_the_placeholder(writer_page, live_server):
    page = writer_page
    _, editor = open_faq_answer(page, live_server)
    editor.focus()
    page.keyboard.press("Control+End")
    drop_file(page, "#id_answer", "knee.png", "image/png", picture_bytes("PNG"))
    expect(editor).to_have_value(re.compile(r"Describe this picture"))
    page.keyboard.type("A sore kneecap")
    expect(editor).to_have_value(re.compile(r"!\[A sore kneecap\]\(/media/uploads/"))


def test_an_author_uploads_an_exercise_picture_and_readers_see_it(writer_page, live_server, screenshot):
    page = writer_page
    exercise = Exercise.objects.get(slug="glute-bridge")
    page.goto(f"{live_server.url}/admin/articles/exercise/{exercise.pk}/change/")
    photo = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # a phone held upright: stored on its side
    Image.new("RGB", (4000, 3000), "teal").save(photo, "JPEG", exif=exif)
    page.get_by_role("group", name="Picture:").locator("input[type=file]").set_input_files(
        {"name": "bridge.jpg", "mimeType": "image/jpeg", "buffer": photo.getvalue()}
    )
    page.get_by_label("Picture description").fill("Lying on your back, hips raised.")
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(f"{live_server.url}{exercise.get_absolute_url()}")
    picture = page.get_by_role("img", name="Lying on your back, hips raised.")
    expect(picture).to_be_visible()
    assert page.evaluate("(img) => [img.naturalWidth, img.naturalHeight]", picture.element_handle()) == [
        1200,
        1600,
    ]
    screenshot(picture, "exercise-picture")
