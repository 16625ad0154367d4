"""Changes a reviewer approved for a later time go live when it comes: `manage.py
publish_scheduled_changes`, run every minute by cron (as Wagtail's publish_scheduled is). Each
is applied by the review flow's own `approve` (kneesite/review.py), as the reviewer who chose
the time."""

import logging

from django.db import transaction
from django.utils import timezone

from kneesite.models import PendingChange
from kneesite.review import approve, send_back

logger = logging.getLogger(__name__)


def publish_due_changes(now=None):
    """Apply every approved change whose time has come (at or before `now`, an aware datetime;
    default: now), each as the reviewer who approved it. A change that no longer passes the
    item's page (someone saved it since), or that fails in any other way (the reviewer lost the
    right to approve), is sent back to its author with the reason, and the next one is tried.
    Returns (published, sent back) counts."""
    published = sent_back = 0
    due = PendingChange.objects.filter(
        status=PendingChange.Status.SCHEDULED, publish_at__lte=now or timezone.now()
    ).select_related("reviewer", "content_type")
    for change in due:
        try:
            with transaction.atomic():
                errors = approve(change, change.reviewer)
        except Exception as error:  # one broken change must not stop the others
            logger.exception("Scheduled change %s failed", change.pk)
            errors = [str(error) or type(error).__name__]
        if not errors:
            published += 1
            continue
        with transaction.atomic():
            change.refresh_from_db()
            send_back(change, change.reviewer, "Not published at the time you chose: " + " ".join(errors))
        sent_back += 1
    return published, sent_back
