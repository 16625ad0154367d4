"""A second person checks every change to what readers see: an author's change waits as a pending
change, staff preview it, a clinical reviewer approves it or sends it back (kneesite/review.py)."""

import datetime

import lxml.html
import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from faq.models import Entry
from kneesite.models import PendingChange
from tests.conftest import make_entry, make_exercise, make_section
from tests.pageforms import post_form, read_form, submit

pytestmark = pytest.mark.django_db


def change_url(item):
    return reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_change", args=[item.pk])


def review_url(change):
    return reverse("admin:kneesite_pendingchange_review", args=[change.pk])


def edit_answer(client, entry, answer="A changed answer."):
    return submit(client, change_url(entry), {"answer": answer}, button="_save")


def approve_for_later(reviewer, change, later):
    """The reviewer approves `change` on its review page, to go live on `later`'s day at 09:00."""
    submit(
        reviewer.client,
        review_url(change),
        {"publish_at_0": later.strftime("%Y-%m-%d"), "publish_at_1": "09:00:00"},
        button="_approve",
        form_id="review-form",
    )


def send_back(reviewer, change, comment):
    """The reviewer sends `change` back to its author from its review page, with `comment`."""
    return submit(
        reviewer.client, review_url(change), {"comment": comment}, button="_send_back", form_id="review-form"
    )


def public_page(url):
    """The page as an anonymous reader gets it (a client with no session)."""
    return Client().get(url)


def test_authors_change_to_live_faq_entry_leaves_public_page_unchanged(writer_client):
    entry = make_entry(answer="The published answer.")
    public_page(entry.get_absolute_url())  # now in the page cache

    response = edit_answer(writer_client, entry)

    assert response.status_code == 302
    assert "The published answer." in public_page(entry.get_absolute_url()).content.decode()
    Client().cookies.clear()
    entry.refresh_from_db()
    assert entry.answer == "The published answer."  # uncached: the row is unchanged too
    change = PendingChange.objects.get(object_id=entry.pk)
    assert change.status == PendingChange.Status.PENDING
    assert change.fields == ["Answer"]


def test_authors_change_to_live_faq_entry_leaves_uncached_page_unchanged(writer_client, settings):
    entry = make_entry(answer="The published answer.")
    edit_answer(writer_client, entry)

    # a worker with nothing cached renders from the database
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    page = public_page(entry.get_absolute_url()).content.decode()
    assert "The published answer." in page
    assert "A changed answer." not in page


def test_author_reopening_item_sees_their_pending_change_to_keep_editing(writer_client):
    entry = make_entry(answer="The published answer.")
    edit_answer(writer_client, entry, "First try.")

    form = read_form(writer_client.get(change_url(entry)))
    assert form.get("answer") == "First try."

    edit_answer(writer_client, entry, "Second try.")
    change = PendingChange.objects.get(object_id=entry.pk)
    assert [value for key, value in change.data if key == "answer"] == ["Second try."]


def test_staff_preview_shows_pending_change_under_banner(writer_client):
    entry = make_entry(answer="The published answer.")
    edit_answer(writer_client, entry)

    response = writer_client.get(entry.get_absolute_url())

    page = response.content.decode()
    assert "A changed answer." in page
    assert "Changes awaiting review, by writer" in page
    assert review_url(PendingChange.objects.get()) in page
    assert "no-cache" in response["Cache-Control"]


def test_reviewer_sees_diff_of_pending_change(writer_client, reviewer):
    entry = make_entry(answer="The published answer.")
    edit_answer(writer_client, entry)

    page = reviewer.client.get(review_url(PendingChange.objects.get())).content.decode()

    diff = lxml.html.fromstring(page).get_element_by_id("review-diff")
    removed = "".join(d.text_content() for d in diff.iter("del"))
    added = "".join(i.text_content() for i in diff.iter("ins"))
    assert "publish" in removed and "publish" not in added  # a character diff: "The publish|ed"
    assert "chang" in added and "chang" not in removed
    assert 'name="_approve"' in page


def test_reviewer_approves_and_next_anonymous_request_shows_change(writer_client, reviewer):
    entry = make_entry(answer="The published answer.")
    public_page(entry.get_absolute_url())  # cached
    edit_answer(writer_client, entry)
    change = PendingChange.objects.get()

    response = submit(reviewer.client, review_url(change), button="_approve", form_id="review-form")

    assert response.status_code == 302
    assert "A changed answer." in public_page(entry.get_absolute_url()).content.decode()
    change.refresh_from_db()
    assert change.status == PendingChange.Status.APPROVED
    assert change.reviewer == reviewer


