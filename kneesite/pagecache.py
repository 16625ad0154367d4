"""Public pages for anonymous readers, served from Django's cache and never stale.

One mechanism, in one place:
- Every cached page is stored under the current *content version*. Any change to content
  (a save, delete or relation change of a model in `CONTENT_APPS`, by the admin, a restore or a
  data migration) starts a new version, so the very next request renders afresh, on every worker
  and app server. The version lives in the "content-state" cache, which every worker shares
  (files on this machine, or Redis); pages live in the "default" cache (each worker's memory,
  or Redis); data several pages share (`for_content_version`) in each process's memory, and
  what an author's save prepares for readers (`after_content_change`) in "content-state" too.
- The middleware comes first, so a hit is answered with the headers the other middleware
  added when the page was stored (security, CSP), and nothing else runs.
- The version also ends by itself when the next scheduled publication time comes due, so a
  scheduled item appears without anyone editing anything.
- Only anonymous GET and HEAD requests are served from or stored in the cache: a request with
  a session cookie (staff, previews, drafts) always goes through the views. Only HTML 200
  responses that set no cookie and do not vary on cookies are stored, so a cached page never
  carries a CSRF token, a session or another reader's answers (answers live in the URL, which
  is part of the key).
"""

import hashlib
import logging
import threading
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date

CONTENT_APPS = {"articles", "faq", "redirects", "sites"}
STATE_KEY = "kneesite:content-state"
VALIDATORS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE")
PAGE_TIMEOUT = 60 * 60  # a page's life in the cache; a new content version replaces it sooner
# Shared caches (nginx) may reuse a page this long; browsers revalidate every time (a cheap 304),
# so an edit reaches every reader within S_MAXAGE seconds.
S_MAXAGE = settings.PAGE_MAX_AGE

logger = logging.getLogger(__name__)


# Settings whose values a stored page carries in its headers (security, CSP, caching).
HEADER_SETTINGS = (
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_CSP",
    "X_FRAME_OPTIONS",
    "PAGE_MAX_AGE",
)


