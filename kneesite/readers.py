"""What a reader may see of the content, for views: drafts only for staff who may change them,
with a banner, and never from or into a cache. What makes an item live is declared on the
models (kneesite/publishing.py); this module only applies it to a request. Staff also see
changes awaiting review (kneesite/review.py), which this module does not need: the page cache
imports it, and the review flow replays the admin's pages."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe


def read_only(view):
    """A page readers only read: GET and HEAD (require_safe); any other method gets the 405 page
    with `Allow: GET, HEAD`. Exempt from the CSRF check, which would otherwise answer first with
    its "form expired" 403: the view takes no form and changes nothing, so there is nothing to
    forge."""
    return csrf_exempt(require_safe(view))


def is_anonymous(request):
    """True when the request carries no session: checked without reading the session, so an
    anonymous reader's page does not vary on cookies."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def visible_to(request, queryset):
    """Published content, or all of it for staff who may change it (to preview drafts).
    `request` None: what any reader sees."""
    model = queryset.model
    if (
        request is not None
        and not is_anonymous(request)
        and request.user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
    ):
        return queryset
    return queryset.published()


def get_for_reader(request, queryset, **lookup):
    """The object a reader asked for, or a 404: drafts only for staff who may change them (who
    also see its change awaiting review with kneesite/review.py's `with_changes_awaiting_review`)."""
    return get_object_or_404(visible_to(request, queryset), **lookup)


def render_for_reader(request, template_name, page_object, context=None):
    """Render a content page; a draft or a pending change shown to staff gets a banner. Pages
    for staff are never cached, since they may show drafts and changes awaiting review."""
    is_draft = not page_object.is_live
    context = {
        **(context or {}),
        "is_draft_preview": is_draft,
        "pending_change": getattr(page_object, "pending_change", None),
    }
    response = render(request, template_name, context)
    if is_draft or (not is_anonymous(request) and request.user.is_staff):
        add_never_cache_headers(response)
    return response
