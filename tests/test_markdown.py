"""Author Markdown becomes sanitized HTML: hostile constructs never reach a reader."""

import pytest

from faq.models import Entry
from kneesite.markdown import render
from kneesite.migration_helpers import rerender_stored

from .conftest import make_entry
from .pageforms import submit

HOSTILE = {
    "script": "<script>alert('x')</script>",
    "event handler": '<img src="x.png" onerror="alert(1)">',
    "javascript link": "[click](javascript:alert(1))",
    "javascript link, mixed case": '<a href="JaVaScRiPt:alert(1)">click</a>',
    "iframe": '<iframe src="https://example.com"></iframe>',
    "inline style": '<p style="color:red">styled</p>',
}


@pytest.mark.parametrize("markup", HOSTILE.values(), ids=HOSTILE.keys())
def test_render_strips_hostile_markup(markup):
    html = render(markup).lower()
    for dangerous in ("<script", "onerror", "javascript:", "<iframe", "style="):
        assert dangerous not in html


def test_render_keeps_ordinary_markdown():
    html = render("Some **bold** text and a [link](https://example.org).\n\n1. one\n2. two")
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">link</a>' in html
    assert "<ol>" in html


def test_render_keeps_images_from_this_site_only():
    assert 'src="/media/uploads/knee.png"' in render("![knee](/media/uploads/knee.png)")
    for outside in ("https://example.com/x.png", "//example.com/x.png"):
        assert "example.com" not in render(f"![x]({outside})")


def test_render_supports_tables():
    assert "<table>" in render("| a | b |\n|---|---|\n| 1 | 2 |")


def test_a_table_scrolls_in_its_own_focusable_region_named_after_its_columns():
    html = render("| Day | Sets |\n|---|---|\n| 1 | 3 |")
    assert html.startswith(
        '<div class="table-scroll" role="region" aria-label="Table: Day, Sets" tabindex="0"><table>'
    )
    assert html.endswith("</table></div>")


def test_a_column_heading_cannot_break_out_of_its_tables_label():
    html = render("| Say &quot;hi&quot; <b>now</b> & go |\n|---|\n| 1 |")
    assert 'aria-label="Table: Say &quot;hi&quot; now &amp; go" tabindex="0">' in html


def test_a_table_written_in_code_is_not_wrapped():
    assert "table-scroll" not in render("Type `<table>` and `</table>`.")


@pytest.mark.django_db
def test_saving_stores_rendered_html():
    entry = make_entry(answer="It **depends**.")
    assert entry.answer_html == "<p>It <strong>depends</strong>.</p>"


