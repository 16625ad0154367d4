"""Site search over published guide sections, exercises and FAQ entries.

On PostgreSQL: full-text search (English stemming) with ranking. Elsewhere (SQLite): every word
must appear somewhere in the item, case-insensitively, ranked by where it appears. Both expand
the reader's everyday words first ("thigh" also finds "quadriceps"), so lay phrases such as
"thigh stretch", "brace", "hurts downstairs" and "how long" find the right page. One query per
kind of content, whatever the query.
"""

import re
from dataclasses import dataclass
from functools import reduce
from html import unescape
from operator import add, and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

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


# For each kind of content: the fields searched, with their weight, and how to show a hit.
KINDS = [
    ("articles.Section", {"title": "A", "body": "B"}, "body_html"),
    ("articles.Exercise", {"title": "A", "trains": "B", "steps": "C"}, "steps_html"),
    ("faq.Entry", {"question": "A", "answer": "B"}, "answer_html"),
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
    from django.apps import apps

    hits = []
    for label, fields, html_field in KINDS:
        model = apps.get_model(label)
        queryset = model.objects.published()
        if label == "articles.Section":
            queryset = queryset.select_related("article")
        elif label == "articles.Exercise":
            queryset = queryset.select_related("section")
        if connection.vendor == "postgresql":
            found = _postgres(queryset, fields, groups)
        else:
            found = _contains(queryset, fields, groups)
        hits += [_hit(item, score, html_field, groups) for item, score in found]
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


def _contains(queryset, fields, groups):
    match = reduce(
        and_, (reduce(or_, (Q(**{f"{f}__icontains": w}) for f in fields for w in group)) for group in groups)
    )
    weights = {"A": 3, "B": 2, "C": 1}
    found = []
    for item in queryset.filter(match)[:MAX_RESULTS]:
        score = sum(
            weights[weight]
            for field, weight in fields.items()
            for group in groups
            if any(word in getattr(item, field).lower() for word in group)
        )
        found.append((item, score))
    return found


def _hit(item, score, html_field, groups):
    model_name = item._meta.model_name
    if model_name == "section":
        title, where = item.title, f"Guide: {item.article.title}"
    elif model_name == "exercise":
        title, where = item.title, f"Exercise, in “{item.section.title}”"
    else:
        title, where = item.question, "Frequently asked question"
    return Hit(
        title, item.get_absolute_url(), where, _snippet(getattr(item, html_field), groups), float(score)
    )


def _snippet(html, groups):
    """About SNIPPET_CHARS of the item's text around the first word found, that word marked."""
    text = re.sub(r"\s+", " ", unescape(strip_tags(html))).strip()
    pattern = re.compile("|".join(re.escape(word) for group in groups for word in group), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - SNIPPET_CHARS // 3)
    start = text.rfind(" ", 0, start) + 1 if start else 0
    excerpt = text[start : start + SNIPPET_CHARS].rsplit(" ", 1)[0]
    marked = pattern.sub(lambda m: f"\0{m.group(0)}\1", excerpt)
    html_out = escape(marked).replace("\0", "<mark>").replace("\1", "</mark>")
    return mark_safe(("…" if start else "") + html_out + ("…" if start + SNIPPET_CHARS < len(text) else ""))
