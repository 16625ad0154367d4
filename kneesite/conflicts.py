"""No silent overwrites: an admin form remembers which version of the item it was opened on,
and a save is refused when someone else has saved a newer version since. The refusal names who
and when, shows field by field what they changed and what you changed, links to the diff, and
keeps everything the second author typed. The form then holds a merge: their changes to fields
you did not touch, yours everywhere else (a field you both changed keeps yours, with theirs shown
beside it), so saving again keeps both authors' work. Your own newer saves are never a conflict
(a save that committed, whose answer you never got, can simply be sent again), and a form
opened before your own newer save (another tab) keeps that save's changes to the fields it did
not change itself."""

import datetime
from dataclasses import dataclass, field

import reversion
from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from reversion.models import Version

from kneesite.markdown_field import plain_line_ends

FIRST_VERSION_COMMENT = "As stored when first opened for editing"


def latest_version(instance):
    """`instance`'s newest stored version (a reversion Version, its revision's user fetched with
    it), or None if it has none."""
    return Version.objects.get_for_object(instance).select_related("revision__user").first()


def ensure_first_version(instance):
    """Give a saved `instance` that has no version yet (created outside the admin) one, of the row
    as it is stored now, so that a form opened on it remembers a version, and a conflict with a
    colleague's save has a "before" to merge from. Call it outside any revision block (it would
    join that block's revision): the admin does, before showing an item's form."""
    if latest_version(instance) is None:
        with reversion.create_revision():
            reversion.set_comment(FIRST_VERSION_COMMENT)
            reversion.add_to_revision(instance)


@dataclass
class FieldChange:
    """One field that changed since the form was opened: `theirs` is the other author's value
    as text (for a field both changed, shown read-only beside yours)."""

    name: str
    label: str
    theirs: str = ""
    by_them: bool = False
    by_you: bool = False


@dataclass
class EditConflict:
    """What a refused save shows: who saved, when, and each changed field."""

    who: str
    when: str
    compare_url: str = ""
    changes: list = field(default_factory=list)

    @property
    def theirs_only(self):
        return [change for change in self.changes if change.by_them and not change.by_you]

    @property
    def yours_only(self):
        return [change for change in self.changes if change.by_you and not change.by_them]

    @property
    def both(self):
        return [change for change in self.changes if change.by_them and change.by_you]