@pytest.mark.django_db
@pytest.mark.parametrize("markup", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markup_never_reaches_the_permalink_page(client, markup):
    entry = make_entry(answer=f"Safe words. {markup}")
    html = client.get(entry.get_absolute_url()).content.decode().lower()
    assert "safe words." in html
    for dangerous in ("alert(", "onerror", "javascript:", "<iframe", 'style="color'):
        assert dangerous not in html


def answer_errors(client, entry, answer):
    """Save `answer` as the entry's answer from its admin page: the answer field's error codes."""
    response = submit(client, f"/admin/faq/entry/{entry.pk}/change/", {"answer": answer}, button="_save")
    assert response.status_code == 200, "the save went through"
    return [error.code for error in response.context["adminform"].form.errors.as_data()["answer"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "answer,code",
    [
        ("See ![](/media/x.png).", "image_without_alt"),
        ("Read [this](/faq/no-such-question/).", "broken_link"),
        ("Read [this](/guide/runners-knee-recovery/#no-such-section).", "broken_link"),
        ("Read [this](/not-a-page/).", "broken_link"),
    ],
)
def test_an_image_without_a_description_or_a_broken_internal_link_is_refused(author_client, answer, code):
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    assert answer_errors(author_client, entry, answer) == [code]


@pytest.mark.django_db
def test_a_link_to_an_old_address_is_refused_with_the_address_it_moved_to(author_client):
    moved = make_entry(slug="old-question")
    moved.slug = "new-question"
    moved.save()  # leaves a redirect from /faq/old-question/, as the admin does
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    response = submit(
        author_client,
        f"/admin/faq/entry/{entry.pk}/change/",
        {"answer": "Read [this](/faq/old-question/)."},
        button="_save",
    )
    [error] = response.context["adminform"].form.errors.as_data()["answer"]
    assert error.code == "moved"
    assert "/faq/new-question/" in error.message
    entry.refresh_from_db()
    assert "old-question" not in entry.answer


@pytest.mark.django_db
def test_a_link_to_an_old_address_without_its_trailing_slash_names_the_new_address(author_client):
    moved = make_entry(slug="old-question")
    moved.slug = "new-question"
    moved.save()
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    response = submit(
        author_client, f"/admin/faq/entry/{entry.pk}/change/", {"answer": "Read [this](/faq/old-question)."}
    )
    [error] = response.context["adminform"].form.errors.as_data()["answer"]
    assert error.code == "moved"
    assert "/faq/new-question/" in error.message


@pytest.mark.django_db
def test_a_full_link_to_this_sites_own_address_is_checked_like_a_local_one(author_client, settings):
    settings.SITE_URL = "https://knee.example"
    entry = Entry.objects.get(slug="where-does-runners-knee-hurt")
    answer = "Read [this](https://knee.example/faq/no-such-question/)."
    assert answer_errors(author_client, entry, answer) == ["broken_link"]


def test_copyright_trademark_and_registered_letters_stay_as_typed():
    html = render("Do this: (a) rest, (b) ice, (c) strengthen. (r) and (tm) too, and +- 2.")
    assert "(a) rest, (b) ice, (c) strengthen. (r) and (tm) too, and +- 2." in html
    assert not {"©", "®", "™", "±"} & set(html)


def test_quotes_still_become_curly():
    assert render('"Rest," she said. It\'s fine.') == "<p>“Rest,” she said. It’s fine.</p>"


@pytest.mark.django_db
def test_stored_html_with_symbols_is_rendered_again_as_typed():
    entry = make_entry(answer="(a) rest, (b) ice, (c) strengthen")
    Entry.objects.filter(pk=entry.pk).update(answer_html="<p>(a) rest, (b) ice, © strengthen</p>")
    changed = rerender_stored(Entry.objects.all(), Entry.markdown_fields)
    entry.refresh_from_db()
    assert (changed, entry.answer_html) == (1, "<p>(a) rest, (b) ice, (c) strengthen</p>")


@pytest.mark.django_db
def test_working_internal_links_and_described_images_pass():
    from kneesite.markdown_checks import validate_markdown

    validate_markdown(
        "![A glute bridge](/media/x.png) [FAQ](/faq/) [an answer](/faq/where-does-runners-knee-hurt/) "
        "[a section](/guide/runners-knee-recovery/#strengthen-your-glutes) [elsewhere](https://www.nhs.uk/)"
    )


@pytest.mark.parametrize(
    "pattern,repeats",
    [("[", 15_000), ("[a](", 20_000), ("<a ", 20_000), ("a<br>\n", 100_000)],
    ids=["15,000 [", "20,000 [a](", "20,000 <a", "600 KB of a<br> lines"],
)
def test_the_worst_markdown_an_author_can_save_renders_in_work_in_proportion_to_its_length(pattern, repeats):
    """Longer than MAX_CHARS is refused on save (next test); up to it, every input renders in
    at most 200 Python calls a character (today at most about 90, for 15,000 “[”): a parser
    that went back over its input would need thousands a character and fails here at once,
    on any machine, however busy. (Time spent inside a single regular expression is not
    counted: the parser is chosen for linear time, see kneesite/markdown.py.)"""
    import sys

    from django.core.exceptions import ValidationError

    from kneesite.markdown import MAX_CHARS
    from kneesite.markdown_checks import validate_markdown

    calls_per_char = 200
    source = pattern * repeats
    if len(source) > MAX_CHARS:
        with pytest.raises(ValidationError):
            validate_markdown(source)
        source = source[:MAX_CHARS]
    budget, calls = calls_per_char * len(source), 0

    def count(code, offset):
        nonlocal calls
        calls += 1
        if calls > budget:
            raise AssertionError(f"Rendering took over {budget:,} Python calls")

    monitoring = sys.monitoring
    monitoring.use_tool_id(monitoring.PROFILER_ID, "count Python calls")
    monitoring.register_callback(monitoring.PROFILER_ID, monitoring.events.PY_START, count)
    monitoring.set_events(monitoring.PROFILER_ID, monitoring.events.PY_START)
    try:
        html = render(source)
    finally:
        monitoring.set_events(monitoring.PROFILER_ID, monitoring.events.NO_EVENTS)
        monitoring.free_tool_id(monitoring.PROFILER_ID)
    assert html and "<script" not in html


def test_markdown_longer_than_the_cap_is_refused_with_a_clear_error():
    from django.core.exceptions import ValidationError

    from kneesite.markdown import MAX_CHARS
    from kneesite.markdown_checks import validate_markdown

    with pytest.raises(ValidationError) as refused:
        validate_markdown("a" * (MAX_CHARS + 1))
    assert refused.value.error_list[0].code == "too_long"


def test_the_preview_refuses_markdown_over_the_cap(author_client):
    from kneesite.markdown import MAX_CHARS

    response = author_client.post("/markdownx/markdownify/", {"content": "[" * (MAX_CHARS + 1)})
    assert response.status_code == 400
