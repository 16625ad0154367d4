"""Reflow (WCAG 1.4.10): at 320 px wide, no page scrolls sideways, whatever authors write. Long
words and addresses wrap; a wide table scrolls inside its own labelled region."""

import re
from urllib.parse import urlsplit

import pytest

from tests.conftest import make_entry
from tests.test_selfcheck_content import query

from .conftest import assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 320, "height": 640}
LONG_URL = "https://example.org/" + "a-very-long-address-" * 9  # 200 characters, no space in it
LONG_WORD = "Patellofemoralpainsyndromeexplained" * 2
WIDE_TABLE = (
    "| Week | Monday | Tuesday | Wednesday | Thursday | Friday |\n"
    "|---|---|---|---|---|---|\n"
    "| One | Strengthening | Walking | Strengthening | Walking | Strengthening |\n"
)


def self_check_paths():
    return [
        "/self-check/",
        "/self-check/questions/?warning-signs=none",
        f"/self-check/result/?{query(half_squat_test='moved-inward')}",
        f"/self-check/result/?{query(walking='hurts')}",  # the week off running
        "/self-check/result/?warning-signs=deformed",
        f"/self-check/check-in/?{query()}",
    ]


def test_no_page_scrolls_sideways_at_320_px(live_server, page, screenshot):
    entry = make_entry(
        question=f"What does {LONG_WORD} mean?",
        slug="long-words",
        answer=f"Read [{LONG_URL}]({LONG_URL}) or {LONG_URL}.\n\n### {LONG_WORD}\n\n{WIDE_TABLE}\n\n| {LONG_URL} |\n|---|\n| {LONG_WORD} |",
    )
    page.set_viewport_size(PHONE)
    sitemap = page.request.get(f"{live_server.url}/sitemap.xml").text()
    crawled = [urlsplit(address).path for address in re.findall(r"<loc>(.*?)</loc>", sitemap)]
    assert entry.get_absolute_url() in crawled
    paths = [
        "/",
        "/guide/",
        "/exercises/",
        "/faq/",
        "/search/?q=knee",
        "/no-such-page/",
        *crawled,
        *self_check_paths(),
    ]
    too_wide = {}
    for path in paths:
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width != PHONE["width"]:
            too_wide[path] = width
    assert too_wide == {}
    page.goto(live_server.url + entry.get_absolute_url())
    screenshot(page, "long-words-faq-320", full_page=True)
    page.goto(f"{live_server.url}/self-check/result/?{query(walking='hurts')}")
    screenshot(page, "week-off-result-320")


def test_a_wide_table_scrolls_inside_its_own_region_by_keyboard(live_server, page, screenshot):
    entry = make_entry(question="Which days?", slug="which-days", answer=f"A week:\n\n{WIDE_TABLE}")
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + entry.get_absolute_url())
    region = page.get_by_role("region", name="Table: Week, Monday, Tuesday, Wednesday, Thursday, Friday")
    assert region.evaluate("element => element.scrollWidth > element.clientWidth")
    region.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.table-scroll').scrollLeft > 0")
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    screenshot(page, "wide-table-320")
    assert_no_axe_violations(page)


def test_the_check_ins_short_answers_keep_their_words_whole_at_320_px(live_server, page, screenshot):
    """“Yes”, “About the same”: each answer in a row of short answers stays on one line."""
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/self-check/check-in/?{query()}")
    heights = page.eval_on_selector_all(
        ".options-inline label",
        "labels => labels.map(l => [l.textContent, l.getBoundingClientRect().height / parseFloat(getComputedStyle(l).lineHeight)])",
    )
    screenshot(page, "check-in-320")
    assert heights and all(lines < 1.5 for _, lines in heights), [
        text for text, lines in heights if lines >= 1.5
    ]


# [text of each word split over two lines] of the elements matching a selector: a word's range
# has one box per line it is on. A compound may break at its hyphen (“Step-/down”).
SPLIT_WORDS = """elements => elements.flatMap(element => {
  const text = element.firstChild;
  const split = [];
  for (const match of text.textContent.matchAll(/[^\\s-]+/g)) {
    const range = document.createRange();
    range.setStart(text, match.index);
    range.setEnd(text, match.index + match[0].length);
    const lines = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
    if (lines.size > 1) split.push(match[0]);
  }
  return split;
})"""


def test_a_results_exercise_names_keep_their_words_whole_at_320_px(live_server, page, screenshot):
    """The picture beside each exercise left its name a column too narrow for “balance”."""
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/self-check/result/?{query()}")
    split = page.eval_on_selector_all(".recommendation h3 a", SPLIT_WORDS)
    screenshot(page.locator(".recommendations").first, "exercise-names-320")
    assert page.locator(".recommendation h3 a").count() >= 3
    assert split == []
