"""No silent overwrites: two authors open the same item; the first saves; the second's save is
refused, naming who and when and what changed, with everything they typed kept."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from pytest_django.asserts import assertContains

from articles.models import Question
from faq.models import Entry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def first_versions():
    """As set-up leaves it: every item has a first version."""
    call_command("createinitialrevisions", verbosity=0)


@pytest.fixture
def second_author(django_user_model):
    user = django_user_model.objects.create_user("second", password="another-long-password-2", is_staff=True)
    user.groups.add(Group.objects.get(name="Authors"))
    client = Client()
    client.force_login(user)
    return client


def opened_form(client, url):
    """The form's fields as the admin page holds them (what the browser would post back)."""
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = value
    return data


def entry_data(form_data, answer):
    return {
        **{k: v for k, v in form_data.items() if k in ("question", "slug", "position", "loaded_version")},
        "answer": answer,
        "is_published": "on",
        "pub_date_0": "2026-01-01",
        "pub_date_1": "09:00:00",
    }


def test_the_second_save_is_refused_with_who_when_and_what_and_nothing_is_lost(author_client, second_author):
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    url = f"/admin/faq/entry/{entry.pk}/change/"
    first_opened, second_opened = opened_form(author_client, url), opened_form(second_author, url)

    assert author_client.post(url, entry_data(first_opened, "The first author's answer.")).status_code == 302
    refused = second_author.post(url, entry_data(second_opened, "The second author's careful rewrite."))
    assert refused.status_code == 200
    errors = refused.context["adminform"].form.non_field_errors().as_data()
    assert errors[0].code == "edit_conflict"
    assertContains(refused, "author saved this on")
    message = str(errors[0].message)
    assert "They changed:" in message and "answer" in message and "updated" not in message
    assertContains(refused, "The second author&#x27;s careful rewrite.")  # kept in the form
    entry.refresh_from_db()
    assert entry.answer == "The first author's answer."

    # Saving again, now knowing, replaces the first author's version.
    again = opened_form(second_author, url) | {
        "loaded_version": refused.context["adminform"].form.data["loaded_version"]
    }
    assert (
        second_author.post(url, entry_data(again, "The second author's careful rewrite.")).status_code == 302
    )
    entry.refresh_from_db()
    assert entry.answer == "The second author's careful rewrite."


def test_an_unchanged_item_saves_without_a_fuss(author_client):
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    url = f"/admin/faq/entry/{entry.pk}/change/"
    for answer in ("One.", "Two."):
        assert author_client.post(url, entry_data(opened_form(author_client, url), answer)).status_code == 302


def test_a_question_and_its_answers_are_checked_together(author_client, second_author):
    question = Question.objects.get(slug="walking")
    url = f"/admin/articles/question/{question.pk}/change/"

    def post(client, opened, text):
        response = client.get(url)
        inline = response.context["inline_admin_formsets"][0].formset
        data = {
            "text": text,
            "slug": question.slug,
            "hint": question.hint,
            "kind": question.kind,
            "position": str(question.position),
            "is_published": "on",
            "pub_date_0": "2026-01-01",
            "pub_date_1": "09:00:00",
            "loaded_version": opened.get("loaded_version", ""),
            **{k: v for k, v in inline.management_form.initial.items()},
        }
        data = {f"{k}": v for k, v in data.items()}
        prefix = inline.prefix
        data.update({f"{prefix}-{k}": v for k, v in inline.management_form.initial.items()})
        for number, form in enumerate(inline.forms):
            for name in form.fields:
                value = form[name].value()
                if value is not None and value is not False:
                    data[f"{prefix}-{number}-{name}"] = value
        return client.post(url, data)

    first_opened, second_opened = opened_form(author_client, url), opened_form(second_author, url)
    assert post(author_client, first_opened, "Does walking hurt your knee at all?").status_code == 302
    refused = post(second_author, second_opened, "Does walking hurt?")
    assert refused.context["adminform"].form.non_field_errors().as_data()[0].code == "edit_conflict"
