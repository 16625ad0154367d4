"""A second person checks every change to what readers see (issue 17).

When someone without the approve permission (not a *Clinical reviewer*) saves a change to an
item readers can see, or publishes, unpublishes or deletes one, nothing readers see changes:
the admin page's post is kept as a `PendingChange` instead (kneesite/admin.py holds it back after
the form and its inline answers passed every check). Reopening the item shows the pending data to
keep editing; staff see it at the item's address under a banner (`preview`). A reviewer approves
it (`approve`: the kept post is sent again through the same admin page, as the reviewer, so the
edit-conflict guard, Markdown checks, History and the page cache work as for any save) or sends
it back with a comment (`send_back`); its author may withdraw it (`withdraw`). A reviewer's own
save goes live at once, recorded in History as an urgent correction. The e-mails are
kneesite/review_mail.py; changes approved for a later time are applied by
kneesite/scheduled_publishing.py, through `approve` as here."""

import copy
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import HttpRequest, QueryDict
from django.utils import formats, timezone
from django.utils.datastructures import MultiValueDict

from kneesite.models import PendingChange
from kneesite.publishing import Reviewed
from kneesite.readers import is_anonymous
from kneesite.review_mail import notify_author, notify_reviewers

APPROVE_PERMISSION = "kneesite.approve_change"
# Not part of the change: the submit buttons (which one was pressed) and which open change the
# form was opened on (`LOADED_PENDING`, checked when it is posted).
LOADED_PENDING = "loaded_pending"
BUTTONS = {"csrfmiddlewaretoken", "_save", "_continue", "_addanother", "_saveasnew", LOADED_PENDING}
# An item's admin form's fields that guard the save (which version or change it was opened on,
# "unpublish anyway?"), not the item's content.
GUARD_FIELDS = {"loaded_version", LOADED_PENDING, "confirm_unpublish"}
URGENT = "Urgent correction, approved by self."
FILE_PREFIX = "__file__:"  # a data pair naming a picture the author uploaded, as stored


class HeldForReview(Exception):
    """Raised inside the admin's save once the form passed every check: the save is rolled back
    (a restore's revert too) and the post is kept as a pending change instead."""

    def __init__(self, obj, form, formsets):
        super().__init__(str(obj))
        self.obj, self.form, self.formsets = obj, form, formsets


def can_approve(user):
    return user.has_perm(APPROVE_PERMISSION)


def readers_may_see(obj):
    """True when the stored item is published (scheduled included), or has no switch at all (a
    source, a red flag): changing it changes what readers see."""
    stored = type(obj)._base_manager.filter(pk=obj.pk).first() if obj.pk else None
    return stored is not None and getattr(stored, "is_published", True)


def open_change(obj):
    """The item's change awaiting review or sent back, or None."""
    if obj is None or not obj.pk:
        return None
    return (
        PendingChange.objects.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=obj.pk
        )
        .exclude(status=PendingChange.Status.APPROVED)
        .select_related("author", "reviewer")
        .first()
    )


def pending_token(change):
    """Which open change an item's form was opened on: "<pk>:<updated_at ISO>", "" for none."""
    return f"{change.pk}:{change.updated_at.isoformat()}" if change is not None else ""


def refuse_overwrite(form):
    """In an item's admin form's `clean`: a ValidationError (code "edit_conflict") when someone
    else saved a change awaiting review after the form was opened (its `LOADED_PENDING` field):
    holding this save would replace their change. The form's data then carries that change, so
    saving again is deliberate; what was typed stays in the form. Reviewers' saves go live and
    send an open change back (`supersede`), so they are not refused."""
    if not form.instance.pk or form.author is None or can_approve(form.author):
        return
    change = open_change(form.instance)
    if change is None or change.author_id == form.author.pk:
        return
    token = pending_token(change)
    if form.cleaned_data.get(LOADED_PENDING, "") == token:
        return
    form.data = form.data.copy()
    form.data[form.add_prefix(LOADED_PENDING)] = token
    when = formats.date_format(timezone.localtime(change.updated_at), "j F Y, H:i")
    raise ValidationError(
        f"{change.author} saved a change to this on {when}, after you opened it; it waits for "
        "review. Your changes are still below and have not been saved. Saving again replaces "
        f"{change.author}'s change with yours: compare it first.",
        code="edit_conflict",
    )