def test_approval_is_recorded_in_history(writer_client, reviewer):
    from reversion.models import Version

    entry = make_entry(answer="The published answer.")
    edit_answer(writer_client, entry)
    submit(reviewer.client, review_url(PendingChange.objects.get()), button="_approve", form_id="review-form")

    latest = Version.objects.get_for_object(entry).first()
    assert latest.revision.user == reviewer
    assert "Approved by reviewer; change by writer." in latest.revision.comment


def test_last_reviewed_moves_on_approval(writer_client, reviewer):
    entry = make_entry(last_reviewed=datetime.date(2025, 1, 1))
    edit_answer(writer_client, entry)

    submit(reviewer.client, review_url(PendingChange.objects.get()), button="_approve", form_id="review-form")
    today = timezone.localdate()

    entry.refresh_from_db()
    assert entry.last_reviewed == today
    assert entry.clinically_checked_on == today
    page = public_page(entry.get_absolute_url()).content.decode()
    assert "Checked by a clinical reviewer on" in page


def test_shipped_content_never_claims_clinical_check(client):
    entry = Entry.objects.published().exclude(last_reviewed=None).first()

    page = client.get(entry.get_absolute_url()).content.decode()

    assert "Page last reviewed" in page
    assert "Checked by a clinical reviewer" not in page


def test_author_cannot_approve_their_own_change(writer_client):
    entry = make_entry()
    edit_answer(writer_client, entry)
    change = PendingChange.objects.get()

    page = writer_client.get(review_url(change)).content.decode()
    response = writer_client.post(review_url(change), {"_approve": "Approve"})

    assert 'name="_approve"' not in page
    assert response.status_code == 403
    change.refresh_from_db()
    assert change.status == PendingChange.Status.PENDING


def test_reviewer_cannot_approve_their_own_pending_change(reviewer, writer):
    entry = make_entry()
    PendingChange.objects.create(
        content_type_id=_content_type(entry), object_id=entry.pk, object_repr=str(entry), author=reviewer
    )
    change = PendingChange.objects.get()

    response = reviewer.client.post(review_url(change), {"_approve": "Approve"})

    assert response.status_code == 403


def test_superuser_approving_own_change_is_recorded(writer, writer_client):
    entry = make_entry()
    edit_answer(writer_client, entry)
    writer.is_superuser = True  # made a superuser after writing the change
    writer.save()
    change = PendingChange.objects.get()

    submit(writer_client, review_url(change), button="_approve", form_id="review-form")

    change.refresh_from_db()
    assert change.status == PendingChange.Status.APPROVED
    assert change.comment == "Approved by its own author, a superuser."


def test_sent_back_change_shows_comment_to_author(writer_client, reviewer):
    entry = make_entry()
    edit_answer(writer_client, entry)
    change = PendingChange.objects.get()

    send_back(reviewer, change, "Please cite a source for the new advice.")

    page = writer_client.get(change_url(entry)).content.decode()
    assert "Sent back by reviewer" in page
    assert "Please cite a source for the new advice." in page
    assert read_form(page).get("answer") == "A changed answer."


def test_sending_back_needs_a_comment(writer_client, reviewer):
    entry = make_entry()
    edit_answer(writer_client, entry)

    response = submit(
        reviewer.client, review_url(PendingChange.objects.get()), button="_send_back", form_id="review-form"
    )

    assert response.context["form"].has_error("comment", code="comment_required")


def test_scheduling_an_approval_publishes_on_time(writer_client, reviewer):
    entry = make_entry(is_published=False)
    submit(writer_client, change_url(entry), {"is_published": True}, button="_save")
    change = PendingChange.objects.get()
    later = timezone.localtime() + datetime.timedelta(days=2)

    approve_for_later(reviewer, change, later)

    assert public_page(entry.get_absolute_url()).status_code == 404
    with time_machine.travel(later.replace(hour=9, minute=1)):
        assert public_page(entry.get_absolute_url()).status_code == 200


