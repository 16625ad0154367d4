"""A second person checks every change to what readers see (issue 17).

When someone without the approve permission (not a *Clinical reviewer*) saves a change to an
item readers can see, or publishes, unpublishes or deletes one, nothing readers see changes:
the admin page's post is kept as a `PendingChange` instead (kneesite/admin.py holds it back after
the form and its inline answers passed every check). Reopening the item shows the pending data to
keep editing; staff see it at the item's address under a banner (`preview`). A reviewer approves
it (`approve`: the kept post is sent again through the same admin page, as the reviewer, so the
edit-conflict guard, Markdown checks, History and the page cache work as for any save) or sends
it back with a comment (`send_back`). A reviewer's own save goes live at once, recorded in
History as an urgent correction."""

import copy
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.http import QueryDict
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.datastructures import MultiValueDict

from kneesite.address import absolute_url
from kneesite.models import PendingChange
from kneesite.publishing import Reviewed

logger = logging.getLogger(__name__)

APPROVE_PERMISSION = "kneesite.approve_change"
# Not part of the change: the submit buttons (which one was pressed) and which open change the
# form was opened on (`LOADED_PENDING`, checked when it is posted).
LOADED_PENDING = "loaded_pending"
BUTTONS = {"csrfmiddlewaretoken", "_save", "_continue", "_addanother", "_saveasnew", LOADED_PENDING}
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


def changed_fields(form, formsets):
    """The labels of what a form and its inline formsets change, e.g. ["Answer", "answer choices"]."""
    ignored = {"loaded_version", LOADED_PENDING, "confirm_unpublish"}
    labels = [str(form.fields[name].label or name) for name in form.changed_data if name not in ignored]
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
    return _keep(request, obj, kind, data, changed_fields(form, held.formsets), previous)


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
    fields = changed_fields(form, formsets)
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
        request,
        change,
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


def approve(request, change, publish_at=None):
    """Apply `change` as `request.user`, a reviewer: its data is posted again through the item's
    admin page (or it is published, unpublished or deleted). `publish_at`: an aware datetime to go
    live then: for an item readers cannot see yet, its publication time; for a change to a live
    item, the change waits, approved, until `publish_due_changes` applies it then (readers keep
    the published version meanwhile). Returns a list of error messages (empty: done)."""
    model = change.content_type.model_class()
    model_admin = admin.site.get_model_admin(model)
    obj = model._base_manager.filter(pk=change.object_id).first()
    if obj is None:
        return ["The item no longer exists."]
    if publish_at is not None and _changes_a_live_item(change, obj):
        change.status, change.publish_at = PendingChange.Status.SCHEDULED, publish_at
        change.reviewer, change.decided_at = request.user, timezone.now()
        change.save()
        transaction.on_commit(lambda: notify_author(change), robust=True)
        return []
    request = copy.copy(request)  # it carries the kept post; the caller's stays as it was
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
    change.reviewer = request.user
    change.decided_at = timezone.now()
    if change.author_id == request.user.pk:
        change.comment = "Approved by its own author, a superuser."
    change.save()
    transaction.on_commit(lambda: notify_author(change), robust=True)
    return []


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


def send_back(request, change, comment):
    """Return `change` to its author with the reviewer's `comment`; the author sees it on the item."""
    change.status = PendingChange.Status.SENT_BACK
    change.reviewer = request.user
    change.comment = comment
    change.decided_at = timezone.now()
    change.save()
    transaction.on_commit(lambda: notify_author(change), robust=True)


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


def publish_due_changes(now=None):
    """Apply every approved change whose time has come (`manage.py publish_scheduled_changes`,
    run every minute by cron, as Wagtail's publish_scheduled does), each as the reviewer who
    approved it. A change that no longer passes the item's page (someone saved it since), or
    that fails in any other way (the reviewer lost the right to approve), is sent back to its
    author with the reason, and the next one is tried. Returns (published, sent back) counts."""
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.test import RequestFactory

    published = sent_back = 0
    due = PendingChange.objects.filter(
        status=PendingChange.Status.SCHEDULED, publish_at__lte=now or timezone.now()
    ).select_related("reviewer", "content_type")
    host = urlsplit(settings.SITE_URL).netloc  # the site's own address, one ALLOWED_HOSTS names
    for change in due:
        request = RequestFactory(HTTP_HOST=host).post(change.get_absolute_url())
        request.user = change.reviewer
        request._dont_enforce_csrf_checks = True  # no browser: the reviewer decided on the page
        request._messages = CookieStorage(request)
        try:
            with transaction.atomic():
                errors = approve(request, change)
        except Exception as error:  # one broken change must not stop the others
            logger.exception("Scheduled change %s failed", change.pk)
            errors = [str(error) or type(error).__name__]
        if not errors:
            published += 1
            continue
        with transaction.atomic():
            change.refresh_from_db()
            send_back(request, change, "Not published at the time you chose: " + " ".join(errors))
        sent_back += 1
    return published, sent_back


def reviewers():
    """Active users who may approve, with an email address."""
    permission = Q(codename="approve_change", content_type__app_label="kneesite")
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return users.filter(
        Q(is_superuser=True)
        | Q(user_permissions__in=_permissions(permission))
        | Q(groups__permissions__in=_permissions(permission))
    ).distinct()


def _permissions(lookup):
    return Permission.objects.filter(lookup)


def notify_reviewers(change):
    """Email every reviewer but the author: a change awaits review, with its address."""
    recipients = [user.email for user in reviewers().exclude(pk=change.author_id)]
    if recipients:
        _send(
            f"Awaiting review: {change.object_repr}",
            f"{change.author} asks for a review of this change ({change.get_kind_display().lower()}):\n"
            f"{change.object_repr}\n\nReview it here: {absolute_url(change.get_absolute_url())}\n",
            recipients,
        )


def notify_author(change):
    """Email the author: their change was approved (now, or for a later time), or sent back
    with the reviewer's comment."""
    if not change.author.email or change.author_id == change.reviewer_id:
        return
    if change.status == PendingChange.Status.APPROVED:
        subject, words = f"Approved: {change.object_repr}", f"{change.reviewer} approved your change."
    elif change.status == PendingChange.Status.SCHEDULED:
        when = formats.date_format(timezone.localtime(change.publish_at), "j F Y, H:i")
        subject = f"Approved: goes live at {when}: {change.object_repr}"
        words = f"{change.reviewer} approved your change. Readers see it from {when}."
    else:
        subject = f"Sent back: {change.object_repr}"
        words = f"{change.reviewer} sent your change back:\n\n{change.comment}"
    opts = change.content_type.model_class()._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[change.object_id])
    _send(subject, f"{words}\n\nThe item: {absolute_url(url)}\n", [change.author.email])


def _send(subject, body, recipients):
    # Email is a courtesy: the change is saved whatever the mail server does. Failures are
    # logged once, here, and go no further.
    try:
        send_mail(subject, body, None, recipients)
    except Exception:
        logger.exception("Could not send the email “%s” to %s", subject, ", ".join(recipients))
