"""The review page: changes awaiting review, listed, and each one beside what readers see now,
field by field, where a clinical reviewer approves it (now or for later) or sends it back, and
its author may withdraw it. The flow itself is kneesite/review.py; kneesite/admin.py registers
this page."""

import itertools
from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.text import capfirst
from reversion_compare.helpers import html_diff

from kneesite import review
from kneesite.conflicts import display
from kneesite.models import PendingChange


class ReviewForm(forms.Form):
    """A reviewer's decision on a change: approve (now, or at a later time for an item readers
    cannot see yet), or send it back with a comment."""

    comment = forms.CharField(
        label="Comment for the author",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text="Needed to send it back: say what to change and why.",
    )
    publish_at = forms.SplitDateTimeField(
        label="Publish at",
        required=False,
        widget=AdminSplitDateTime,
        help_text="Optional: a later time for it to go live by itself (readers keep what they see now until then). Empty: now.",
    )

    def __init__(self, *args, sending_back=False, schedulable=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.sending_back = sending_back
        if not schedulable:
            del self.fields["publish_at"]

    def clean(self):
        cleaned_data = super().clean()
        if self.sending_back and not cleaned_data.get("comment", "").strip():
            message = "Say what the author should change: your comment is what they will see."
            self.add_error("comment", forms.ValidationError(message, code="comment_required"))
        publish_at = cleaned_data.get("publish_at")
        if publish_at and publish_at <= timezone.now():
            message = "Choose a time still to come, or leave it empty to publish now."
            self.add_error("publish_at", forms.ValidationError(message, code="publish_at_past"))
        return cleaned_data


class StatusFilter(admin.SimpleListFilter):
    """The list opens on the changes awaiting review, so its count is what is left to decide;
    decided and sent-back changes are one click away, and so is "All"."""

    title = "status"
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*PendingChange.Status.choices, (self.ALL, "All")]

    def value(self):
        """The status asked for; changes awaiting review when none is, or a made-up one."""
        asked = super().value()
        return (
            asked if asked in {lookup for lookup, _ in self.lookup_choices} else PendingChange.Status.PENDING
        )

    def choices(self, changelist):
        """Django's, with each status's count (the admin's facets), without its own "All" (which
        would show the awaiting ones): "All" is a status here, the last."""
        return itertools.islice(super().choices(changelist), 1, None)

    def queryset(self, request, queryset):
        return queryset if self.value() == self.ALL else queryset.filter(status=self.value())


class PendingChangeAdmin(admin.ModelAdmin):
    """Changes awaiting review: a list, and a review page for each (the diff and the decision)."""

    list_display = ["object_repr", "kind", "changed", "author", "updated_at", "status"]
    list_display_links = ["object_repr"]
    list_filter = [StatusFilter, "kind"]
    show_facets = admin.ShowFacets.ALWAYS  # a reviewer sees at a glance how many are left
    search_fields = ["object_repr"]

    @admin.display(description="fields")
    def changed(self, obj):
        return ", ".join(obj.fields)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return review.can_approve(request.user)

    def get_urls(self):
        review_url = path(
            "<int:pk>/review/",
            self.admin_site.admin_view(self.review_view),
            name="kneesite_pendingchange_review",
        )
        return [review_url, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return redirect("admin:kneesite_pendingchange_review", pk=unquote(object_id))

    def review_view(self, request, pk):
        """The change beside what readers see now, field by field; a reviewer decides here.
        Staff who may change the item see it (the preview banner links here)."""
        change = get_object_or_404(PendingChange.objects.select_related("author", "reviewer"), pk=pk)
        model = change.content_type.model_class()
        opts = model._meta
        if not request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            raise PermissionDenied
        obj = model._base_manager.filter(pk=change.object_id).first()
        item_url = change.item_admin_url()
        own_change = change.author_id == request.user.pk
        if request.method == "POST" and "_withdraw" in request.POST:
            if not (own_change and change.is_open):
                raise PermissionDenied
            review.withdraw(change)
            self.message_user(
                request, f"Withdrawn: your change to “{change.object_repr}”. Readers see what they saw."
            )
            return redirect(item_url)
        may_decide = review.can_decide(request.user, change) and change.is_open and obj is not None
        form = ReviewForm(schedulable=review.schedulable(change))
        if request.method == "POST":
            if not may_decide:
                raise PermissionDenied
            sending_back = "_send_back" in request.POST
            form = ReviewForm(request.POST, sending_back=sending_back, schedulable=review.schedulable(change))
            if form.is_valid():
                return self._decide(request, change, form, sending_back)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Review: {change.object_repr}",
            "change": change,
            "item": obj,
            "item_url": item_url,
            "rows": review_rows(request, change, obj) if obj is not None else [],
            "form": form,
            "may_decide": may_decide,
            "own_change": own_change,
        }
        return TemplateResponse(request, "admin/kneesite/review.html", context)

    def _decide(self, request, change, form, sending_back):
        if sending_back:
            review.send_back(change, request.user, form.cleaned_data["comment"])
            self.message_user(request, f"Sent back to {change.author}: “{change.object_repr}”.")
            return redirect("admin:kneesite_pendingchange_changelist")
        errors = review.approve(change, request.user, form.cleaned_data.get("publish_at"), request=request)
        if errors:
            for error in errors:
                self.message_user(request, f"Not approved: {error}", messages.ERROR)
            return redirect("admin:kneesite_pendingchange_review", pk=change.pk)
        self.message_user(request, f"Approved: “{change.object_repr}”. Readers see it as approved.")
        return redirect("admin:kneesite_pendingchange_changelist")


