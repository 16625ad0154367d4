"""What an author gets: the admin, the Authors group, and safe markdownx endpoints."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from PIL import Image
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from articles.models import Choice, Exercise, Question, RedFlag
from faq.models import Entry

from .conftest import make_entry, make_exercise
from .pageforms import submit

pytestmark = pytest.mark.django_db


def image_bytes(image_format):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, image_format)
    return buffer.getvalue()


def upload_file(name, content, content_type):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


def test_author_logs_in_edits_an_answer_and_sees_it_on_the_permalink(client, author):
    entry = make_entry(question="How long does it take?", answer="Old answer.")
    response = submit(
        client, "/admin/login/?next=/admin/", {"username": "author", "password": "a-long-test-password-1"}
    )
    assertRedirects(response, "/admin/", fetch_redirect_response=False)

    change_url = f"/admin/faq/entry/{entry.pk}/change/"
    assertContains(client.get(change_url), "markdownx")  # the live-preview editor
    response = submit(client, change_url, {"answer": "Usually **six weeks** of steady exercise."})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(entry.get_absolute_url())
    assertContains(page, "Usually <strong>six weeks</strong> of steady exercise.")


def test_authors_group_can_publish_content_but_not_manage_people():
    authors = Group.objects.get(name="Authors")
    codenames = set(authors.permissions.values_list("codename", flat=True))
    for model in ("article", "section", "exercise", "source", "entry", "question", "choice", "redflag"):
        assert {f"add_{model}", f"change_{model}", f"delete_{model}"} <= codenames
    assert not {c for c in codenames if c.endswith(("_user", "_group", "_permission"))}


def test_author_cannot_open_user_management(author_client):
    assert author_client.get("/admin/auth/user/").status_code == 403
    assert author_client.get("/admin/auth/group/").status_code == 403


def test_admin_list_shows_publishing_but_changes_it_only_on_the_items_page(author_client):
    """A list page opened before someone else's change must not republish or hide an item: the
    switch is shown in the list and changed on the item's page, where conflicts are checked."""
    response = author_client.get("/admin/faq/entry/")
    assertContains(response, "Live now")
    assertContains(response, "Published")
    assertNotContains(response, 'name="form-0-is_published"')
    assertContains(response, 'name="form-0-position"')


@pytest.mark.parametrize("url", ["/markdownx/markdownify/", "/markdownx/upload/"])
def test_markdownx_endpoints_refuse_anonymous_users(client, url):
    assert client.post(url, {"content": "hi"}).status_code == 403


def test_markdownx_endpoints_refuse_non_staff(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader"))
    assert client.post("/markdownx/markdownify/", {"content": "hi"}).status_code == 403


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[x](javascript:alert(1))",
        "<iframe></iframe>",
    ],
)
def test_markdownx_preview_is_sanitized(author_client, markup):
    response = author_client.post("/markdownx/markdownify/", {"content": f"**ok** {markup}"})
    html = response.content.decode().lower()
    assert "<strong>ok</strong>" in html
    for dangerous in ("<script", "onerror", "javascript:", "<iframe"):
        assert dangerous not in html


def test_markdownx_preview_without_content_is_a_400(author_client):
    assert author_client.post("/markdownx/markdownify/", {}).status_code == 400


def test_markdownx_preview_refuses_get(author_client):
    assert author_client.get("/markdownx/markdownify/").status_code == 405


