"""An author drops a file the server refuses into a Markdown editor: the reason shows beside
the editor and their text is untouched."""

import base64
import io

import pytest
from django.contrib.auth.models import Group
from PIL import Image
from playwright.sync_api import expect

from faq.models import Entry

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_refused_upload_says_why_and_keeps_the_text(live_server, browser, django_user_model, output_path):
    user = django_user_model.objects.create_user(
        "writer", password="a-long-browser-password-9", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Authors"))
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("writer")
    page.get_by_label("Password").fill("a-long-browser-password-9")
    page.get_by_role("button", name="Log in").click()
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    page.goto(f"{live_server.url}/admin/faq/entry/{entry.pk}/change/")
    editor = page.locator("#id_answer")
    text = editor.input_value()

    gif = io.BytesIO()
    Image.new("RGB", (4, 4)).save(gif, "GIF")
    page.evaluate(
        """([selector, data]) => {
            const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], "animation.gif", {type: "image/gif"}));
            document.querySelector(selector).dispatchEvent(
                new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
        }""",
        ["#id_answer", base64.b64encode(gif.getvalue()).decode()],
    )
    note = page.get_by_role("alert").filter(has_text="The image was not added")
    expect(note).to_be_visible()
    expect(note).to_contain_text("JPEG or PNG")
    expect(editor).to_have_value(text)
    page.screenshot(path=f"{output_path}/upload-error.png")
    context.close()
