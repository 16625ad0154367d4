"""What every author did in the admin, newest first: additions, changes and restores come from
History's versions (django-reversion), each compared with the item's version before it, so a
change names only the fields whose values really differ; deletions come from the admin's own log
(a deleted item has no new version), for the same kinds of content."""

from dataclasses import dataclass, field
from datetime import datetime

import reversion
from django import forms
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from reversion.errors import RegistrationError, RevertError
from reversion.models import Revision, Version

from kneesite.conflicts import comparable

ADDED, CHANGED, RESTORED, DELETED = "added", "changed", "restored", "deleted"


@dataclass
class Item:
    """One item a change touched: `kind` (e.g. "FAQ entry"), `name`, what happened to it
    (`action`: ADDED, CHANGED, RESTORED or DELETED), the `fields` that changed (verbose names),
    and admin `links` ("change", "history" or "recover"; empty when there is no page)."""

    kind: str
    name: str
    action: str
    fields: list = field(default_factory=list)
    links: dict = field(default_factory=dict)

    @property
    def summary(self):
        """What happened, in words: "Changed: answer, slug", "Restored an earlier version"…"""
        changed = ", ".join(self.fields)
        if self.action == RESTORED:
            return (
                f"Restored an earlier version: changed {changed}"
                if changed
                else "Restored an earlier version"
            )
        if self.action == CHANGED:
            return f"Changed: {changed}" if changed else "Saved with no changes"
        return capfirst(self.action)


@dataclass
class Change:
    """One save or deletion: `when`, `user` (None for set-up) and the `items` it touched."""

    when: datetime
    user: object
    items: list


def recent_changes(user=None, limit=100):
    """The last `limit` changes in the admin, newest first, as `Change`s; only `user`'s if given."""
    revisions = Revision.objects.select_related("user").order_by("-date_created")
    versioned = ContentType.objects.get_for_models(*reversion.get_registered_models()).values()
    deletions = LogEntry.objects.filter(action_flag=DELETION, content_type__in=versioned).select_related(
        "user", "content_type"
    )
    if user is not None:
        revisions, deletions = revisions.filter(user=user), deletions.filter(user=user)
    earlier = Version.objects.filter(  # the same item's version before (reversion's unique index)
        db=OuterRef("db"),
        content_type=OuterRef("content_type"),
        object_id=OuterRef("object_id"),
        pk__lt=OuterRef("pk"),
    ).order_by("-pk")
    versions = Version.objects.select_related("content_type").annotate(
        earlier_id=Subquery(earlier.values("pk")[:1])
    )
    revisions = list(
        revisions.prefetch_related(Prefetch("version_set", queryset=versions.order_by("pk")))[:limit]
    )
    earlier_versions = Version.objects.in_bulk(
        version.earlier_id for revision in revisions for version in revision.version_set.all()
    )
    changes = [
        Change(revision.date_created, revision.user, _saved_items(revision, earlier_versions))
        for revision in revisions
    ]
    changes += [
        Change(entry.action_time, entry.user, [_deleted_item(entry)])
        for entry in deletions.order_by("-action_time")[:limit]
    ]
    return sorted(changes, key=lambda change: change.when, reverse=True)[:limit]


def authors():
    """Everyone who has changed anything in the admin, by user name."""
    users = get_user_model().objects
    return users.filter(
        Exists(Revision.objects.filter(user=OuterRef("pk")))
        | Exists(LogEntry.objects.filter(user=OuterRef("pk")))
    ).order_by(users.model.USERNAME_FIELD)


class AuthorFilterForm(forms.Form):
    """Recent changes' GET filter: `author` is one of `authors` (users) by user name, or "" for
    everyone. Names are checked against the list, so no typed text reaches the database."""

    author = forms.ChoiceField(
        required=False,
        error_messages={"invalid_choice": "Choose an author from the list: %(value)s has made no changes."},
    )

    def __init__(self, data, authors):
        super().__init__(data)
        self.authors = {user.get_username(): user for user in authors}
        self.fields["author"].choices = [("", "Everyone"), *((name, name) for name in self.authors)]

    def chosen_author(self):
        """The user chosen, or None for everyone (also when the choice is not valid)."""
        return self.authors.get(self.cleaned_data["author"]) if self.is_valid() else None


def _saved_items(revision, earlier_versions):
    """The items a revision really changed (a question's answers ride along with it unchanged),
    or, when nothing changed, its first item, saved as it was."""
    # django-reversion's comment on a save from History or Recover deleted, up to its date.
    restore_comment = gettext("Reverted to previous version, saved on %(datetime)s").split("%(")[0]
    restore = revision.comment.startswith(restore_comment)
    items = []
    for version in revision.version_set.all():
        earlier = earlier_versions.get(version.earlier_id)
        if earlier is None:
            action, fields = (RESTORED if restore else ADDED), []
        else:
            action, fields = (RESTORED if restore else CHANGED), fields_that_differ(earlier, version)
        items.append(_item(version.content_type, version.object_id, version.object_repr, action, fields))
    return [item for item in items if item.action == ADDED or item.fields] or items[:1]


def _deleted_item(entry):
    return _item(entry.content_type, entry.object_id, entry.object_repr, DELETED, [])


def _item(content_type, object_id, name, action, fields):
    """An Item with its admin links: the item's page and History, or for a deleted item the
    list it can be recovered from."""
    if content_type is None:  # its model is gone
        return Item("Item", name, action, fields)
    prefix = f"admin:{content_type.app_label}_{content_type.model}"
    pages = (
        {"recover": ("recoverlist", [])}
        if action == DELETED
        else {
            "change": ("change", [object_id]),
            "history": ("history", [object_id]),
        }
    )
    links = {}
    for link, (view, args) in pages.items():
        try:
            links[link] = reverse(f"{prefix}_{view}", args=args)
        except NoReverseMatch:  # no admin page for it
            continue
    return Item(capfirst(content_type.name), name, action, fields, links)


def fields_that_differ(before, after):
    """The verbose names of the fields an author can edit whose values differ between two
    `Version`s of one item, in the model's order. Line ends do not count (browsers send CRLF)
    nor does the order of many-to-many links. An item whose versions cannot be read: []."""
    model = after.content_type.model_class()
    if model is None:
        return []
    try:
        old, new = before.field_dict, after.field_dict
    except (RevertError, RegistrationError):  # its model, or its versions' format, is gone
        return []
    return [
        str(model_field.verbose_name)
        for model_field in model._meta.get_fields()
        if getattr(model_field, "editable", False)
        and getattr(model_field, "concrete", False)
        and comparable(old.get(model_field.attname)) != comparable(new.get(model_field.attname))
    ]
