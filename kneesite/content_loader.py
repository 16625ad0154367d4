"""How a shipped text reaches the database: the one loader (`manage.py load_content`, run by
`make setup` after `migrate`, and by the tests). The files are read by kneesite/content_files.py;
the content check (`manage.py check_content`) is kneesite/content_check.py.

Where content lives
    Each app that ships content has a `shipped` module (articles/shipped.py, faq/shipped.py) and
    a `content/` folder of files beside it. The module's `items(directory)` reads the folder and
    returns its `Item`s in load order (an item links only to items before it, or to an earlier
    app's). Apps are found through the app registry, in INSTALLED_APPS order: this module
    imports no app.

File formats
    See kneesite/content_files.py, which reads them.

Upgrading a site: what a load may change
    Each shipped item is remembered as it is loaded (`ShippedItem`: its model, the name it ships
    under, its row), and each field keeps the hash of the shipped text it was last loaded from
    (`ShippedText`). A load then:
    - creates an item the site never shipped before;
    - never re-creates an item the site shipped that is gone (an author deleted it);
    - updates a field only while the row still holds exactly the text it was loaded from, so an
      author's edit is never overwritten (a field an item never shipped before is filled only
      while it holds its default, or already holds the shipped text).
    Rows are saved with their model's save() (Markdown rendered, signals sent), so a load that
    changes anything starts a new content version, as an author's edit does, and each item it
    creates or updates gets a version in History with the comment LOAD_COMMENT.
"""

import hashlib
import json
from importlib import import_module
from pathlib import Path

import reversion
from django.apps import apps as global_apps
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from kneesite.content_files import ContentError, Item, Ref
from kneesite.markdown_field import plain_line_ends

SHIPPED_MODULE = "shipped"  # the module an app ships content with
CONTENT_FOLDER = "content"  # its files, in the app's folder
AUTHORS_TEXT = ""  # the hash recorded for a field that holds an author's text
# Every field as release 676a36a (2026-11-29, the last to load content by data migrations)
# shipped it: [{"model", "identity", "lookup" (natural key; a link as {"ref": [model, identity]}),
# "hashes": {field: digest}}]. Made once, by `release_records(shipped_items())` on that release's
# content files; never changes, so the migration that reads it (kneesite 0002) records that
# release's texts, not the files of whichever release runs it.
RELEASE_676A36A = Path(__file__).parent / "migrations" / "shipped_at_676a36a.json"
LOAD_COMMENT = "Shipped content (manage.py load_content)"  # History's comment on a load's versions


def content_directory(app_config):
    """The folder of an app's content files."""
    return Path(app_config.path) / CONTENT_FOLDER


def shipping_apps():
    """(app config, its `shipped` module) for every installed app that ships content, in
    INSTALLED_APPS order."""
    for config in global_apps.get_app_configs():
        if module_has_submodule(config.module, SHIPPED_MODULE):
            yield config, import_module(f"{config.name}.{SHIPPED_MODULE}")


def shipped_items():
    """Every shipped item, in load order. ContentError if a file cannot be read."""
    items = []
    for config, module in shipping_apps():
        items.extend(module.items(content_directory(config)))
    seen = set()
    for item in items:
        key = (item.model.lower(), item.identity)
        if key in seen:
            raise ContentError(f"{item.source}: {item.model} “{item.identity}” is shipped twice")
        seen.add(key)
    return items


def normal(value):
    """A shipped value as it is hashed: a Ref by its identity, a list of them sorted."""
    if isinstance(value, Ref):
        return value.identity
    if isinstance(value, list):
        return sorted(normal(v) for v in value)
    return value


