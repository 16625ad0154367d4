"""Caching: everything kneesite keeps between requests, under what key, and what ends it.

Readers get pages as fast as static files and never a stale one. Read top to bottom:

1. **The content version** (`content_state()`), key `kneesite:content-state` in the
   "content-state" cache, which every worker of a server shares (files under DJANGO_CACHE_DIR,
   or Redis). Everything else cached belongs to one version. It ends when a model of
   `settings.CONTENT_APPS` is saved, deleted or has its links changed (by the admin, a restore
   or a migration: the signals `watch_content()` connects), and when the next scheduled
   publication time comes due. The next request, on any worker or app server, starts a new one.
2. **Data several pages share** (`shared_data(name)`), each declared once in
   `settings.SHARED_DATA` (name: the function that loads it). The first request of a version
   that needs it loads it, and the process keeps the objects for that version. A request that
   changed content (an author's save) loads all of it again for the new version before it
   answers, and leaves a copy under `kneesite:data:<build id>:<name>` in "content-state",
   where the other workers and app servers read it: the first reader after an edit waits for
   no query.
3. **Public pages** (`PublicPageCacheMiddleware`, the first middleware), key
   `kneesite:page:<build id>:<content version>:<hash of the URL>` in the "default" cache (each
   worker's memory, or Redis), for an hour at most. Only anonymous GET and HEAD requests are
   served from it or stored in it: a request with a session cookie (staff, previews) always
   goes through the views. Only HTML 200 responses that set no cookie, do not vary on cookies
   and set no Cache-Control of their own (previews do) are stored, so a cached page never holds
   a CSRF token, a session or another reader's answers (answers live in the URL). A hit is
   answered with the headers the other middleware added when it was stored (security, CSP),
   as a 304 when the reader already has it, and nothing else runs. Outside Django, browsers
   revalidate every time and nginx keeps a page `settings.PAGE_MAX_AGE` seconds
   (`Cache-Control: public, max-age=0, s-maxage=…`, with an ETag and Last-Modified).
4. **The build id** (`build_id()`) in every key but the version's: a hash of the project's code,
   templates, static files' names and the settings pages carry in their headers. Pages and
   data cached by an earlier deploy (in Redis or the files, which outlive a restart) are never
   used by this one.
"""

import functools
import hashlib
import logging
import threading
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date
from django.utils.module_loading import import_string

from kneesite.publishing import Publishable
from kneesite.readers import is_anonymous

logger = logging.getLogger(__name__)

STATE_KEY = "kneesite:content-state"
PAGE_TIMEOUT = 60 * 60  # seconds a page or a shared copy is kept; a new version replaces it sooner

# ---------------------------------------------------------------------------------------------
# 1. The content version


def content_state():
    """{"version": str, "changed_at": datetime, "next_due": datetime or None}: the current
    content version, when it began, and when the next scheduled item goes live (it ends then)."""
    state = caches["content-state"].get(STATE_KEY)
    now = timezone.now()
    if state is None or (state["next_due"] and now >= state["next_due"]):
        state = {"version": uuid.uuid4().hex, "changed_at": now, "next_due": _next_scheduled(now)}
        caches["content-state"].set(STATE_KEY, state, None)
    return state


def end_content_version(**kwargs):
    """Everything cached is stale from now on: the next request starts a new version."""
    caches["content-state"].delete(STATE_KEY)