def labels_of_changed_fields(form, formsets):
    """The labels of what a form and its inline formsets change, e.g. ["Answer", "answer choices"]."""
    labels = [str(form.fields[name].label or name) for name in form.changed_data if name not in GUARD_FIELDS]
    labels += [str(formset.model._meta.verbose_name_plural) for formset in formsets if formset.has_changed()]
    return labels


def hold(request, held):
    """Keep a held save (`HeldForReview`) as the item's pending change, replacing the one it had,
    and tell the reviewers. Returns the PendingChange."""
    obj, form = held.obj, held.form
    data = [[key, value] for key, values in request.POST.lists() if key not in BUTTONS for value in values]
    previous = open_change(obj)
    files = {key: value for key, value in (previous.data if previous else []) if key.startswith(FILE_PREFIX)}
    for name in request.FILES:
        stored = getattr(form.instance, name, None)
        if stored:
            files[FILE_PREFIX + name] = stored.name  # already stored by the form's picture check
    data += [[key, value] for key, value in files.items()]
    unpublishes = "is_published" in form.fields and form.cleaned_data.get("is_published") is False
    kind = PendingChange.Kind.UNPUBLISH if unpublishes and readers_may_see(obj) else PendingChange.Kind.CHANGE
    return _keep(request, obj, kind, data, labels_of_changed_fields(form, held.formsets), previous)


def hold_action(request, obj, kind):
    """Keep publishing, unpublishing or deleting `obj` (a PendingChange.Kind) as its pending change."""
    return _keep(request, obj, kind, [], [], open_change(obj))


def _keep(request, obj, kind, data, fields, previous):
    change = previous or PendingChange(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=obj.pk
    )
    if previous and previous.kind != PendingChange.Kind.CHANGE and kind == PendingChange.Kind.CHANGE:
        fields = fields or previous.fields
    change.kind, change.data, change.fields = kind, data, fields
    change.object_repr = str(obj)[:300]
    change.author = request.user
    change.status = PendingChange.Status.PENDING
    change.save()
    transaction.on_commit(lambda: notify_reviewers(change), robust=True)
    return change


def refresh_publish(request, obj):
    """After a save of a draft `obj` that waits to be published: its pending publish now covers
    the new content, so it is saved again (its time moves on, back to awaiting review when its
    author saved) and the reviewers are told."""
    change = open_change(obj)
    if change is None or change.kind != PendingChange.Kind.PUBLISH or not change.is_open:
        return
    if change.author_id == request.user.pk:
        change.status = PendingChange.Status.PENDING
    change.object_repr = str(obj)[:300]
    change.save()
    transaction.on_commit(lambda: notify_reviewers(change), robust=True)


def record_urgent(request, form, formsets):
    """Record a reviewer's own change to what readers see, live at once: an approved change
    (in the list of changes) whose comment says it is an urgent correction, approved by self."""
    obj = form.instance
    fields = labels_of_changed_fields(form, formsets)
    supersede(request, open_change(obj), fields)
    PendingChange.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        fields=fields,
        author=request.user,
        reviewer=request.user,
        status=PendingChange.Status.APPROVED,
        comment=URGENT,
        decided_at=timezone.now(),
    )


def supersede(request, change, fields):
    """Send `change` (the item's open change, or None) back to its author: a reviewer changed
    the live item directly, so it no longer fits (approving it would meet the edit-conflict
    guard). The author redoes it on top of the live item."""
    if change is None or change.status not in (PendingChange.Status.PENDING, PendingChange.Status.SENT_BACK):
        return
    when = formats.date_format(timezone.localtime(), "j F Y, H:i")
    send_back(
        change,
        request.user,
        f"Superseded: {request.user} changed the live item directly on {when} "
        f"({', '.join(fields) or 'no fields'}). Your change was not applied: open the item and "
        "redo it on top of theirs.",
    )