def digest(value):
    """The hash of a field's value, as normalised by the loader (text, number, date, or the
    identity of a linked item, a sorted list for many)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class Loader:
    """Brings shipped items into one database, with the models of `apps` (a migration's
    historical models, or the project's)."""

    def __init__(self, apps=global_apps, using="default"):
        self.apps, self.using = apps, using
        self.Item = apps.get_model("kneesite", "ShippedItem")
        self.Text = apps.get_model("kneesite", "ShippedText")
        self.remembered = {(i.model, i.identity): i for i in self.Item.objects.using(using).all()}
        self.texts = {}
        for text in self.Text.objects.using(using):
            self.texts.setdefault(text.item_id, {})[text.field] = text
        self.rows = {}  # (model label, identity) -> row (None: deleted)
        self.names = {  # (model label, pk) -> identity, to normalise links
            (i.model, i.object_id): i.identity for i in self.remembered.values() if i.object_id
        }
        self.created = self.updated = 0
        self.touched = {}  # (model label, pk) -> each row created or updated

    def model(self, label):
        return self.apps.get_model(label)

    def has_model(self, label):
        try:
            self.apps.get_model(label)
        except LookupError:
            return False
        return True

    # Values as the hashes see them

    def resolve(self, value):
        """A Ref's row (None if it is gone), anything else as it is."""
        if isinstance(value, Ref):
            return self.rows.get((value.model.lower(), value.identity))
        return value

    def current(self, row, name):
        """A row's value for a field, normalised as `normal` does: linked rows by the name they
        were shipped under (or "#pk" for one the site never shipped)."""
        model_field = row._meta.get_field(name)
        if model_field.many_to_many:
            label = model_field.related_model._meta.label_lower
            pks = getattr(row, name).values_list("pk", flat=True)
            return sorted(self.names.get((label, pk), f"#{pk}") for pk in pks)
        if model_field.many_to_one:
            pk = getattr(row, model_field.attname)
            label = model_field.related_model._meta.label_lower
            return None if pk is None else self.names.get((label, pk), f"#{pk}")
        value = getattr(row, name)
        # A form posts text with CRLF line ends: saving an item unchanged does not make it an edit.
        return plain_line_ends(value) if isinstance(value, str) else value

    def default(self, row, name):
        model_field = row._meta.get_field(name)
        if model_field.many_to_many:
            return []
        return None if model_field.many_to_one else model_field.get_default()

    def shipped_values(self, model, item):
        """{field: shipped value} for the fields this version of the model has."""
        known = {f.name for f in model._meta.get_fields()}
        values = {**item.fields, **item.relations}
        return {name: value for name, value in values.items() if name in known}

    # Loading

    def find(self, model, item):
        """The row of `model` that `item` names by its natural key (`item.lookup`, links resolved),
        on a site loaded before items were remembered; None if there is none or a link is gone."""
        lookup = {name: self.resolve(value) for name, value in item.lookup.items()}
        if any(value is None for value in lookup.values()):
            return None
        return model.objects.using(self.using).filter(**lookup).first()

    def remember(self, model, item, row):
        """Record that `item` was shipped as `row` (None: it is gone, deleted by an author), as a
        new ShippedItem with no texts yet; returns that ShippedItem."""
        label = model._meta.label_lower
        remembered = self.Item.objects.using(self.using).create(
            model=label, identity=item.identity, object_id=row.pk if row else None
        )
        self.remembered[(label, item.identity)] = remembered
        self.texts[remembered.pk] = {}
        if row is not None:
            self.names[(label, row.pk)] = item.identity
        return remembered

    def record(self, remembered, name, hash_):
        """Store `hash_` (a `digest`, or AUTHORS_TEXT) as the shipped text of field `name` of the
        ShippedItem `remembered`, creating or updating its ShippedText."""
        text = self.texts[remembered.pk].get(name)
        if text is None:
            text = self.Text(item=remembered, field=name)
            self.texts[remembered.pk][name] = text
        text.hash = hash_
        text.save(using=self.using)

    def load(self, items):
        """Create, update or leave each item as the module docstring says."""
        for item in items:
            model = self.model(item.model)
            label = model._meta.label_lower
            remembered = self.remembered.get((label, item.identity))
            if remembered is None:
                row = self.find(model, item)  # loaded before items were remembered
                if row is None:
                    self.rows[(label, item.identity)] = self.create(model, item)
                    continue
                remembered = self.remember(model, item, row)
            else:
                row = model.objects.using(self.using).filter(pk=remembered.object_id).first()
            self.rows[(label, item.identity)] = row
            if row is not None:
                self.update(model, item, row, remembered)

    def create(self, model, item):
        """Create `item`'s row with its shipped values (and its `create` values), remember it and
        each field's hash; returns the row, or None (nothing created) when an item it belongs to,
        or a required link, was deleted by an author."""
        shipped = self.shipped_values(model, item)
        plain = {name: value for name, value in shipped.items() if name not in item.relations}
        values = {
            name: self.resolve(value) for name, value in {**item.lookup, **item.create, **plain}.items()
        }
        links = {**item.lookup, **plain}
        missing = [name for name, value in links.items() if isinstance(value, Ref) and values[name] is None]
        if any(name in item.lookup or not model._meta.get_field(name).null for name in missing):
            return None  # what it belongs to was deleted by an author
        row = model(**values)
        row.save(using=self.using)
        remembered = self.remember(model, item, row)
        for name in item.relations:
            if name in shipped:
                getattr(row, name).set([r for r in map(self.resolve, shipped[name]) if r is not None])
        texts = [
            self.Text(item=remembered, field=name, hash=digest(normal(value)))
            for name, value in shipped.items()
        ]
        self.Text.objects.using(self.using).bulk_create(texts)
        self.texts[remembered.pk] = {text.field: text for text in texts}
        self.created += 1
        self.touched[(model._meta.label_lower, row.pk)] = row
        return row

    def update(self, model, item, row, remembered):
        """Bring `row`'s fields up to `item`'s shipped values where the row still holds the text it
        was loaded from (or the default, for a field never shipped before); an author's text and
        links to items an author deleted stay. Saves the row only if a field changed."""
        changed, relations = [], []
        recorded = self.texts[remembered.pk]
        for name, value in self.shipped_values(model, item).items():
            new = digest(normal(value))
            old = recorded[name].hash if name in recorded else None
            if old == new:
                continue
            current = digest(self.current(row, name))
            if current == new:
                self.record(remembered, name, new)
                continue
            as_shipped = current == old if old is not None else current == digest(self.default(row, name))
            resolved = [self.resolve(v) for v in value] if isinstance(value, list) else self.resolve(value)
            if not as_shipped or (isinstance(value, Ref) and resolved is None):
                continue  # an author's text, or a link to an item an author deleted
            if name in item.relations:
                relations.append((name, [r for r in resolved if r is not None]))
            else:
                setattr(row, name, resolved)
                changed.append(name)
            self.record(remembered, name, new)
        if changed:
            row.save(using=self.using)
        for name, rows in relations:
            getattr(row, name).set(rows)
        if changed or relations:
            self.updated += 1
            self.touched[(model._meta.label_lower, row.pk)] = row

    def find_recorded(self, record):
        """The row a RELEASE_676A36A record names by its natural key (links resolved), or None."""
        lookup = {
            name: self.rows.get(tuple(value["ref"])) if isinstance(value, dict) else value
            for name, value in record["lookup"].items()
        }
        if any(value is None for value in lookup.values()):
            return None
        return self.model(record["model"]).objects.using(self.using).filter(**lookup).first()

    def remember_recorded(self, records):
        """For a site loaded before items were remembered (by data migrations): remember every
        item that release shipped (one that is missing was deleted by an author), and record each
        field that still holds the text it shipped (its hash in `records`, so a later release
        updates it); any other field holds the author's text."""
        for record in records:
            model = self.model(record["model"])
            key = (model._meta.label_lower, record["identity"])
            if key in self.remembered:
                continue
            row = self.find_recorded(record)
            self.rows[key] = row
            remembered = self.remember(model, Item(record["model"], record["identity"], {}, {}), row)
            if row is None:
                continue
            known = {field.name for field in model._meta.get_fields()}
            for name, shipped in record["hashes"].items():
                if name in known:
                    as_shipped = digest(self.current(row, name)) == shipped
                    self.record(remembered, name, shipped if as_shipped else AUTHORS_TEXT)


def load(using="default"):
    """Load every shipped item into the database `using`, in one transaction: (created, updated)
    counts. ContentError (nothing changed) if a file cannot be read. What it creates or updates
    gets a version in History (LOAD_COMMENT), so an author's later edit has a "before" to compare
    and merge with (kneesite/conflicts.py)."""
    items = shipped_items()
    with transaction.atomic(using=using):
        loader = Loader(using=using)
        loader.load(items)
        # One revision per item, as createinitialrevisions makes them, taken once everything is
        # loaded (a question's version then holds its answers): restoring one item's version
        # must not revert every other item loaded with it.
        for row in loader.touched.values():
            if reversion.is_registered(type(row)):
                with reversion.create_revision(using=using):
                    reversion.set_comment(LOAD_COMMENT)
                    reversion.add_to_revision(row, model_db=using)
    return loader.created, loader.updated


def release_records(items):
    """What a release ships, as hashes (the shape of RELEASE_676A36A): a record for each Item,
    with its natural key (a link as {"ref": [model label, identity]}) and each field's digest."""

    def plain(value):
        return {"ref": [value.model.lower(), value.identity]} if isinstance(value, Ref) else value

    return [
        {
            "model": item.model.lower(),
            "identity": item.identity,
            "lookup": {name: plain(value) for name, value in item.lookup.items()},
            "hashes": {
                name: digest(normal(value)) for name, value in {**item.fields, **item.relations}.items()
            },
        }
        for item in items
    ]


def remember_loaded_content(apps, using, records=None):
    """For the migration that starts remembering shipped items on a site whose content the old
    data migrations loaded (release 676a36a). `records`: what that release shipped, as
    RELEASE_676A36A holds it (by default, read from there). A fresh database (no shipped item in
    it) is left for load_content."""
    if records is None:
        records = json.loads(RELEASE_676A36A.read_text())
    loader = Loader(apps, using)
    records = [record for record in records if loader.has_model(record["model"])]
    if not any(loader.find_recorded(record) for record in records):
        return
    loader.remember_recorded(records)
