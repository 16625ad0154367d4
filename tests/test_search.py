"""Search: a box on every page, results over published content, lay words that find the page."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from .conftest import make_entry

pytestmark = pytest.mark.django_db


def results(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response, [hit.url for hit in response.context["results"]]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("thigh stretch", "/exercises/quadriceps-stretch/"),
        ("brace", "/guide/runners-knee-recovery/#knee-braces"),
        ("hurts downstairs", "/faq/where-does-runners-knee-hurt/"),
        ("how long", "/faq/how-long-does-runners-knee-take-to-get-better/"),
        ("glute bridge", "/exercises/glute-bridge/"),
    ],
)
def test_common_lay_words_find_the_right_page(client, query, expected):
    _, urls = results(client, query)
    assert expected in urls[:3], urls


def test_a_result_shows_its_title_where_it_lives_and_a_marked_snippet(client):
    response, _ = results(client, "thigh stretch")
    assertContains(response, "Quadriceps stretch")
    assertContains(response, "Exercise, in")
    assertContains(response, "<mark>")


def an_ice_question():
    return make_entry(question="Should I put ice on my knee?", slug="ice", answer="Ice can ease the ache.")


def test_ice_finds_the_ice_question_not_the_quadriceps_stretch(client):
    an_ice_question()
    _, urls = results(client, "ice")
    assert urls == ["/faq/ice/"]


def test_a_word_matches_the_start_of_longer_words(client):
    _, urls = results(client, "stretc")
    assert "/exercises/quadriceps-stretch/" in urls


def test_the_snippet_marks_whole_words_only(client):
    an_ice_question()
    make_entry(question="Knees and advice?", slug="advice", answer="Ice it, and take advice on ice packs.")
    response, _ = results(client, "ice")
    assertContains(response, "<mark>Ice</mark> it, and take advice on <mark>ice</mark>")


def test_the_search_page_says_words_match_at_their_start(client):
    response, _ = results(client, "ice")
    assertContains(response, "We look for words that start with what you type")
    assertContains(response, 'aria-describedby="search-page-q-hint"')


def test_drafts_never_appear_in_results(client):
    make_entry(question="Secret draft about zebras?", slug="zebras", is_published=False)
    _, urls = results(client, "zebras")
    assert urls == []


def test_no_results_suggest_the_self_check_and_the_faq(client):
    response, urls = results(client, "xylophone")
    assert urls == []
    assertContains(response, 'href="/self-check/"')
    assertContains(response, 'href="/faq/"')


@pytest.mark.parametrize(
    "query", ["", "   ", "x" * 10_000, "<script>alert(1)</script>", "a & b | c ! :* ( )", "the of and"]
)
def test_odd_queries_are_handled(client, query):
    response, _ = results(client, query)
    assertNotContains(response, "<script>alert(1)</script>")


def test_search_runs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    # One query per kind of content, and one for the page cache's content version after a change.
    with django_assert_max_num_queries(4):
        results(client, "knee pain running stairs")
    for n in range(30):
        make_entry(question=f"Knee pain question {n}?", answer="Running and stairs and knee pain.")
    with django_assert_max_num_queries(4):
        _, urls = results(client, "knee pain running stairs")
    assert len(urls) == 20


def test_every_page_has_the_search_box(client):
    for url in ("/", "/faq/", "/exercises/glute-bridge/", "/self-check/"):
        assertContains(client.get(url), 'role="search" aria-label="Site" action="/search/"')


def test_words_in_any_alphabet_are_kept_whole(client):
    make_entry(question="Genou du coureur: l'été?", slug="ete", answer="Réponse.")
    _, urls = results(client, "été")
    assert urls == ["/faq/ete/"]


def test_capitals_never_matter_in_any_alphabet(client):
    make_entry(question="ÉTÉ: ICE PACKS?", slug="capitals", answer="Réponse.")
    for query in ("été", "ice"):
        _, urls = results(client, query)
        assert urls == ["/faq/capitals/"], query


def test_control_characters_in_a_query_never_reach_the_page(client):
    response, urls = results(client, "knee\x00\x1b pain")

    assert "\x00" not in response.content.decode() and "\x1b" not in response.content.decode()
    assert response.context["query"] == "knee pain"
    assert urls  # the words still search
