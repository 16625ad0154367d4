"""Plain words, measured: every public page's main text and the footer read at about age 11
(Flesch–Kincaid grade 6 or under), and no sentence a reader acts on runs past 25 words.
`make readability` prints the figures per page."""

import os

import pytest

from . import readability
from .readability import ACTION_WORDS_LIMIT, GRADE_LIMIT

pytestmark = pytest.mark.django_db


@pytest.fixture
def measures(client):
    found = readability.measure_site(client)
    if os.environ.get("READABILITY_TABLE"):
        print("\n" + readability.table(found))
    return found


def test_the_syllable_count_knows_common_and_compound_words():
    counts = {word: readability.syllables(word) for word in ["knee", "runner’s", "physiotherapist", "10–30"]}
    assert counts == {"knee": 1, "runner’s": 2, "physiotherapist": 6, "10–30": 2}


def test_a_long_hard_sentence_scores_a_higher_grade_than_short_plain_ones():
    plain = ["Bend your knee a little. Then stand up tall."]
    hard = [
        "Patellofemoral rehabilitation programmes incorporating progressive hip abduction demonstrate considerable improvements."
    ]
    assert readability.grade(plain) < 2 < GRADE_LIMIT < readability.grade(hard)


def test_only_the_prose_is_measured_not_navigation_or_sources():
    page = (
        "<main><p class='breadcrumb'>Exercises</p><nav>Guide</nav><p>Stand up tall. Sit down.</p>"
        "<section class='sources'><p>Crossley KM et al. (2016).</p></section></main>"
    )
    assert readability.measure("page", page).words == 5


def test_every_public_page_reads_at_age_11_or_under(measures):
    hard = {m.name: m.grade for m in measures if m.grade > GRADE_LIMIT}
    assert hard == {}


def test_no_sentence_a_reader_acts_on_is_longer_than_25_words(measures):
    long = {m.name: m.longest for m in measures if m.longest_words > ACTION_WORDS_LIMIT}
    assert long == {}


def test_the_footer_and_a_result_are_among_the_pages_measured(measures):
    names = {m.name for m in measures}
    assert {"footer", "result: emergency", "result: a plan", "/faq/", "programme: the soon card"} <= names