def as_post(change):
    """(data, files) of a pending change as a browser posted them: a QueryDict and the pictures."""
    data = QueryDict(mutable=True)
    files = MultiValueDict()
    for key, value in change.data:
        if key.startswith(FILE_PREFIX):
            with default_storage.open(value) as stored:
                files[key.removeprefix(FILE_PREFIX)] = ContentFile(
                    stored.read(), name=value.rsplit("/", 1)[-1]
                )
        else:
            data.appendlist(key, value)
    return data, files


def pending_form_data(change):
    """The pending change's data, to show in the item's admin form (pictures are shown as saved)."""
    if change is None or change.kind == PendingChange.Kind.DELETE or not change.data:
        return None
    data = QueryDict(mutable=True)
    for key, value in change.data:
        if not key.startswith(FILE_PREFIX):
            data.appendlist(key, value)
    data[LOADED_PENDING] = pending_token(change)  # opened on this change: no conflict with it
    return data


def preview(request, obj):
    """`obj` as it will be once its pending change is approved, and that change: the change's
    data put through the item's admin form onto a copy (its Markdown rendered); `obj` itself
    and None when it has no pending change, or the data no longer passes the form's checks.
    Links to other items (many-to-many) show as they are now."""
    change = open_change(obj)
    if change is None:
        return obj, None
    data = pending_form_data(change)
    if data is None:
        return obj, change
    model_admin = admin.site.get_model_admin(type(obj))
    draft = type(obj)._base_manager.get(pk=obj.pk)
    draft.__dict__.update({key: value for key, value in obj.__dict__.items() if key.startswith("shown_")})
    form = model_admin.get_form(request, draft, change=True)(data, instance=draft)
    with transaction.atomic():  # the edit-conflict check locks the row
        valid = form.is_valid()
    if not valid:
        return obj, change
    draft = form.save(commit=False)
    for key, value in change.data:
        if key.startswith(FILE_PREFIX):
            setattr(draft, key.removeprefix(FILE_PREFIX), value)
    draft.render_markdown()
    return draft, change


def with_changes_awaiting_review(request, items):
    """`items` as staff preview them at their addresses: each with its change awaiting review
    applied (`preview`) and marked with `pending_change` (None without one). Anyone else gets
    `items` as they are."""
    if is_anonymous(request) or not request.user.is_staff:
        return items
    previews = []
    for item in items:
        shown, change = preview(request, item)
        shown.pending_change = change
        previews.append(shown)
    return previews


def approve(change, reviewer, publish_at=None, request=None):
    """Apply `change` as `reviewer` (a user who may approve): its data is posted again through the
    item's admin page (or it is published, unpublished or deleted). `publish_at`: an aware
    datetime to go live then: for an item readers cannot see yet, its publication time; for a
    change to a live item, the change waits, approved, until kneesite/scheduled_publishing.py
    applies it then (readers keep the published version meanwhile). `request`: the reviewer's
    own request when they decide on an admin page (the item's page's messages reach them); None
    when no one is at a page (the scheduled publishing). Returns a list of error messages
    (empty: done). ValueError when `request` is someone else's: History must name who acted."""
    if request is not None and request.user != reviewer:
        raise ValueError("approve() acts as the reviewer whose request it is given")
    model = change.content_type.model_class()
    model_admin = admin.site.get_model_admin(model)
    obj = model._base_manager.filter(pk=change.object_id).first()
    if obj is None:
        return ["The item no longer exists."]
    if publish_at is not None and _changes_a_live_item(change, obj):
        change.status, change.publish_at = PendingChange.Status.SCHEDULED, publish_at
        change.reviewer, change.decided_at = reviewer, timezone.now()
        change.save()
        transaction.on_commit(lambda: notify_author(change), robust=True)
        return []
    # It carries the kept post: the caller's stays as it was.
    request = copy.copy(request) if request is not None else _admin_request(reviewer, change)
    request.review_approving = change  # read by HistoryAdmin: dates, History comment
    if change.kind == PendingChange.Kind.CHANGE or (
        change.kind == PendingChange.Kind.UNPUBLISH and change.data
    ):
        errors = _replay(request, model_admin, obj, change, publish_at)
    else:
        errors = _apply_action(request, model_admin, obj, change, publish_at)
    if errors:
        return errors
    change.status = PendingChange.Status.APPROVED
    change.reviewer = reviewer
    change.decided_at = timezone.now()
    if change.author_id == reviewer.pk:
        change.comment = "Approved by its own author, a superuser."
    change.save()
    transaction.on_commit(lambda: notify_author(change), robust=True)
    return []