def _build_id():
    """What a deploy changes: the project's code, its templates, the static files' names and the
    settings pages carry in their headers. Pages and shared data cached by an earlier deploy are
    never used by this one (in Redis or the content-state files, which outlive a restart)."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    code = [base / app for app in ("kneesite", "articles", "faq")]
    templates = [Path(directory) for config in settings.TEMPLATES for directory in config["DIRS"]]
    files = [p for root in code for p in root.rglob("*.py")] + [
        p for root in templates for p in root.rglob("*.html")
    ]
    for path in sorted(files):
        digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        digest.update(manifest.read_bytes())
    digest.update(repr([getattr(settings, name, None) for name in HEADER_SETTINGS]).encode())
    return digest.hexdigest()[:12]


BUILD = _build_id()


def content_state():
    """{"version", "changed_at", "next_due"}: the current content version, when it began, and
    when the next scheduled item goes live (the version ends then)."""
    state = caches["content-state"].get(STATE_KEY)
    now = timezone.now()
    if state is None or (state["next_due"] and now >= state["next_due"]):
        state = {"version": uuid.uuid4().hex, "changed_at": now, "next_due": _next_scheduled(now)}
        caches["content-state"].set(STATE_KEY, state, None)
    return state


_shared_data = (None, {})  # (content version, {name: value}): replaced whole, never updated in place


def for_content_version(name, compute):
    """Data many pages share (e.g. the self-check's questions), computed once per content
    version and dropped with it: stale exactly when the pages are. Kept as objects in each
    process (a page that uses it unpickles nothing). What an author's save prepares
    (after_content_change) also goes to the "content-state" cache, so every other worker and
    app server reads it there instead of loading it. Callers must treat it as read-only."""
    global _shared_data
    version = content_state()["version"]
    data_version, values = _shared_data
    if data_version != version:
        values = {}
        _shared_data = (version, values)
    if name not in values:
        # One entry a name, holding its version: replaced in place, so the store stays small.
        key = f"kneesite:data:{BUILD}:{name}"
        stored_version, value = caches["content-state"].get(key) or (None, None)
        if stored_version != version:
            value = compute()
            if getattr(_this_request, "preparing", False):  # a reader does not wait to share it
                caches["content-state"].set(key, (version, value), PAGE_TIMEOUT)
        values[name] = value
    return values[name]


# What to load again as soon as a request has changed content (after_content_change), so the
# next reader, on any worker, finds it ready.
_preparers = []
_this_request = threading.local()


def after_content_change(prepare):
    """Register `prepare()`: it loads (through for_content_version) data readers' pages share."""
    _preparers.append(prepare)
    return prepare


def _prepare_for_readers():
    """Run every preparer once. A failure only means a reader will load the data instead."""
    _this_request.preparing = True
    try:
        for prepare in _preparers:
            try:
                prepare()
            except Exception:
                logger.exception("Could not prepare %s after a content change", prepare.__qualname__)
    finally:
        _this_request.preparing = False


def end_content_version(**kwargs):
    """Every cached page is stale from now on: the next request starts a new version."""
    caches["content-state"].delete(STATE_KEY)


def content_changed(sender, **kwargs):
    """Signal receiver for every content model: end the version now, and again once the
    transaction commits (so no page rendered before the commit is kept)."""
    if sender._meta.app_label in CONTENT_APPS:
        end_content_version()
        transaction.on_commit(end_content_version)
        _this_request.changed_content = True


def _next_scheduled(now):
    """The earliest publication time still to come, across all publishable content (one query)."""
    from kneesite.publishing import Publishable

    upcoming = [
        model.objects.filter(pub_date__gt=now).values_list("pub_date", flat=True).order_by()
        for model in apps.get_models()
        if issubclass(model, Publishable)
    ]
    return upcoming[0].union(*upcoming[1:]).order_by("pub_date").first()


def is_anonymous(request):
    """True when the request carries no session: checked without reading the session, so an
    anonymous reader's page does not vary on cookies."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_use_cache(request):
            # An author's save, for instance: once it has committed, the shared data of the new
            # content version is loaded here, while the author waits a few milliseconds more.
            _this_request.changed_content = False
            response = self.get_response(request)
            if _this_request.changed_content:
                _prepare_for_readers()
            return response
        state = content_state()
        try:
            key = self._key(request, state["version"])
        except DisallowedHost:
            return self.get_response(request)  # the 400 page, with the security headers
        response = cache.get(key)
        if response is not None:
            return self._answer(request, response, state)
        # Rendered and stored whole even when the reader revalidates (an unchanged page after
        # someone else's edit): ConditionalGetMiddleware would turn it into a bare 304.
        revalidating = [name for name in VALIDATORS if name in request.META and request.method == "GET"]
        validators = {name: request.META.pop(name) for name in revalidating}
        response = self.get_response(request)
        request.META.update(validators)
        if not self._may_store(request, response):
            return response
        patch_cache_control(response, public=True, max_age=0, s_maxage=S_MAXAGE)
        response["Last-Modified"] = http_date(state["changed_at"].timestamp())
        set_response_etag(response)
        cache.set(key, response, PAGE_TIMEOUT)
        return self._answer(request, response, state)

    @staticmethod
    def _answer(request, response, state):
        """The stored page, or a 304 when the reader's copy is this one."""
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=int(state["changed_at"].timestamp()),
            response=response,
        )

    @staticmethod
    def _may_use_cache(request):
        return (
            request.method in ("GET", "HEAD")
            and is_anonymous(request)
            and not request.path.startswith(
                ("/admin/", "/markdownx/", settings.STATIC_URL, settings.MEDIA_URL)
            )
        )

    @staticmethod
    def _may_store(request, response):
        return (
            request.method == "GET"
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not response.cookies
            and "cookie" not in response.get("Vary", "").lower()
            and not response.has_header("Cache-Control")  # never-cache pages (previews) set it
        )

    @staticmethod
    def _key(request, version):
        url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        return f"kneesite:page:{BUILD}:{version}:{hashlib.sha256(url.encode()).hexdigest()}"