class ConflictCheckForm(forms.ModelForm):
    """The admin form of every versioned item: it carries, hidden, the version it was opened on
    (`loaded_version`, a reversion Version pk, empty for an item with none), and its `clean`
    refuses a save made on top of someone else's newer version, with the merge described in this
    module's docstring (`edit_conflict` then says what changed)."""

    # Text, not a number: a missing or garbled value is "we can't tell", checked in `clean`.
    loaded_version = forms.CharField(required=False, widget=forms.HiddenInput)

    author = None  # the signed-in user (HistoryAdmin.get_form): their own saves are no conflict
    edit_conflict = None  # an EditConflict once a save was refused

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latest = latest_version(self.instance) if self.instance.pk else None
        self.fields["loaded_version"].initial = latest.pk if latest else None

    @property
    def changed_data(self):
        """Names of the changed fields stored in the item (History comments, Recent changes): the
        form's own bookkeeping (the version it was opened on, a confirmation box) is left out."""
        stored = {
            model_field.name
            for model_field in self.instance._meta.get_fields()
            if model_field.concrete or not model_field.auto_created  # not a reverse relation
        }
        return [name for name in super().changed_data if name in stored]

    def clean(self):
        """The usual cleaning; then, for a saved item, a ValidationError (code "edit_conflict")
        if someone other than `author` saved a version after `loaded_version`. The form's data
        then holds the merge and the newest version's pk, so saving again is deliberate."""
        cleaned_data = super().clean()
        if not self.instance.pk:
            return cleaned_data
        # Inside the admin's transaction: lock the row (PostgreSQL; SQLite's immediate
        # transactions already queue writers), so no other save slips in between check and save.
        model = type(self.instance)
        list(model._base_manager.select_for_update().filter(pk=self.instance.pk).values_list("pk"))
        latest = latest_version(self.instance)
        if latest is None:
            return cleaned_data
        before = self._loaded_version(cleaned_data.get("loaded_version"))
        if before is None:
            self._refuse_unknown_version(latest)
        loaded = before.pk
        if loaded == latest.pk:
            return cleaned_data
        others = self._saves_by_others_since(loaded)
        if others is None:  # only your own saves since (another tab): merge silently
            self._merge_own_saves(before, latest)
            return cleaned_data
        self.edit_conflict = self._conflict(before, latest, others)
        # Re-rendered with this form's data, the page now carries the newer version: saving
        # again is a deliberate choice.
        self.data = self.data.copy()
        self.data[self.add_prefix("loaded_version")] = latest.pk
        self._merge_theirs(latest)
        raise forms.ValidationError(self._conflict_message(), code="edit_conflict")

    def _loaded_version(self, posted):
        """The version of this item the form says it was opened on; None if the posted value is
        missing, not a number, or no version of this item (tampered with, or from elsewhere)."""
        if not str(posted or "").isdigit():
            return None
        return Version.objects.get_for_object(self.instance).filter(pk=int(posted)).first()

    def _refuse_unknown_version(self, latest):
        """Refuse once (code "unknown_version"), showing the current text of each field the form
        differs in; the re-rendered form carries `latest`, so saving again goes through."""
        who = latest.revision.user.get_username() if latest.revision.user else "Someone"
        when = formats.date_format(timezone.localtime(latest.revision.date_created), "j F Y, H:i")
        self.edit_conflict = EditConflict(who=who, when=when)
        for name, model_field in self._compared_fields():
            current = version_value(latest, model_field)
            if current is not MISSING and self.fields[name].has_changed(current, self[name].data):
                label = str(model_field.verbose_name)
                self.edit_conflict.changes.append(
                    FieldChange(name, label, display(self.fields[name], current), True, True)
                )
        self.data = self.data.copy()
        self.data[self.add_prefix("loaded_version")] = latest.pk
        raise forms.ValidationError(
            "We can't tell which version of this item you opened, so nothing was saved. Your text "
            "is still in the form; where it differs from the saved text, the saved text is shown "
            "beside it. Check the form, then save again to save it as it is now.",
            code="unknown_version",
        )

    def _saves_by_others_since(self, loaded):
        """The newest version saved after version pk `loaded` by someone other
        than the signed-in author; None when every one since is the author's own."""
        since = Version.objects.get_for_object(self.instance).select_related("revision__user")
        since = since.filter(pk__gt=loaded)
        if self.author is not None:
            since = since.exclude(revision__user=self.author)
        return since.first()

    def _compared_fields(self):
        """The form's fields stored in versions: (form field name, model field) pairs."""
        model_fields = {
            model_field.name: model_field
            for model_field in self.instance._meta.get_fields()
            if getattr(model_field, "editable", False) and model_field.concrete
        }
        return [(name, model_fields[name]) for name in self.fields if name in model_fields]

    def _conflict(self, before, latest, theirs):
        """What changed between `before` (the version the form was opened on) and `latest`,
        field by field, against this form's data; `theirs` is the other author's newest save."""
        who = theirs.revision.user.get_username() if theirs.revision.user else "Someone"
        when = formats.date_format(timezone.localtime(theirs.revision.date_created), "j F Y, H:i")
        conflict = EditConflict(who=who, when=when)
        if before is None:
            return conflict
        opts = self.instance._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_compare", args=[self.instance.pk])
        conflict.compare_url = f"{url}?version_id1={before.pk}&version_id2={latest.pk}"
        for name, model_field in self._compared_fields():
            base, theirs = version_value(before, model_field), version_value(latest, model_field)
            if base is MISSING or theirs is MISSING:
                continue
            form_field = self.fields[name]
            by_them = comparable(base) != comparable(theirs)
            by_you = form_field.has_changed(base, self[name].data)
            if by_them and by_you and not form_field.has_changed(theirs, self[name].data):
                by_you = False  # you both made the same change
            if by_them or by_you:
                label = str(model_field.verbose_name)
                conflict.changes.append(
                    FieldChange(name, label, display(form_field, theirs), by_them, by_you)
                )
        return conflict

    def _merge_theirs(self, latest):
        """Put their value in the form for each field only they changed."""
        changed_by_them = {change.name for change in self.edit_conflict.theirs_only}
        for name, model_field in self._compared_fields():
            if name in changed_by_them:
                self._put_in_form(name, version_value(latest, model_field))

    def _merge_own_saves(self, before, latest):
        """Every save since `before` (the version this form was opened on) is the author's own,
        say from another tab: each field this form left as `before` had it takes `latest`'s
        value, in the form's data and in `cleaned_data`; the fields it changed stay as typed."""
        self.data = self.data.copy()
        for name, model_field in self._compared_fields():
            base, newest = version_value(before, model_field), version_value(latest, model_field)
            if base is MISSING or newest is MISSING or comparable(base) == comparable(newest):
                continue
            form_field = self.fields[name]
            if form_field.disabled or form_field.has_changed(base, self[name].data):
                continue
            if self._put_in_form(name, newest) and name in self.cleaned_data:
                self.cleaned_data[name] = form_field.clean(self[name].data)

    def _put_in_form(self, name, value):
        """Make the form's data hold `value` for field `name` as a browser would post it; False
        for a field no browser posts a value for (a file input)."""
        posted = post_values(self[name], value)
        for key, values in posted.items():
            if values:
                self.data.setlist(key, values)
            else:
                self.data.pop(key, None)
        return bool(posted)

    def _conflict_message(self):
        conflict = self.edit_conflict
        changed = ", ".join(change.label for change in conflict.changes if change.by_them)
        what = f" They changed: {changed}." if changed else ""
        merged = (
            " Their changes to fields you did not touch are now in the form." if conflict.theirs_only else ""
        )
        both = ", ".join(change.label for change in conflict.both)
        both = (
            f" You both changed: {both}. Yours is kept in the form, theirs is shown beside it."
            if both
            else ""
        )
        text = (
            f"{conflict.who} saved this on {conflict.when}, after you opened it.{what} Your changes are "
            f"still below and have not been saved.{merged}{both} Check the form, then save again to "
            "save it as it is now."
        )
        if not conflict.compare_url:
            return text
        return format_html('{} <a href="{}">Compare the two versions</a>.', text, conflict.compare_url)


