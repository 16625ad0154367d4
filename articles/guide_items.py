"""Every live guide section and exercise, shared by the pages that link to them (FAQ answers,
the self-check) for a content version (kneesite/cache.py). There are tens of them, not
thousands, so holding them all costs less than loading the few a page links to on every render."""

from dataclasses import dataclass

from django.db.models import Value

from kneesite.cache import shared_data

from .models import Exercise, Section


@dataclass(frozen=True)
class GuideItems:
    sections: dict  # {pk: live section, with its article}, in the guide's order
    exercises: dict  # {pk: live exercise, with its section and article}, in the guide's order


def live_guide_items():
    return shared_data("guide-items")


def load_guide_items():
    """Two queries (settings.SHARED_DATA). A live exercise's section is live, so each exercise
    points to the one copy of its section (and article) held here. One whose section was hidden
    between the two queries is left out, as its section is."""
    sections = {section.pk: section for section in Section.objects.published().select_related("article")}
    exercises = {}
    for exercise in Exercise.objects.published():
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
    queries = []
    for number, relation in enumerate(relations):
        through = getattr(model, relation).through
        target_model = model._meta.get_field(relation).related_model
        owner, target = (
            next(field.attname for field in through._meta.fields if field.related_model is side)
            for side in (model, target_model)
        )
        pairs = through.objects.values_list(owner, target).annotate(relation=Value(number))
        queries.append(pairs if owners is None else pairs.filter(**{f"{owner}__in": owners}))
    found = {relation: [] for relation in relations}
    for owner_id, target_id, number in queries[0].union(*queries[1:], all=True):
        found[relations[number]].append((owner_id, target_id))
    return found


def in_guide_order(ids, items):
    """The items among `ids`, in the order `items` holds them (the guide's, for its own)."""
    return [item for pk, item in items.items() if pk in ids]
