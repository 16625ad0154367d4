"""Every live guide section and exercise, shared by the pages that link to them (FAQ answers,
the self-check) for a content version (kneesite/cache.py). There are tens of them, not
thousands, so holding them all costs less than loading the few a page links to on every render."""

import functools
from dataclasses import dataclass

from django.db import connection

from kneesite.cache import shared_data

from .models import Exercise, Section


@dataclass(frozen=True)
class GuideItems:
    sections: dict  # {pk: live section, with its article}, in the guide's order
    exercises: dict  # {pk: live exercise, with its section and article}, in the guide's order


# The fields no page that shares the items shows, left out so the copy the other workers read
# after an edit is less than half the size: their Markdown (the guide shows a section's HTML)
# and an exercise's HTML (its own page loads it).
NOT_SHARED = {
    Section: [source for source, _ in Section.markdown_fields],
    Exercise: [name for pair in Exercise.markdown_fields for name in pair],
}


def live_guide_items():
    return shared_data("guide-items")


def load_guide_items():
    """Two queries (settings.SHARED_DATA). A live exercise's section is live, so each exercise
    points to the one copy of its section (and article) held here. One whose section was hidden
    between the two queries is left out, as its section is."""
    sections = Section.objects.published().select_related("article").defer(*NOT_SHARED[Section])
    sections = {section.pk: section for section in sections}
    exercises = {}
    for exercise in Exercise.objects.published().defer(*NOT_SHARED[Exercise]):
        if exercise.section_id not in sections:
            continue
        exercise.section = sections[exercise.section_id]
        exercises[exercise.pk] = exercise
    return GuideItems(sections, exercises)


def links(model, relations, owners=None):
    """{relation: [(owner id, target id)]} of the links of each of `model`'s many-to-many
    `relations` (declared on either side), or only those of the `owners` ids: one light query
    (a UNION over the link tables), where prefetch_related would take one a relation and also
    load the targets (and a copy of each for every owner linking it)."""
    found = {relation: [] for relation in relations}
    if owners is not None and not owners:
        return found
    parts, params = [], []
    for number, (table, owner, target) in enumerate(_link_tables(model, relations)):
        where = f" WHERE {owner} IN ({', '.join(['%s'] * len(owners))})" if owners is not None else ""
        parts.append(f"SELECT {owner}, {target}, {number} FROM {table}{where}")
        params += owners or []
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for owner_id, target_id, number in cursor.fetchall():
            found[relations[number]].append((owner_id, target_id))
    return found


@functools.cache
def _link_tables(model, relations):
    """[(link table, owner column, target column)] of each relation, quoted for SQL: found once
    per process. Built with the ORM (a union of querysets), that query took about 1 ms a time,
    ten times as long as running it, on every FAQ permalink."""
    quote = connection.ops.quote_name
    tables = []
    for relation in relations:
        through = getattr(model, relation).through
        target_model = model._meta.get_field(relation).related_model
        owner, target = (
            next(field.column for field in through._meta.fields if field.related_model is side)
            for side in (model, target_model)
        )
        tables.append((quote(through._meta.db_table), quote(owner), quote(target)))
    return tables


def in_guide_order(ids, items):
    """The items among `ids`, in the order `items` holds them (the guide's, for its own)."""
    return [item for pk, item in items.items() if pk in ids]