def _admin_request(user, change):
    """What the item's admin page needs to apply `change` as `user` when no one is at a page: the
    user, the site's own address (one ALLOWED_HOSTS names), and somewhere for its messages. The
    reviewer decided on the review page, so there is no browser's CSRF token to check."""
    request = HttpRequest()
    request.method = "POST"
    request.path = request.path_info = change.get_absolute_url()
    request.META["HTTP_HOST"] = urlsplit(settings.SITE_URL).netloc
    request.user = user
    request._dont_enforce_csrf_checks = True
    request._messages = CookieStorage(request)
    return request


def _replay(request, model_admin, obj, change, publish_at):
    data, files = as_post(change)
    if publish_at is not None:
        local = timezone.localtime(publish_at)
        data.setlist("pub_date_0", [local.strftime("%d/%m/%Y")])
        data.setlist("pub_date_1", [local.strftime("%H:%M:%S")])
        data.setlist("is_published", ["on"])
    data["csrfmiddlewaretoken"] = request.POST.get("csrfmiddlewaretoken", "")
    data["_save"] = "Save"
    request.POST, request._files = data, files  # the reviewer's request, carrying the kept post
    response = model_admin.change_view(request, str(obj.pk))
    if response.status_code == 302:
        return []
    context = getattr(response, "context_data", None) or {}
    errors = list(context.get("errors") or [])
    messages = [str(error) for errors_of_field in errors for error in errors_of_field] or [
        "The change no longer passes the page's checks."
    ]
    return messages


def _apply_action(request, model_admin, obj, change, publish_at):
    if change.kind == PendingChange.Kind.DELETE:
        with transaction.atomic(), model_admin.create_revision(request):
            model_admin.log_deletions(request, type(obj)._base_manager.filter(pk=obj.pk))
            model_admin.delete_model(request, obj)
        return []
    obj.is_published = change.kind == PendingChange.Kind.PUBLISH
    if publish_at is not None:
        obj.pub_date = publish_at
    with transaction.atomic(), model_admin.create_revision(request):
        mark_approved(obj)
        obj.save()
        model_admin.log_change(request, obj, [{"changed": {"fields": ["published"]}}])
    return []


def mark_approved(obj, today=None):
    """Reviewed today by a clinical reviewer (content with review dates). Does not save."""
    if isinstance(obj, Reviewed):
        obj.last_reviewed = obj.clinically_checked_on = today or timezone.localdate()


def send_back(change, reviewer, comment):
    """Return `change` to its author with `reviewer`'s `comment` (a user, and str); the author
    sees it on the item."""
    change.status = PendingChange.Status.SENT_BACK
    change.reviewer = reviewer
    change.comment = comment
    change.decided_at = timezone.now()
    change.save()
    transaction.on_commit(lambda: notify_author(change), robust=True)


def withdraw(change):
    """Its author takes back their open `change`: readers keep what they see, nothing is kept."""
    change.delete()


def can_decide(user, change):
    """Reviewers decide others' changes; a superuser may decide their own (recorded)."""
    return can_approve(user) and (change.author_id != user.pk or user.is_superuser)


def schedulable(change):
    """Whether approving may choose a later time: for an item readers cannot see now (its
    publication time), or for a change to a live item (applied then by publish_due_changes)."""
    model = change.content_type.model_class()
    obj = model._base_manager.filter(pk=change.object_id).first()
    if obj is None:
        return False
    return _changes_a_live_item(change, obj) or (
        hasattr(obj, "pub_date") and not getattr(obj, "is_live", True)
    )


def _changes_a_live_item(change, obj):
    return change.kind == PendingChange.Kind.CHANGE and getattr(obj, "is_live", True)