def watch_content():
    """Connect the signals that end the content version (once, from KneesiteConfig.ready)."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_content_changed, dispatch_uid="kneesite-content-changed")
    post_migrate.connect(end_content_version, dispatch_uid="kneesite-content-changed")


# What the current request has done: changed content, or is preparing data for readers.
_this_request = threading.local()


def _content_changed(sender, **kwargs):
    """End the version now, and again once the transaction commits (so no page rendered
    before the commit is kept); after the request, the shared data is loaded again."""
    if sender._meta.app_label in settings.CONTENT_APPS:
        end_content_version()
        transaction.on_commit(end_content_version)
        _this_request.changed_content = True


def _next_scheduled(now):
    """The earliest publication time still to come, across all publishable content (one query)."""
    upcoming = [
        model.objects.filter(pub_date__gt=now).values_list("pub_date", flat=True).order_by()
        for model in apps.get_models()
        if issubclass(model, Publishable)
    ]
    return upcoming[0].union(*upcoming[1:]).order_by("pub_date").first()


# ---------------------------------------------------------------------------------------------
# 2. Data several pages share

_shared = (None, {})  # (content version, {name: value}) in this process: replaced whole, never edited


def shared_data(name):
    """The data `name` of settings.SHARED_DATA for the current content version: the same objects
    for every request in this process until the version ends, so callers must not change them.
    KeyError for a name not declared there."""
    global _shared
    version = content_state()["version"]
    if _shared[0] != version:
        _shared = (version, {})
    values = _shared[1]
    if name not in values:
        stored_version, value = caches["content-state"].get(_data_key(name)) or (None, None)
        if stored_version != version:
            value = import_string(settings.SHARED_DATA[name])()
        values[name] = value
    return values[name]


def forget_shared_data():
    """Drop this process's copies, as a newly started worker has none (benchmarks and tests)."""
    global _shared
    _shared = (None, {})


def _prepare_for_readers():
    """Load every shared datum for the new version and leave a copy for the other workers. A
    failure only means a reader will load that datum instead."""
    version = content_state()["version"]
    for name in settings.SHARED_DATA:
        try:
            value = shared_data(name)
        except Exception:
            logger.exception("Could not prepare %s after a content change", name)
        else:
            caches["content-state"].set(_data_key(name), (version, value), PAGE_TIMEOUT)


def _data_key(name):
    # One entry a name, holding its version: replaced in place, so the store stays small.
    return f"kneesite:data:{build_id()}:{name}"


# ---------------------------------------------------------------------------------------------
# 3. Public pages

# Conditional request headers: a page is rendered and stored whole even when the reader revalidates.
VALIDATORS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE")


class PublicPageCacheMiddleware:
    """Serves anonymous GET and HEAD requests for public pages from the page cache, under a key of
    the URL and the current content version, so any edit or publication time passing ends every
    stored page at once. A stored page is answered whole or as a 304 (ETag, Last-Modified); a
    fresh one is stored only if it may be (`_may_store`). Other requests (an author's save) pass
    through, and once they change content the new version's shared data is prepared at once."""

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
        response = caches["default"].get(key)
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
        # Browsers revalidate every time (a cheap 304); shared caches (nginx) may reuse a page
        # PAGE_MAX_AGE seconds, so an edit reaches every reader within that time.
        patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PAGE_MAX_AGE)
        response["Last-Modified"] = http_date(state["changed_at"].timestamp())
        set_response_etag(response)
        caches["default"].set(key, response, PAGE_TIMEOUT)
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
        return f"kneesite:page:{build_id()}:{version}:{hashlib.sha256(url.encode()).hexdigest()}"


# ---------------------------------------------------------------------------------------------
# 4. The build id

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


@functools.cache
def build_id():
    """12 hex digits that change with a deploy: the code and templates of the project's own apps
    (the installed apps in folders of BASE_DIR), the templates folders, the static files'
    manifest and the settings pages carry in their headers. Computed once per process."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR).resolve()
    code = [path for config in apps.get_app_configs() if (path := Path(config.path).resolve()).parent == base]
    templates = [Path(directory) for config in settings.TEMPLATES for directory in config["DIRS"]]
    files = [
        path for root in [*code, *templates] for pattern in ("*.py", "*.html") for path in root.rglob(pattern)
    ]
    for path in sorted(files):
        digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        digest.update(manifest.read_bytes())
    digest.update(repr([getattr(settings, name, None) for name in HEADER_SETTINGS]).encode())
    return digest.hexdigest()[:12]
