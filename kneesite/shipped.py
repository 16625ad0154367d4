"""The content the site ships with, and the one way it reaches a database.

Data migrations call these loaders (with the migration's historical models) and tests call
`load_shipped_content` (with the current ones), so both load exactly the same thing.

Loading never undoes an author's work. A missing item is created on the first load; a later
load (a data migration that ships corrections) only creates items the site never shipped before,
so what an author deleted stays deleted. A field of an existing item is only brought up to date
while it still holds a text the site shipped earlier (recorded as fingerprints in
`shipped_earlier.py`) or, for a field new since then, its default. Fields a historical model does
not have yet are left for the migration that adds them.
"""

import datetime
import hashlib
import json
import textwrap

from django.db import models

from kneesite.markdown import render

PUB_DATE = datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC)
# When the shipped content was last checked against the clinical notes, and when it is due again.
REVIEW_DATES = {"last_reviewed": datetime.date(2026, 11, 26), "next_review_due": datetime.date(2027, 11, 26)}


def md(text):
    """Content is indented in the data modules for readability; Markdown needs it flush left."""
    return textwrap.dedent(text).strip()


def identity(obj):
    """The stable name of a shipped item: its slug (a choice's within its question), else its
    citation or title."""
    if hasattr(obj, "question_id") and hasattr(obj, "slug"):
        return f"{obj.question.slug}/{obj.slug}"
    for name in ("slug", "citation", "title"):
        if hasattr(obj, name):
            return getattr(obj, name)
    raise TypeError(f"{obj!r} has no identity")


def _normalize(value):
    if isinstance(value, models.Model):
        return identity(value)
    if hasattr(value, "all") or isinstance(value, list | tuple | set):
        return sorted(_normalize(item) for item in (value.all() if hasattr(value, "all") else value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def fingerprint(value):
    """A short hash of a field's value (related items by identity), to recognise shipped text."""
    return hashlib.sha256(json.dumps(_normalize(value), ensure_ascii=False).encode()).hexdigest()[:16]


class Loader:
    """Creates or updates shipped items on one database, with the models of `apps`."""

    def __init__(self, apps, using, *, first_load):
        from kneesite.shipped_earlier import EARLIER

        self.apps, self.using, self.first_load, self.earlier = apps, using, first_load, EARLIER

    def model(self, label):
        return self.apps.get_model(label)

    def objects(self, label):
        return self.model(label).objects.using(self.using)

    def sync(self, label, lookup, fields, *, relations=None, markdown=(), create=None):
        """The item found by `lookup`, created with `fields` (plus `create`, used only when
        creating) if missing, else with each field in `fields` and `relations` (many-to-many:
        name -> queryset) updated where it still holds what the site shipped before.
        `markdown` names the fields whose sanitized HTML is stored beside them."""
        model = self.model(label)
        known = {field.name for field in model._meta.get_fields()}
        fields = {name: value for name, value in fields.items() if name in known}
        create = {name: value for name, value in (create or {}).items() if name in known}
        relations = {name: value for name, value in (relations or {}).items() if name in known}
        markdown = [name for name in markdown if name in fields]
        item = model.objects.using(self.using).filter(**lookup).first()
        if item is None:
            if not self.first_load and self._shipped_before(model, lookup):
                return None  # an author deleted it
            values = {**lookup, **fields, **create}
            values.update({f"{name}_html": render(values[name]) for name in markdown})
            item = model.objects.using(self.using).create(**values)
            for name, related in relations.items():
                getattr(item, name).set(related)
            return item

        earlier = self.earlier.get(self._key(model, identity(item)), {})
        changed = [
            name
            for name, value in fields.items()
            if _normalize(getattr(item, name)) != _normalize(value)
            and self._still_as_shipped(model, name, getattr(item, name), earlier)
        ]
        for name in changed:
            setattr(item, name, fields[name])
        rendered = [name for name in changed if name in markdown]
        for name in rendered:
            setattr(item, f"{name}_html", render(fields[name]))
        if changed:
            item.save(update_fields=changed + [f"{name}_html" for name in rendered])
        for name, related in relations.items():
            current = getattr(item, name).all()
            if _normalize(current) != _normalize(related) and self._still_as_shipped(
                model, name, current, earlier
            ):
                getattr(item, name).set(related)
        return item

    @staticmethod
    def _key(model, name):
        return f"{model._meta.label_lower}:{name}"

    def _shipped_before(self, model, lookup):
        name = next(iter(lookup.values())) if len(lookup) == 1 else None
        if "question" in lookup:  # a choice
            name = f"{lookup['question'].slug}/{lookup['slug']}"
        return self._key(model, name) in self.earlier

    @staticmethod
    def _still_as_shipped(model, name, current, earlier):
        if name in earlier:
            return fingerprint(current) in earlier[name]
        # A field the site did not ship before: only its default (or, for a relation, empty) is ours to fill in.
        field = model._meta.get_field(name)
        return not list(current) if field.many_to_many else current == field.get_default()


def load_shipped_content(apps, using="default"):
    """Everything the data migrations load, as a first load (tests use this after a flush)."""
    from articles import shipped as articles_shipped
    from faq import shipped as faq_shipped

    articles_shipped.grant_authors(apps)
    articles_shipped.load_guide(apps, using, first_load=True)
    articles_shipped.load_self_check(apps, using, first_load=True)
    faq_shipped.load(apps, using, first_load=True)
