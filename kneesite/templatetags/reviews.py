"""The admin home's “Reviews due” box: how many items of each kind are overdue for review."""

from django import template

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
def changes_awaiting_review(limit=20):
    """The changes awaiting review, oldest first (the first `limit`), and how many there are."""
    waiting = PendingChange.objects.filter(status=PendingChange.Status.PENDING).select_related("author")
    return {"changes": list(waiting.order_by("updated_at")[:limit]), "count": waiting.count()}
