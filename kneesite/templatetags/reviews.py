"""The admin home's boxes: the changes awaiting review, those sent back to the author signed
in, and how many items of each kind are overdue for review."""

from django import template
from django.urls import reverse

from kneesite import review
from kneesite.models import PendingChange
from kneesite.publishing import Reviewed

register = template.Library()


@register.simple_tag
def reviews_due(app_list):
    """{"kinds": [...], "total": n}: for each kind of reviewed content in the admin's `app_list`
    (only what this user may see) a dict of `name` (plural), `count` overdue or with no date, and
    `url`, its list filtered to those; `total` adds the counts up."""
    overdue = Reviewed.overdue_lookup()
    kinds = [
        {
            "name": model["name"],
            "count": model["model"]._default_manager.filter(overdue).count(),
            "url": f"{model['admin_url']}?review=overdue",
        }
        for app in app_list
        for model in app["models"]
        if issubclass(model["model"], Reviewed) and model.get("admin_url")
    ]
    return {"kinds": kinds, "total": sum(kind["count"] for kind in kinds)}


@register.simple_tag
def changes_awaiting_review(user, limit=20):
    """{"changes", "count", "list_url"}: the changes awaiting review, oldest first (the first
    `limit`), how many there are, and the review list's address for a `user` who may decide
    (else None)."""
    waiting = PendingChange.objects.filter(status=PendingChange.Status.PENDING).select_related("author")
    list_url = reverse("admin:kneesite_pendingchange_changelist") if review.can_approve(user) else None
    return {
        "changes": list(waiting.order_by("updated_at")[:limit]),
        "count": waiting.count(),
        "list_url": list_url,
    }


@register.simple_tag
def changes_sent_back_to(user):
    """`user`'s own changes a reviewer sent back, newest first, with the reviewer: the author
    sees them and the comments on the admin home, not only in an e-mail."""
    sent_back = PendingChange.objects.filter(author=user, status=PendingChange.Status.SENT_BACK)
    return list(sent_back.select_related("reviewer", "content_type").order_by("-decided_at"))