def test_upload_accepts_a_png_and_stores_it_as_png(author_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = author_client.post(
        "/markdownx/upload/",
        {"image": upload_file("photo.png", image_bytes("PNG"), "image/png")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    assert response.json()["image_code"].strip().endswith(".png)")


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("page.html", b"<script>alert(1)</script>", "image/gif"),
        ("page.html", b"<script>alert(1)</script>", "image/png"),
        (
            "evil.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
        ),
        ("anim.gif", image_bytes("GIF"), "image/gif"),
        ("truncated.png", image_bytes("PNG")[:40], "image/png"),
    ],
)
def test_upload_rejects_anything_but_a_real_jpeg_or_png(
    author_client, settings, tmp_path, name, content, content_type
):
    settings.MEDIA_ROOT = tmp_path
    response = author_client.post(
        "/markdownx/upload/",
        {"image": upload_file(name, content, content_type)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 400
    assert response.json()["image"]
    assert not any(tmp_path.rglob("*"))


def test_upload_without_a_file_is_a_400(author_client):
    response = author_client.post("/markdownx/upload/", {})
    assert response.status_code == 400


def test_admin_view_on_site_links_to_the_permalink(author_client):
    entry = make_entry()
    response = author_client.get(f"/admin/faq/entry/{entry.pk}/change/")
    assertContains(
        response, f'<a href="{entry.get_absolute_url()}" class="viewsitelink">View on site</a>', html=True
    )


def add_question(client, *choices, follow=False, **changes):
    """Add the published question “Do you run on hills?” as an author does: the add page has a
    row for one answer choice; each further choice goes in the blank row of the change page
    (adding rows takes JavaScript). `choices` are each choice's fields beyond its label, slug
    and reason; `changes` the question's. Returns the last save's response (followed if
    `follow`)."""
    first, *more = choices or [{}]
    question = {"text": "Do you run on hills?", "slug": "hills", "is_published": True, **changes}
    url, fields = "/admin/articles/question/add/", {**question, **choice_fields(0, first)}
    for n, next_choice in enumerate([*more, None], start=1):
        last = next_choice is None
        response = submit(
            client, url, fields, button="_save" if last else "_continue", follow=follow and last
        )
        if last:
            return response
        assert response.status_code == 302, response.content.decode()[:3000]
        url, fields = response["Location"], choice_fields(n, next_choice)


def choice_fields(n, fields):
    """The inline row `n` of a question's answer choices: “Yes, often” unless `fields` say."""
    fields = {"label": "Yes, often", "slug": "often", **fields}
    fields.setdefault("reason", f"you run on hills {fields['slug']}")
    return {f"choices-{n}-{name}": value for name, value in fields.items()}


def test_admin_warns_when_a_question_has_no_published_answer(author_client):
    response = add_question(author_client, {"is_published": False}, follow=True)
    assertContains(response, "This question has no published answer")


def test_author_adds_a_question_in_the_admin_and_readers_see_it(author_client, client):
    response = add_question(author_client)
    assert response.status_code == 302, response.content.decode()[:3000]
    form = client.get("/self-check/questions/?warning-signs=none")
    assertContains(form, "Do you run on hills?")
    assertContains(form, '<label for="id_hills_0">Yes, often</label>', html=True)


def test_admin_warns_when_a_choice_points_to_an_unpublished_exercise(author_client):
    draft = make_exercise(title="Unfinished exercise", is_published=False)
    response = add_question(author_client, {"exercises": [str(draft.pk)]}, follow=True)
    assertContains(response, "points to the exercise “Unfinished exercise”, which readers cannot see")


def test_author_sets_every_self_check_field_through_the_admin(author_client, client):
    """The first step, "only on its own", running advice and "see someone before self-care"."""
    red_flag = RedFlag.objects.create(
        title="Test sign", level=RedFlag.Level.SOON, what_to_do="Book.", why="Why.", source="Test"
    )
    exercise = make_exercise(focus="knee")
    often = {"red_flag": str(red_flag.pk), "running_change": "2", "exercises": [str(exercise.pk)]}
    rarely = {"label": "Rarely", "slug": "rarely", "position": "1", "is_exclusive": True}
    response = add_question(author_client, often, rarely, is_warning_step=True, kind="multiple")
    assert response.status_code == 302
    question = Question.objects.get(slug="hills")
    assert question.is_warning_step
    often, rarely = question.choices.order_by("position")
    assert often.running_change == Choice.RunningChange.REST and often.red_flag == red_flag
    assert rarely.is_exclusive
    assertContains(client.get("/self-check/"), "Do you run on hills?")

    response = submit(
        author_client, f"/admin/articles/redflag/{red_flag.pk}/change/", {"sees_someone_first": True}
    )
    assert response.status_code == 302
    red_flag.refresh_from_db()
    assert red_flag.sees_someone_first
    # Now that sign ends the check at once.
    response = client.get("/self-check/questions/?warning-signs=none&hills=often")
    assert response.status_code == 302


def test_an_exercise_needs_days_a_week_unless_it_is_a_self_test(author_client):
    exercise = make_exercise()
    url = f"/admin/articles/exercise/{exercise.pk}/change/"
    response = submit(author_client, url, {"focus": "knee", "days_per_week": ""})
    assert response.context["adminform"].form.errors.as_data()["days_per_week"][0].code == "required"
    response = submit(author_client, url, {"focus": "knee", "dosage": "2 sets of 10", "days_per_week": "3"})
    assert response.status_code == 302
    exercise.refresh_from_db()
    assert exercise.dose == "2 sets of 10, 3 days a week"


def test_author_links_a_faq_entry_to_self_check_answers(author_client):
    entry = make_entry(question="Can I cycle instead?")
    url = f"/admin/faq/entry/{entry.pk}/change/"
    assertContains(author_client.get(url), "How does your knee feel when you run? → Running still hurts")
    choice = Choice.objects.get(question__slug="running-pain", slug="still-hurts")
    assert submit(author_client, url, {"suggested_after": [str(choice.pk)]}).status_code == 302
    assert list(entry.suggested_after.all()) == [choice]


def png(width=96, height=48):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(data, "PNG")
    return SimpleUploadedFile("bridge.png", data.getvalue(), content_type="image/png")


def change_picture(client, exercise, picture, **changes):
    """Choose `picture` on the exercise's admin page, change `changes`, and press Save."""
    url = f"/admin/articles/exercise/{exercise.pk}/change/"
    return submit(client, url, changes, button="_save", files={"illustration": picture})


def picture_errors(response):
    return {
        name: [error.code for error in errors]
        for name, errors in response.context["adminform"].form.errors.as_data().items()
    }


def test_an_authors_picture_replaces_the_drawing_and_shows_on_the_page(
    author_client, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    exercise = Exercise.objects.get(slug="glute-bridge")
    response = change_picture(author_client, exercise, png(), illustration_alt="A photo of a glute bridge.")
    assert response.status_code == 302
    exercise.refresh_from_db()
    page = client.get(exercise.get_absolute_url())
    assertContains(
        page, f'src="{exercise.illustration.url}" width="96" height="48" alt="A photo of a glute bridge."'
    )
    assert client.get(exercise.illustration.url).status_code == 200  # served under make run


def test_a_picture_cannot_be_saved_without_its_description(author_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    exercise = Exercise.objects.get(slug="glute-bridge")
    response = change_picture(author_client, exercise, png(), illustration_alt="")
    assert picture_errors(response) == {"illustration_alt": ["required"]}
    assert not any(path.is_file() for path in tmp_path.rglob("*"))  # nothing stored for a refused save


def test_a_gif_named_png_is_refused_as_not_a_jpeg_or_png(author_client, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    exercise = Exercise.objects.get(slug="glute-bridge")
    gif = io.BytesIO()
    Image.new("RGB", (8, 8)).save(gif, "GIF")
    disguised = SimpleUploadedFile("x.png", gif.getvalue(), content_type="image/png")
    response = change_picture(author_client, exercise, disguised, illustration_alt="New.")
    assert picture_errors(response) == {"illustration": ["not_jpeg_or_png"]}


def test_a_new_picture_needs_a_new_description(author_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    exercise = Exercise.objects.get(slug="glute-bridge")
    response = change_picture(author_client, exercise, png())
    assert picture_errors(response) == {"illustration_alt": ["describe_new_picture"]}


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"is_published": True}, "Readers: live, shown now."),
        ({}, "Readers: a draft, not shown."),
        (
            {"is_published": True, "pub_date_0": "04/03/2099", "pub_date_1": "09:00:00"},
            "Readers: scheduled, shown from 4 March 2099, 09:00.",
        ),
    ],
    ids=["live", "draft", "scheduled"],
)
def test_the_save_message_says_what_readers_now_see(author_client, changes, message):
    new_entry = {"question": "A brand new question?", "slug": "a-brand-new-question", "answer": "An answer."}
    response = submit(author_client, "/admin/faq/entry/add/", {**new_entry, **changes}, follow=True)
    assertContains(response, message)


def test_a_new_item_goes_last_by_default(author_client):
    last = Entry.objects.order_by("-position").first().position
    form = author_client.get("/admin/faq/entry/add/").context["adminform"].form
    assert form.initial["position"] == last + 10


def test_the_lists_show_when_items_go_live(author_client):
    make_entry(
        question="Later?", slug="later", pub_date=datetime.datetime(2099, 3, 4, 9, tzinfo=datetime.UTC)
    )
    assertContains(author_client.get("/admin/faq/entry/"), "scheduled, shown from 4 March 2099")


def test_an_exercise_picture_is_stored_without_metadata(author_client, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    exercise = Exercise.objects.get(slug="glute-bridge")
    photo = io.BytesIO()
    Image.new("RGB", (60, 30), "blue").save(photo, "JPEG", comment=b"taken at 12 Secret Street")
    upload = SimpleUploadedFile("bridge.jpg", photo.getvalue(), content_type="image/jpeg")
    response = change_picture(author_client, exercise, upload, illustration_alt="A photo of a glute bridge.")
    assert response.status_code == 302
    exercise.refresh_from_db()
    with exercise.illustration.open("rb") as picture:
        stored = picture.read()
    assert b"Secret Street" not in stored
    assert (exercise.illustration_width, exercise.illustration_height) == (60, 30)
