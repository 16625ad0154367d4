"""The e-mails of the review flow (kneesite/review.py): reviewers hear of a change awaiting
review, its author of the decision. E-mail is a courtesy: a change is saved whatever the mail
server does (settings: EMAIL_*)."""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import formats, timezone

from kneesite.address import absolute_url
from kneesite.models import PendingChange

logger = logging.getLogger(__name__)


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
    _send(subject, f"{words}\n\nThe item: {absolute_url(change.item_admin_url())}\n", [change.author.email])


def _send(subject, body, recipients):
    # Email is a courtesy: the change is saved whatever the mail server does. Failures are
    # logged once, here, and go no further.
    try:
        send_mail(subject, body, None, recipients)
    except Exception:
        logger.exception("Could not send the email “%s” to %s", subject, ", ".join(recipients))