@dataclass
class DiffRow:
    """One changed field of a pending change: its `label`, the value readers see `now` and the
    `pending` one in words, and `diff` (HTML, words added and removed marked)."""

    label: str
    now: str
    pending: str

    @property
    def diff(self):
        return html_diff(self.now, self.pending)


def review_rows(request, change, obj):
    """The pending change against what readers see now, field by field (DiffRows): the item's
    fields, then each changed inline answer's."""
    Kind = PendingChange.Kind
    if change.kind in (Kind.PUBLISH, Kind.UNPUBLISH, Kind.DELETE) and not change.data:
        words = {Kind.PUBLISH: ("not shown", "published"), Kind.UNPUBLISH: ("published", "not shown")}
        now, pending = words.get(change.kind, ("shown", "deleted"))
        readers = [DiffRow("Readers", now, pending)]
        # Publishing shows readers everything the item holds: the reviewer sees all of it.
        return readers + (_all_fields(request, obj) if change.kind == Kind.PUBLISH else [])
    model_admin = admin.site.get_model_admin(type(obj))
    data = review.pending_form_data(change)  # a new picture is listed below, by its stored name
    copy = type(obj)._base_manager.get(pk=obj.pk)
    form = model_admin.get_form(request, copy, change=True)(data, instance=copy)
    with transaction.atomic():
        form.is_valid()
    rows = [_row(form, name, str(form.fields[name].label)) for name in _changed(form)]
    for formset_class, inline in model_admin.get_formsets_with_inlines(request, copy):
        formset = formset_class(
            data,
            prefix=formset_class.get_default_prefix(),
            instance=copy,
            queryset=inline.get_queryset(request),
        )
        formset.is_valid()
        for inline_form in formset.forms:
            name = (inline_form.instance.pk and str(inline_form.instance)) or "New"
            kind = capfirst(str(inline_form._meta.model._meta.verbose_name))
            if inline_form in formset.deleted_forms:
                rows.append(DiffRow(f"{kind} “{name}”", "shown", "deleted"))
                continue
            for field_name in _changed(inline_form) if inline_form.has_changed() else []:
                label = f"{kind} “{name}”: {inline_form.fields[field_name].label}"
                rows.append(_row(inline_form, field_name, label))
    for key, value in change.data:
        if key.startswith(review.FILE_PREFIX):
            rows.append(DiffRow(str(form.fields[key.removeprefix(review.FILE_PREFIX)].label), "", value))
    return rows


def _all_fields(request, obj):
    """Every field of `obj` and of its inline items as DiffRows from nothing to their value."""
    model_admin = admin.site.get_model_admin(type(obj))
    form = model_admin.get_form(request, obj, change=True)(instance=obj)
    # "Published" is the Readers row above.
    rows = [
        _shown(form, name, str(form.fields[name].label or name))
        for name in form.fields
        if name != "is_published"
    ]
    for formset_class, inline in model_admin.get_formsets_with_inlines(request, obj):
        formset = formset_class(
            prefix=formset_class.get_default_prefix(), instance=obj, queryset=inline.get_queryset(request)
        )
        for inline_form in formset.forms:
            kind = capfirst(str(inline_form._meta.model._meta.verbose_name))
            for name in inline_form.fields:
                if name not in _NOT_CONTENT:
                    label = f"{kind} “{inline_form.instance}”: {inline_form.fields[name].label}"
                    rows.append(_shown(inline_form, name, label))
    return [row for row in rows if row is not None]


def _shown(form, name, label):
    field = form.fields[name]
    if name in _NOT_CONTENT or isinstance(field.widget, forms.HiddenInput):
        return None
    return DiffRow(capfirst(label), "", display(field, _plain(form.get_initial_for_field(field, name))))


_NOT_CONTENT = {*review.GUARD_FIELDS, "DELETE", "id"}


def _changed(form):
    return [name for name in form.changed_data if name not in {*review.GUARD_FIELDS, "DELETE"}]


def _row(form, name, label):
    field = form.fields[name]
    now = display(field, _plain(form.get_initial_for_field(field, name)))
    pending_value = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
    return DiffRow(capfirst(label), now, display(field, _plain(pending_value)))


def _plain(value):
    """A form value as `display` takes it: items as their keys."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple):
        return [item.pk if isinstance(item, models.Model) else item for item in value]
    return value