MISSING = object()


def version_value(version, model_field):
    """`model_field`'s value in a stored version, as a form's initial data holds it (a related
    item's key, a list of keys for many-to-many); MISSING if that version predates the field."""
    data = version.field_dict
    if model_field.attname not in data:
        return MISSING
    value = data[model_field.attname]
    if isinstance(value, datetime.datetime | datetime.time):
        value = value.replace(microsecond=0)  # as the admin's inputs show it
    return value


def comparable(value):
    """A stored or posted value in the form two of them compare equal in when nothing really
    changed: text with plain line ends, a list (many-to-many keys) sorted as strings."""
    if isinstance(value, str):
        return plain_line_ends(value)
    if isinstance(value, list | tuple):
        return sorted(str(item) for item in value)
    return value


def display(form_field, value):
    """A stored value in words, for the refusal page."""
    if isinstance(form_field, forms.ModelMultipleChoiceField):
        chosen = form_field.queryset.filter(pk__in=value or [])
        return ", ".join(form_field.label_from_instance(item) for item in chosen) or "(none)"
    if isinstance(form_field, forms.ModelChoiceField):
        item = form_field.queryset.filter(pk=value).first()
        return form_field.label_from_instance(item) if item else "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j F Y")
    if value in (None, ""):
        return "(empty)"
    return plain_line_ends(str(value))


def post_values(bound_field, value):
    """What a browser would post for `bound_field` showing `value`: {input name: [values]}
    (an empty list: nothing is sent, as for an unticked box). File inputs send nothing."""
    widget = bound_field.field.widget
    if isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    name = bound_field.html_name
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return {}
    if isinstance(widget, forms.CheckboxInput):
        return {name: ["on"] if value else []}
    if isinstance(widget, forms.MultiWidget):
        parts = widget.decompress(value)
        return {
            f"{name}{suffix}": [str(sub.format_value(part) or "")]
            for suffix, sub, part in zip(widget.widgets_names, widget.widgets, parts, strict=True)
        }
    if isinstance(widget, forms.SelectMultiple):
        return {name: [str(item) for item in value or []]}
    if isinstance(value, models.Model):
        value = value.pk
    shown = widget.format_value(value)
    if isinstance(shown, list):
        shown = shown[0] if shown else ""
    return {name: [plain_line_ends(str(shown if shown is not None else ""))]}
