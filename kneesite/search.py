"""Site search over published guide sections, exercises and FAQ entries (it puts the apps
together, so it imports them).

A word the reader types matches at the start of a word, never inside one: "ice" finds "ice" and
"iced", not "quadriceps" or "advice"; "stretch" finds "stretching". On PostgreSQL: full-text
search (English stemming, each word a prefix of the stemmed words) with ranking. Elsewhere
(SQLite): every word must start a word somewhere in the item, case-insensitively, ranked by
where it appears. Both expand the reader's everyday words first ("thigh" also finds
"quadriceps"), so lay phrases such as "thigh stretch", "brace", "hurts downstairs" and "how
long" find the right page. One query per kind of content, whatever the query.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import add, and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.models import Exercise, Section
from faq.models import Entry
from kneesite import markdown

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
MAX_RESULTS = 20
SNIPPET_CHARS = 180

# Everyday words and the words the content uses for the same thing.
LAY_WORDS = {
    "thigh": ["thigh", "quadriceps", "quads"],
    "thighs": ["thigh", "quadriceps", "quads"],
    "quad": ["quadriceps", "quads"],
    "bum": ["glute", "buttock"],
    "buttocks": ["glute", "buttock"],
    "brace": ["brace", "support", "taping"],
    "braces": ["brace", "support", "taping"],
    "insole": ["insole", "orthotic"],
    "insoles": ["insole", "orthotic"],
    "downstairs": ["stairs"],
    "upstairs": ["stairs"],
    "steps": ["stairs", "step"],
    "hurts": ["hurt", "pain", "ache"],
    "hurt": ["hurt", "pain", "ache"],
    "sore": ["pain", "ache", "sore"],
    "painful": ["pain", "hurt"],
    "kneecap": ["kneecap", "patell"],
}
STOP_WORDS = {
    "a",
    "an",
    "the",
    "my",
    "i",
    "is",
    "it",
    "to",
    "of",
    "and",
    "or",
    "for",
    "in",
    "on",
    "do",
    "does",
}


@dataclass
class Hit:
    title: str
    url: str
    where: str
    snippet: str
    score: float


@dataclass(frozen=True)
class Kind:
    """A kind of content search covers: the fields searched (with their weight), the parents a
    hit names, and how a hit reads."""

    model: type
    fields: dict
    html_field: str
    parents: tuple
    title: Callable
    where: Callable


KINDS = [
    Kind(
        Section,
        {"title": "A", "body": "B"},
        "body_html",
        ("article",),
        title=lambda section: section.title,
        where=lambda section: f"Guide: {section.article.title}",
    ),
    Kind(
        Exercise,
        {"title": "A", "trains": "B", "steps": "C"},
        "steps_html",
        ("section",),
        title=lambda exercise: exercise.title,
        where=lambda exercise: f"Exercise, in “{exercise.section.title}”",
    ),
    Kind(
        Entry,
        {"question": "A", "answer": "B"},
        "answer_html",
        (),
        title=lambda entry: entry.question,
        where=lambda entry: "Frequently asked question",
    ),
]


def words(query):
    """The reader's words, each with what else it may be written as."""
    found = re.findall(r"[^\W_]+", query[:MAX_QUERY_LENGTH].lower())
    kept = [word for word in found if len(word) > 1 and word not in STOP_WORDS]
    return [LAY_WORDS.get(word, [word]) for word in kept][:MAX_WORDS]


def search(query):
    groups = words(query)
    if not groups:
        return []
    hits = []
    for kind in KINDS:
        queryset = kind.model.objects.published()
        if kind.parents:  # with no arguments, select_related would follow every relation
            queryset = queryset.select_related(*kind.parents)
        find = _postgres if connection.vendor == "postgresql" else _contains
        for item, score in find(queryset, kind.fields, groups):
            snippet = _snippet(getattr(item, kind.html_field), groups)
            hits.append(
                Hit(kind.title(item), item.get_absolute_url(), kind.where(item), snippet, float(score))
            )
    return sorted(hits, key=lambda hit: -hit.score)[:MAX_RESULTS]


def _postgres(queryset, fields, groups):
    vectors = [SearchVector(field, weight=weight, config="english") for field, weight in fields.items()]
    vector = reduce(add, vectors)
    # Only letters and digits (any alphabet) reach the query: "(thigh | quadriceps) & stretch".
    raw = " & ".join("(" + " | ".join(f"{word}:*" for word in group) + ")" for group in groups)
    search_query = SearchQuery(raw, search_type="raw", config="english")
    ranked = (
        queryset.annotate(rank=SearchRank(vector, search_query))
        .filter(rank__gt=0)
        .order_by("-rank")[:MAX_RESULTS]
    )
    return [(item, item.rank) for item in ranked]


def _word_start(word):
    """A regular expression for `word` at the start of a word (Python's syntax, which is what
    Django's SQLite backend runs for REGEXP)."""
    return rf"\b{re.escape(word)}"


def _starts_a_word_in(field, word):
    """`word` at the start of a word in `field`. SQLite runs REGEXP in Python, row by row, so an
    ASCII word is first looked for with LIKE (in C; it folds ASCII case only, which is why a word
    with other letters goes to the regular expression alone). 10,000 FAQ entries: about 200 ms
    of CPU a search without it, 50–60 ms with it (README, "Search"). One difference: Python
    also matches a few other letters to ASCII ones, without case ("K", the Kelvin sign, to "k";
    "ſ" to "s"), LIKE does not; no English text has them."""
    word_start = Q(**{f"{field}__iregex": _word_start(word)})
    return Q(**{f"{field}__icontains": word}) & word_start if word.isascii() else word_start


def _contains(queryset, fields, groups):
    match = reduce(
        and_,
        (
            reduce(or_, (_starts_a_word_in(field, word) for field in fields for word in group))
            for group in groups
        ),
    )
    weights = {"A": 3, "B": 2, "C": 1}
    found = []
    for item in queryset.filter(match)[:MAX_RESULTS]:
        score = sum(
            weights[weight]
            for field, weight in fields.items()
            for group in groups
            if any(re.search(_word_start(word), getattr(item, field), re.IGNORECASE) for word in group)
        )
        found.append((item, score))
    return found


def _snippet(html, groups):
    """About SNIPPET_CHARS of the item's text around the first word found, that word marked."""
    text = markdown.plain_text(html)
    pattern = re.compile("|".join(_word_start(word) for group in groups for word in group), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - SNIPPET_CHARS // 3)
    start = text.rfind(" ", 0, start) + 1 if start else 0
    excerpt = text[start : start + SNIPPET_CHARS].rsplit(" ", 1)[0]
    marked = pattern.sub(lambda m: f"\0{m.group(0)}\1", excerpt)
    html_out = escape(marked).replace("\0", "<mark>").replace("\1", "</mark>")
    return mark_safe(("…" if start else "") + html_out + ("…" if start + SNIPPET_CHARS < len(text) else ""))