def test_a_change_to_a_live_item_approved_for_later_goes_live_then_not_before(writer_client, reviewer):
    entry = make_entry()
    edit_answer(writer_client, entry, "The corrected answer.")
    later = timezone.localtime() + datetime.timedelta(days=2)

    approve_for_later(reviewer, PendingChange.objects.get(), later)
    call_command("publish_scheduled_changes")  # the cron job, before the time

    assert PendingChange.objects.get().status == PendingChange.Status.SCHEDULED
    assertNotContains(public_page(entry.get_absolute_url()), "The corrected answer.")
    with time_machine.travel(later.replace(hour=9, minute=1)):
        call_command("publish_scheduled_changes")
        assertContains(public_page(entry.get_absolute_url()), "The corrected answer.")
    assert PendingChange.objects.get().status == PendingChange.Status.APPROVED


def test_a_scheduled_change_someone_saved_over_is_sent_back_not_published(writer_client, reviewer):
    entry = make_entry()
    edit_answer(writer_client, entry, "The corrected answer.")
    later = timezone.localtime() + datetime.timedelta(days=2)
    approve_for_later(reviewer, PendingChange.objects.get(), later)
    edit_answer(reviewer.client, entry, "A reviewer's urgent correction.")

    with time_machine.travel(later.replace(hour=9, minute=1)):
        call_command("publish_scheduled_changes")
        assertContains(public_page(entry.get_absolute_url()), "urgent correction.")
    scheduled = PendingChange.objects.get(author__username="writer")
    assert scheduled.status == PendingChange.Status.SENT_BACK
    assert scheduled.comment.startswith("Not published at the time you chose")


def test_pending_unpublish_keeps_page_up(writer_client):
    entry = make_entry()

    submit(writer_client, change_url(entry), {"is_published": False}, button="_save")

    assert public_page(entry.get_absolute_url()).status_code == 200
    assert PendingChange.objects.get().kind == PendingChange.Kind.UNPUBLISH


def test_pending_delete_keeps_page_up(writer_client):
    entry = make_entry()
    url = reverse("admin:faq_entry_delete", args=[entry.pk])

    submit(writer_client, url, button=None)

    assert public_page(entry.get_absolute_url()).status_code == 200
    assert PendingChange.objects.get().kind == PendingChange.Kind.DELETE


def test_restore_becomes_a_pending_change(reviewer, writer_client):
    from reversion.models import Version

    entry = make_entry()
    for answer in ("First answer.", "Second answer."):  # a reviewer's saves: live at once
        submit(reviewer.client, change_url(entry), {"answer": answer}, button="_save")
    # Newest first: the second save, then the first (opening the form gave the entry, made here
    # without History, a version of its own before that).
    first = Version.objects.get_for_object(entry)[1]
    assert first.field_dict["answer"] == "First answer."
    url = reverse("admin:faq_entry_revision", args=[entry.pk, first.pk])

    response = submit(writer_client, url, button="_save")

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.answer == "Second answer."
    change = PendingChange.objects.get(status=PendingChange.Status.PENDING)
    assert [value for key, value in change.data if key == "answer"] == ["First answer."]


def test_new_item_by_author_starts_as_draft_waiting_to_publish(writer_client):
    url = reverse("admin:faq_entry_add")

    submit(
        writer_client,
        url,
        {"question": "Is it new?", "slug": "is-it-new", "answer": "Yes.", "is_published": True},
        button="_save",
    )

    entry = Entry.objects.get(slug="is-it-new")
    assert not entry.is_published
    assert PendingChange.objects.get().kind == PendingChange.Kind.PUBLISH


def test_reviewers_own_save_goes_live_at_once_as_urgent_correction(reviewer):
    entry = make_entry()

    edit_answer(reviewer.client, entry, "Fixed at once.")

    assert "Fixed at once." in public_page(entry.get_absolute_url()).content.decode()
    record = PendingChange.objects.get(object_id=entry.pk)
    assert (record.status, record.comment) == (
        PendingChange.Status.APPROVED,
        "Urgent correction, approved by self.",
    )
    assert record.reviewer == record.author == reviewer


def test_reviewers_get_an_email_when_a_change_awaits_review(
    writer_client, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    entry = make_entry()

    with django_capture_on_commit_callbacks(execute=True):
        edit_answer(writer_client, entry)

    assert [mail.to for mail in mailoutbox] == [["reviewer@example.org"]]
    assert review_url(PendingChange.objects.get()) in mailoutbox[0].body


def test_author_gets_an_email_when_their_change_is_sent_back(
    writer, writer_client, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    writer.email = "writer@example.org"
    writer.save()
    entry = make_entry()
    edit_answer(writer_client, entry)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        send_back(reviewer, PendingChange.objects.get(), "Shorter, please.")

    assert mailoutbox[0].to == ["writer@example.org"]
    assert "Shorter, please." in mailoutbox[0].body


def test_admin_home_lists_changes_awaiting_review(writer_client, reviewer):
    entry = make_entry()
    edit_answer(writer_client, entry)

    page = reviewer.client.get(reverse("admin:index")).content.decode()

    assert "1 change awaits review" in page
    assert str(entry) in page


def test_an_author_finds_their_sent_back_change_and_its_comment_on_the_admin_home(
    writer_client, reviewer, second_author
):
    entry = make_entry(question="Sent back?")
    edit_answer(writer_client, entry)
    send_back(reviewer, PendingChange.objects.get(), "Shorter, please.")

    home = writer_client.get(reverse("admin:index")).content.decode()
    someone_elses_home = second_author.get(reverse("admin:index")).content.decode()

    assert "Sent back to you: 1" in home and "Shorter, please." in home
    assert f'href="{reverse("admin:faq_entry_change", args=[entry.pk])}"' in home
    assert "0 changes await review" in home
    assert "Sent back to you" not in someone_elses_home


def test_the_admin_home_links_a_reviewer_to_the_review_list(writer_client, reviewer):
    edit_answer(writer_client, make_entry())
    list_url = reverse("admin:kneesite_pendingchange_changelist")

    assert (
        f'<a href="{list_url}">Open the review list</a>'
        in reviewer.client.get(reverse("admin:index")).content.decode()
    )
    assert (
        f'href="{list_url}"' not in writer_client.get(reverse("admin:index")).content.decode()
    )  # not theirs


def test_the_review_list_opens_on_what_awaits_review_and_counts_only_that(writer_client, reviewer):
    decided, waiting = make_entry(question="Decided?"), make_entry(question="Waiting?")
    edit_answer(writer_client, decided)
    submit(reviewer.client, review_url(PendingChange.objects.get()), button="_approve", form_id="review-form")
    edit_answer(writer_client, waiting)
    url = reverse("admin:kneesite_pendingchange_changelist")

    reviewer.client.get(url)  # shows, and so clears, the approval's message naming "Decided?"
    opened = reviewer.client.get(url).content.decode()
    everything = reviewer.client.get(url, {"status": "all"}).content.decode()
    tampered = reviewer.client.get(url, {"status": "<b>"})

    assert "Waiting?" in opened and "Decided?" not in opened
    assert "1 change awaiting review" in opened
    assert "Waiting?" in everything and "Decided?" in everything
    assert tampered.status_code == 200 and "1 change awaiting review" in tampered.content.decode()


def test_the_review_list_counts_each_status_within_the_search(writer_client, reviewer):
    decided, waiting = make_entry(question="Knee decided?"), make_entry(question="Knee waiting?")
    edit_answer(writer_client, decided)
    submit(reviewer.client, review_url(PendingChange.objects.get()), button="_approve", form_id="review-form")
    edit_answer(writer_client, waiting)
    edit_answer(writer_client, make_entry(question="Hip waiting?"))
    url = reverse("admin:kneesite_pendingchange_changelist")

    everything = reviewer.client.get(url).content.decode()
    searched = reviewer.client.get(url, {"q": "knee", "kind__exact": "change"}).content.decode()

    assert ">Awaiting review (2)<" in everything and ">Approved (1)<" in everything
    assert ">All (3)<" in everything and ">Sent back (0)<" in everything
    assert ">Awaiting review (1)<" in searched and ">Approved (1)<" in searched and ">All (2)<" in searched


def _content_type(item):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(item).pk


def choose_in_list(client, url, action, items):
    """Tick `items` in an admin list and run `action`: returns the confirmation page."""
    return submit(
        client,
        url,
        {"action": action, "_selected_action": [str(item.pk) for item in items]},
        form_id="changelist-form",
        button="index",
    )


def test_bulk_unpublish_asks_first_naming_answers_that_lose_a_recommendation(reviewer):
    from tests.test_unpublish_recommended import recommend

    exercise = make_exercise()
    recommend(exercise)
    url = reverse("admin:articles_exercise_changelist")

    asked = choose_in_list(reviewer.client, url, "unpublish_selected", [exercise])

    assert "It aches after runs" in asked.content.decode()
    exercise.refresh_from_db()
    assert exercise.is_published  # nothing happens before the reviewer confirms
    post_form(reviewer.client, url, read_form(asked))
    exercise.refresh_from_db()
    assert not exercise.is_published


def test_bulk_approve_publishes_each_chosen_change(writer_client, reviewer):
    first, second = make_entry(answer="Old one."), make_entry(answer="Old two.")
    edit_answer(writer_client, first, "New one.")
    edit_answer(writer_client, second, "New two.")
    url = reverse("admin:faq_entry_changelist")

    asked = choose_in_list(reviewer.client, url, "approve_selected", [first, second])
    post_form(reviewer.client, url, read_form(asked))

    assert "New one." in public_page(first.get_absolute_url()).content.decode()
    assert "New two." in public_page(second.get_absolute_url()).content.decode()


def test_a_new_picture_awaiting_review_is_kept_and_published_on_approval(
    writer_client, reviewer, settings, tmp_path
):
    from tests.test_images import ExercisePicture, png

    settings.MEDIA_ROOT = tmp_path / "media"
    pictures = ExercisePicture(writer_client)
    before = pictures.exercise.illustration.name

    response = submit(
        writer_client,
        change_url(pictures.exercise),
        {"illustration_alt": "A photo of a glute bridge."},
        button="_save",
        files={"illustration": png()},
    )

    assert response.status_code == 302
    pictures.exercise.refresh_from_db()
    assert pictures.exercise.illustration.name == before  # readers keep the shipped drawing
    submit(reviewer.client, review_url(PendingChange.objects.get()), button="_approve", form_id="review-form")
    pictures.exercise.refresh_from_db()
    assert pictures.exercise.illustration.name.startswith("exercises/")
    assert pictures.exercise.illustration_alt == "A photo of a glute bridge."


def test_staff_preview_of_a_guide_shows_a_sections_change_awaiting_review(writer_client):
    section = make_section(body="The published body.")

    submit(writer_client, change_url(section), {"body": "The body awaiting review."}, button="_save")

    guide = section.article.get_absolute_url()
    staff_page = writer_client.get(guide).content.decode()
    assert "The body awaiting review." in staff_page
    assert "Change awaiting review" in staff_page
    assert "The published body." in public_page(guide).content.decode()


def test_approving_a_pending_delete_removes_the_page(writer_client, reviewer):
    entry = make_entry()
    submit(writer_client, reverse("admin:faq_entry_delete", args=[entry.pk]))

    submit(reviewer.client, review_url(PendingChange.objects.get()), button="_approve", form_id="review-form")

    assert public_page(entry.get_absolute_url()).status_code == 404
    assert not Entry.objects.filter(pk=entry.pk).exists()


def test_approving_a_change_someone_else_overtook_is_refused_and_kept(writer_client, reviewer):
    entry = make_entry(answer="The published answer.")
    edit_answer(writer_client, entry, "The writer's answer.")
    edit_answer(reviewer.client, entry, "An urgent correction.")  # saved since the writer opened it
    change = PendingChange.objects.get(author__username="writer")  # sent back as superseded

    response = submit(
        reviewer.client, review_url(change), button="_approve", form_id="review-form", follow=True
    )

    assert "Not approved" in response.content.decode()
    change.refresh_from_db()
    assert change.status == PendingChange.Status.SENT_BACK
    assert "An urgent correction." in public_page(entry.get_absolute_url()).content.decode()


def test_an_authors_change_to_a_live_questions_answers_waits_for_review(writer_client, reviewer):
    from articles.models import Choice, Question

    question = Question.objects.create(text="Does it click?", slug="does-it-click", is_published=True)
    choice = Choice.objects.create(question=question, label="Yes, it clicks", slug="yes")
    url = change_url(question)
    prefix = "choices-0-label"

    submit(writer_client, url, {prefix: "Yes, it clicks or grinds"}, button="_save")

    choice.refresh_from_db()
    assert choice.label == "Yes, it clicks"
    assert PendingChange.objects.get().fields == ["answer choices"]
    submit(reviewer.client, review_url(PendingChange.objects.get()), button="_approve", form_id="review-form")
    choice.refresh_from_db()
    assert choice.label == "Yes, it clicks or grinds"


# Fixes after review (brief fixes3).


def test_authors_list_page_offers_no_reordering_of_live_items(writer_client, reviewer):
    make_entry()

    assertNotContains(writer_client.get("/admin/faq/entry/"), 'name="form-0-position"')
    assertContains(reviewer.client.get("/admin/faq/entry/"), 'name="form-0-position"')


def test_author_saving_a_list_page_with_positions_gets_a_message_not_a_server_error(writer_client, reviewer):
    entry = make_entry(position=10)
    # The list as it was rendered for someone who may reorder (a role since taken away).
    form = read_form(reviewer.client.get("/admin/faq/entry/")).change(**{"form-0-position": "99"})

    response = post_form(writer_client, "/admin/faq/entry/", form, button="_save", follow=True)

    assert response.status_code == 200
    assertContains(response, "Reordering live items waits for review")
    entry.refresh_from_db()
    assert entry.position == 10


def test_a_sent_back_change_does_not_go_live_on_a_reviewers_next_save(writer_client, reviewer):
    entry = make_entry(answer="The published answer.")
    edit_answer(writer_client, entry, "Wrong advice.")
    change = PendingChange.objects.get()
    send_back(reviewer, change, "No.")

    submit(reviewer.client, change_url(entry), {"question": "A clearer question?"}, button="_save")

    page = public_page(entry.get_absolute_url()).content.decode()
    assert "A clearer question?" in page
    assert "Wrong advice." not in page


def test_others_see_the_live_item_with_a_notice_naming_the_open_change(writer_client, reviewer):
    entry = make_entry(answer="The published answer.")
    edit_answer(writer_client, entry, "Pending words.")

    response = reviewer.client.get(change_url(entry))

    assert read_form(response).get("answer") == "The published answer."
    assertContains(response, "Change by writer: awaiting review")
    assertContains(response, "The form shows what readers see now, not that change.")


def test_author_can_withdraw_their_open_change(writer_client):
    entry = make_entry(answer="The published answer.")
    edit_answer(writer_client, entry, "Second thoughts.")

    response = submit(
        writer_client, review_url(PendingChange.objects.get()), button="_withdraw", form_id="withdraw-form"
    )

    assert response.status_code == 302
    assert not PendingChange.objects.exists()
    assert read_form(writer_client.get(change_url(entry))).get("answer") == "The published answer."


def test_reviewers_direct_save_sends_an_open_change_back_as_superseded(writer_client, reviewer):
    entry = make_entry(answer="The published answer.")
    edit_answer(writer_client, entry, "Pending words.")

    edit_answer(reviewer.client, entry, "Fixed at once.")

    change = PendingChange.objects.get(author__username="writer")
    assert change.status == PendingChange.Status.SENT_BACK
    assert change.comment.startswith("Superseded: reviewer changed the live item directly")
    page = writer_client.get(change_url(entry)).content.decode()
    assert "Superseded: reviewer" in page


def test_a_second_authors_save_cannot_silently_replace_the_first_authors_pending_change(
    writer_client, django_user_model
):
    from tests.conftest import make_staff

    other = Client()
    other.force_login(make_staff(django_user_model, "other", "Authors"))
    entry = make_entry(answer="The published answer.")
    opened = read_form(other.get(change_url(entry))).change(answer="The other author's answer.")
    edit_answer(writer_client, entry, "The writer's answer.")

    response = post_form(other, change_url(entry), opened, button="_save")

    assert response.status_code == 200
    assert "edit_conflict" in [
        error.code for error in response.context["adminform"].form.non_field_errors().as_data()
    ]
    assertContains(response, "writer saved a change to this on")
    assert read_form(response).get("answer") == "The other author's answer."
    change = PendingChange.objects.get()
    assert change.author.username == "writer"
    assert [value for key, value in change.data if key == "answer"] == ["The writer's answer."]


def test_author_of_a_change_approved_for_later_gets_an_approved_email_naming_the_time(
    writer, writer_client, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    writer.email = "writer@example.org"
    writer.save()
    entry = make_entry()
    edit_answer(writer_client, entry)
    later = timezone.localtime() + datetime.timedelta(days=2)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        approve_for_later(reviewer, PendingChange.objects.get(), later)

    assert mailoutbox[0].subject.startswith("Approved: goes live at ")
    assert "09:00" in mailoutbox[0].subject


def test_scheduled_changes_publish_under_production_hosts_and_one_failure_stops_no_other(
    writer,
    writer_client,
    reviewer,
    django_user_model,
    mailoutbox,
    settings,
    django_capture_on_commit_callbacks,
):
    from tests.conftest import make_staff

    writer.email = "writer@example.org"
    writer.save()
    leaver = make_staff(django_user_model, "leaver", "Clinical reviewers")
    leaver.client = Client()
    leaver.client.force_login(leaver)
    first, second = make_entry(), make_entry()
    edit_answer(writer_client, first, "First, scheduled by a reviewer who left.")
    edit_answer(writer_client, second, "Second, scheduled.")
    later = timezone.localtime() + datetime.timedelta(days=2)
    approve_for_later(leaver, PendingChange.objects.get(object_id=first.pk), later)
    approve_for_later(reviewer, PendingChange.objects.get(object_id=second.pk), later)
    leaver.groups.clear()  # no longer allowed to change anything
    settings.ALLOWED_HOSTS = ["kneesite.example"]
    settings.SITE_URL = "https://kneesite.example"
    mailoutbox.clear()

    with (
        time_machine.travel(later.replace(hour=9, minute=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("publish_scheduled_changes")

    assert PendingChange.objects.get(object_id=first.pk).status == PendingChange.Status.SENT_BACK
    assert PendingChange.objects.get(object_id=second.pk).status == PendingChange.Status.APPROVED
    second.refresh_from_db()
    assert second.answer == "Second, scheduled."
    assert sorted(mail.subject.split(":")[0] for mail in mailoutbox) == ["Approved", "Sent back"]
    assert all("https://kneesite.example/admin/" in mail.body for mail in mailoutbox)


def test_a_mail_server_failure_does_not_break_an_authors_save(
    writer_client, reviewer, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    import smtplib

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("kneesite.review_mail.send_mail", refuse)
    entry = make_entry()

    with django_capture_on_commit_callbacks(execute=True):
        response = edit_answer(writer_client, entry, "Saved whatever the mail server does.")

    assert response.status_code == 302
    assert PendingChange.objects.get().status == PendingChange.Status.PENDING
    failures = [record for record in caplog.records if record.name == "kneesite.review_mail"]
    assert [record.getMessage() for record in failures] == [
        f"Could not send the email “Awaiting review: {entry.question}” to reviewer@example.org"
    ]


@pytest.mark.parametrize("role", ["writer", "reviewer"])
def test_authors_and_reviewers_can_open_a_running_stages_page(role, request):
    from articles.models import RunningStage

    user = request.getfixturevalue(role)
    client = Client()
    client.force_login(user)
    stage = RunningStage.objects.first()

    assert client.get(f"/admin/articles/runningstage/{stage.pk}/change/").status_code == 200


def add_entry_to_publish(writer_client):
    submit(
        writer_client,
        reverse("admin:faq_entry_add"),
        {
            "question": "Is it new?",
            "slug": "is-it-new",
            "answer": "Yes, and here is why.",
            "is_published": True,
        },
        button="_save",
    )
    return Entry.objects.get(slug="is-it-new")


def test_review_of_a_new_items_publish_shows_all_its_fields(writer_client, reviewer):
    add_entry_to_publish(writer_client)

    page = reviewer.client.get(review_url(PendingChange.objects.get())).content.decode()

    diff = lxml.html.fromstring(page).get_element_by_id("review-diff").text_content()
    assert "Is it new?" in diff
    assert "Yes, and here is why." in diff


def test_saving_a_draft_waiting_to_be_published_refreshes_its_pending_publish(
    writer_client, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    entry = add_entry_to_publish(writer_client)
    change = PendingChange.objects.get()
    mailoutbox.clear()

    later = timezone.now() + datetime.timedelta(minutes=5)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        edit_answer(writer_client, entry, "A better reason.")

    saved_before = change.updated_at
    change.refresh_from_db()
    assert change.updated_at > saved_before
    assert [mail.subject for mail in mailoutbox] == ["Awaiting review: Is it new?"]
