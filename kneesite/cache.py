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
   `kneesite:page:<build id>:<content version>:<hash of the URL>` (plus `:gzip` for the
   compressed copy; the URL holds only the query parameters its view reads) in the "default"
   cache (each worker's memory, or Redis), for an hour at most. Only anonymous GET and HEAD requests are
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

Around all of it:

- **Tracking parameters** (`TRACKING_PARAMETERS`: `utm_*`, `fbclid`, `gclid`...) are taken out
  of every request's query string before anything reads it, so they never change what is
  served or cached. So are the parameters a view does not declare it reads (`reads_query`),
  and the page key keeps only those it reads: made-up parameters cannot fill the cache, and
  the view never sees a parameter its key leaves out.
- **Compression**: a stored page keeps its gzip body beside the plain one, made once; a hit
  sends whichever the reader accepts (`Vary: Accept-Encoding`). Pages not stored are compressed
  on the way out unless they carry a CSRF token (the admin's forms: BREACH).
- **Failures** (`_use_cache`): every cache access goes through one guard. A cache that fails
  (Redis down, hung or full, a cache directory that cannot be written) is logged once and left
  alone for `RETRY_AFTER` seconds: pages are rendered from the database, uncached, and saves work.
"""

import contextlib
import functools
import gzip
import hashlib
import logging
import os
import re
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import unquote_plus

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.core.exceptions import DisallowedHost
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date, parse_http_date_safe
from django.utils.module_loading import import_string

from kneesite.publishing import Publishable
from kneesite.readers import is_anonymous

logger = logging.getLogger(__name__)

STATE_KEY = "kneesite:content-state"
PAGE_TIMEOUT = 60 * 60  # seconds a page or a shared copy is kept; a new version replaces it sooner
RETRY_AFTER = 5  # seconds a failed cache is left alone (pages are rendered uncached meanwhile)
LOG_EVERY = 60  # seconds: a cache that keeps failing is logged at most this often

# ---------------------------------------------------------------------------------------------
# 0. Every cache access goes through this guard

_UNAVAILABLE = object()
_failed_until = {}  # cache location -> time.monotonic() until which it is not tried again
_logged_at = {}  # cache location -> time.monotonic() of its last failure logged


def _use_cache(alias, method, *args, default=_UNAVAILABLE):
    """caches[alias].<method>(*args), or `default` when that cache is failing: an error (Redis
    down, hung past its timeout, full; a directory that cannot be written) is logged (once a
    minute at most), and the cache is left alone for RETRY_AFTER seconds, so requests do not
    wait for it one after another."""
    location = str(settings.CACHES[alias].get("LOCATION", alias))
    if _failed_until.get(location, 0) > time.monotonic():
        return default
    try:
        cache = caches[alias]  # a file cache creates its directory here
        # A directory that cannot be written is not used at all, not even read: a version that
        # cannot end would keep every worker's pages stale after an edit.
        if isinstance(cache, FileBasedCache) and not _writable(cache._dir):
            raise PermissionError(f"cannot write to the cache directory {cache._dir}")
        result = getattr(cache, method)(*args)
    except Exception as error:
        now = time.monotonic()
        if now - _logged_at.get(location, -LOG_EVERY) >= LOG_EVERY:
            _logged_at[location] = now
            logger.warning(
                "Cache %r failed (%s: %s): pages are served uncached; it is tried again every %s s",
                alias,
                type(error).__name__,
                error,
                RETRY_AFTER,
            )
        _failed_until[location] = now + RETRY_AFTER
        return default
    return result


class FileCache(FileBasedCache):
    """Django's file cache (the content version without Redis), but one whose directory cannot
    be created still starts: the guard above passes it by, and a start-up check warns."""

    def _createdir(self):
        with contextlib.suppress(OSError):  # every write fails then, and _use_cache says so once
            super()._createdir()


def _writable(directory):
    """True when files can be created in `directory` (or in the folder that would hold it)."""
    if os.access(directory, os.W_OK):
        return True  # one system call, on every request that uses the file cache
    path = Path(directory)
    while not path.exists() and path != path.parent:
        path = path.parent
    return path.is_dir() and os.access(path, os.W_OK)


# ---------------------------------------------------------------------------------------------
# 1. The content version


def content_state():
    """{"version": str, "changed_at": datetime, "next_due": datetime or None}: the current
    content version, when it began, and when the next scheduled item goes live (it ends then).
    None while the content-version store is failing: then nothing may be cached or reused."""
    state = _use_cache("content-state", "get", STATE_KEY)
    if state is _UNAVAILABLE:
        return None
    now = timezone.now()
    if state is None or (state["next_due"] and now >= state["next_due"]):
        state = {"version": uuid.uuid4().hex, "changed_at": now, "next_due": _next_scheduled(now)}
        if _use_cache("content-state", "set", STATE_KEY, state, None) is _UNAVAILABLE:
            return None  # a version no other worker knows of would never end for them
    return state


def end_content_version(**kwargs):
    """Everything cached is stale from now on: the next request starts a new version."""
    _use_cache("content-state", "delete", STATE_KEY)


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
    """The earliest publication time still to come, across all publishable content (one query;
    None when nothing is scheduled)."""
    sql, field, count = _next_scheduled_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [field.get_db_prep_value(now, connection)] * count)
        value = cursor.fetchone()[0]
    column = field.cached_col  # read back as the ORM does (SQLite keeps a time as text, in UTC)
    for convert in [*connection.ops.get_db_converters(column), *field.get_db_converters(connection)]:
        value = convert(value, column, connection)
    return value


@functools.cache
def _next_scheduled_sql():
    """(SQL, the pub_date field, how many times it takes the time) of that query, built once per
    process: `SELECT MIN(pub_date) FROM (SELECT pub_date FROM <table> WHERE pub_date > %s UNION
    ALL ...)` over every publishable model's table. Built with the ORM (a union of querysets) it
    took about 1.4 ms a time, 30 times as long as running it, on every start of a version."""
    models = [model for model in apps.get_models() if issubclass(model, Publishable)]
    quote = connection.ops.quote_name
    parts = []
    for model in models:
        column = quote(model._meta.get_field("pub_date").column)
        parts.append(f"SELECT {column} AS pub_date FROM {quote(model._meta.db_table)} WHERE {column} > %s")
    sql = f"SELECT MIN(pub_date) FROM ({' UNION ALL '.join(parts)}) AS upcoming"
    return sql, models[0]._meta.get_field("pub_date"), len(models)


# ---------------------------------------------------------------------------------------------
# 2. Data several pages share

_shared = (None, {})  # (content version, {name: value}) in this process: replaced whole, never edited


def shared_data(name):
    """The data `name` of settings.SHARED_DATA for the current content version: the same objects
    for every request in this process until the version ends, so callers must not change them.
    KeyError for a name not declared there."""
    global _shared
    # A reader's page is built from the version its request began with (the page cache's).
    state = getattr(_this_request, "state", None) or content_state()
    if state is None:  # no version to keep it for: loaded for this caller alone
        return import_string(settings.SHARED_DATA[name])()
    version = state["version"]
    if _shared[0] != version:
        _shared = (version, {})
    values = _shared[1]
    if name not in values:
        stored = _use_cache("content-state", "get", _data_key(name), default=None)
        stored_version, value = stored or (None, None)
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
    state = content_state()
    if state is None:
        return
    version = state["version"]
    for name in settings.SHARED_DATA:
        try:
            value = shared_data(name)
        except Exception:
            logger.exception("Could not prepare %s after a content change", name)
        else:
            _use_cache("content-state", "set", _data_key(name), (version, value), PAGE_TIMEOUT)


def _data_key(name):
    # One entry a name, holding its version: replaced in place, so the store stays small.
    return f"kneesite:data:{build_id()}:{name}"


# ---------------------------------------------------------------------------------------------
# 3. Public pages

# Parameters that say where a link was shared (for analytics), never what to show: taken out of
# every request before anything reads them. Names starting with "utm_" too.
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",  # Facebook
        "gclid", "gbraid", "wbraid", "dclid", "_gl", "_ga",  # Google Ads, Analytics
        "msclkid",  # Microsoft Ads
        "mc_cid", "mc_eid",  # Mailchimp
        "igshid",  # Instagram
        "yclid",  # Yandex
        "twclid", "ref_src", "ref_url",  # X (Twitter)
        "ttclid",  # TikTok
        "li_fat_id",  # LinkedIn
        "_hsenc", "_hsmi",  # HubSpot
        "mkt_tok",  # Marketo
    }
)  # fmt: skip
TRACKING_PREFIX = "utm_"

# A page's view reads these query parameters: `@reads_query("page")`, or every one (ALL).
ALL = "*"


def reads_query(*names):
    """Declare the query parameters a view reads (none: `@reads_query()`), or one callable that
    returns their names (an iterable of str) when they depend on content (the self-check's
    question slugs). Other parameters are taken out of the request before the view sees it, so
    its pages are cached per value of these alone and made-up parameters cannot fill the cache;
    a name left out is never read, so a wrong declaration can never serve a page made for other
    answers. A view without it gets and is cached per the whole query string (tracking
    parameters aside): a view that forgets to declare costs cache space, never a wrong page."""

    def declare(view):
        if len(names) == 1 and callable(names[0]):
            view.query_parameters = names[0]
        else:
            view.query_parameters = ALL if ALL in names else frozenset(names)
        return view

    return declare


def clean_query(request):
    """Take the tracking parameters, and those the request's view does not read (`reads_query`),
    out of the request's query string (request.GET follows). The query without the tracking
    parameters alone stays as `request.query_as_sent`, for an old address's redirect."""
    query = request.META.get("QUERY_STRING", "")
    if query:
        named = ((part, _name(part)) for part in query.split("&") if part)
        sent = [(part, name) for part, name in named if not _is_tracking(name)]
        request.query_as_sent = "&".join(part for part, _ in sent)
        reads = _parameters_read(settings.ROOT_URLCONF, request.path_info)
        kept = "&".join(part for part, name in sent if reads == ALL or name in reads)
        if kept != query:
            request.META["QUERY_STRING"] = kept
            request.__dict__.pop("GET", None)  # parsed again, from the cleaned string


def _name(part):
    return unquote_plus(part.partition("=")[0])


def _is_tracking(name):
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIX)


def _parameters_read(urlconf, path):
    """The query parameters (a frozenset of names, or ALL) the view of `path` declared with
    reads_query: ALL when it declared none, or for a 404 (an old address's redirect keeps them)."""
    declared = _declaration(urlconf, path)
    return frozenset(declared()) if callable(declared) else declared


@functools.lru_cache(maxsize=1024)
def _declaration(urlconf, path):
    try:
        view = resolve(path, urlconf).func
    except Resolver404:
        return ALL
    return getattr(view, "query_parameters", ALL)


# Compression: what is worth it, and who may get it.
COMPRESSIBLE = ("text/", "application/xml", "application/json", "application/javascript")
MIN_COMPRESSED_LENGTH = 200  # bytes: below this gzip's own header outweighs the saving
# zlib's level 5 makes a page about 1% bigger than its slowest level (9, gzip's default) in about
# two thirds of the time (the guide: 14,634 bytes in 1.0 ms against 14,469 in 1.4 ms). Levels 4
# and below search less and cost 4% or more in size, paid on every request for the page, where
# the time is paid once a page a content version.
GZIP_LEVEL = 5
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _accepts_gzip(request):
    return bool(_ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def _gzipped(response):
    """A copy of `response` with its body gzip-compressed and its ETag weakened, as Django's
    GZipMiddleware does: the two bodies are one page (If-None-Match matches either)."""
    zipped = HttpResponse(
        gzip.compress(response.content, compresslevel=GZIP_LEVEL, mtime=0), status=response.status_code
    )
    for name, value in response.items():
        zipped[name] = value
    zipped.cookies = response.cookies
    zipped._has_been_logged = getattr(response, "_has_been_logged", False)  # a 404 or 503: once
    zipped["Content-Encoding"] = "gzip"
    zipped["Content-Length"] = str(len(zipped.content))
    if (etag := response.get("ETag", "")) and not etag.startswith("W/"):
        zipped["ETag"] = f"W/{etag}"
    return zipped


def compressed_for(request, response):
    """`response`, gzip-compressed when the reader accepts it and it is text worth compressing,
    with `Vary: Accept-Encoding`. BREACH: a page with a secret an attacker could guess at from
    its compressed size (a CSRF token; anything in the admin) is never compressed."""
    if (
        response.streaming
        or response.has_header("Content-Encoding")
        or not response.get("Content-Type", "").startswith(COMPRESSIBLE)
        or len(response.content) < MIN_COMPRESSED_LENGTH
        or settings.CSRF_COOKIE_NAME in response.cookies  # a CSRF token was rendered
        or request.path.startswith(("/admin/", "/markdownx/"))
    ):
        return response
    patch_vary_headers(response, ("Accept-Encoding",))
    return _gzipped(response) if _accepts_gzip(request) else response


class ConditionalGetForHeadToo(ConditionalGetMiddleware):
    """Django's ETag and 304s for responses the page cache does not keep (the sitemap, robots.txt,
    a week's .ics, a 404), for HEAD as for GET. Django skips HEAD, taking its body to be empty;
    here a view renders HEAD in full like GET (the server drops the body), so both get one ETag."""

    def process_response(self, request, response):
        if request.method != "HEAD":
            return super().process_response(request, response)
        request.method = "GET"
        try:
            return super().process_response(request, response)
        finally:
            request.method = "HEAD"


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
        may_use_cache = self._may_use_cache(request)
        # Read once, before clean_query: the self-check's parameters (its question slugs) and
        # the page both come from this version.
        state = content_state() if may_use_cache else None
        _this_request.state = state  # what shared_data reads until the response is made
        try:
            clean_query(request)
            response = self._serve(request, may_use_cache, state)
        finally:
            _this_request.state = None
        if request.META.get("QUERY_STRING", "") != getattr(request, "query_as_sent", ""):
            # Parameters the page does not read: nginx keeps no copy under this address (the
            # zero disables caching this response, and nginx passes the header on to nobody),
            # so made-up ones cannot fill its cache either. This process's copy serves them.
            response["X-Accel-Expires"] = "0"
        return response

    def _serve(self, request, may_use_cache, state):
        if state is None:
            # An author's save, for instance: once it has committed, the shared data of the new
            # content version is loaded here, while the author waits a few milliseconds more.
            _this_request.changed_content = False
            response = self.get_response(request)
            if _this_request.changed_content:
                _prepare_for_readers()
            if may_use_cache and self._may_store(response):
                # The content-version store is failing: nothing is kept here, but nginx may
                # keep the page as usual, and take the load off the database.
                self._add_caching_headers(response, state)
            return compressed_for(request, response)
        try:
            key = self._key(request, state["version"])
        except DisallowedHost:
            return self.get_response(request)  # the 400 page, with the security headers
        # Each page is stored twice, plain and compressed: a hit costs no compression.
        gzip_key = f"{key}:gzip"
        response = _use_cache("default", "get", gzip_key if _accepts_gzip(request) else key, default=None)
        if response is not None:
            return self._answer(request, response)
        # Rendered and stored whole even when the reader revalidates (an unchanged page after
        # someone else's edit): ConditionalGetMiddleware would turn it into a bare 304.
        validators = {name: request.META.pop(name) for name in VALIDATORS if name in request.META}
        response = self.get_response(request)
        request.META.update(validators)
        if not self._may_store(response):
            return compressed_for(request, self._answer(request, response))  # the sitemap, a 404...
        self._add_caching_headers(response, state)
        zipped = _gzipped(response)
        _use_cache("default", "set_many", {key: response, gzip_key: zipped}, PAGE_TIMEOUT)
        return self._answer(request, zipped if _accepts_gzip(request) else response)

    @staticmethod
    def _add_caching_headers(response, state):
        """Browsers revalidate every time (a cheap 304); shared caches (nginx) may reuse a page
        PAGE_MAX_AGE seconds, so an edit reaches every reader within that time. Last-Modified
        is when the content version began (none while its store is failing)."""
        patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PAGE_MAX_AGE)
        patch_vary_headers(response, ("Accept-Encoding",))
        if state:
            response["Last-Modified"] = http_date(state["changed_at"].timestamp())
        set_response_etag(response)

    @staticmethod
    def _answer(request, response):
        """`response`, or a 304 when the reader's copy is this one (by its ETag or Last-Modified;
        a GET or a HEAD, 2xx responses only)."""
        if not any(name in request.META for name in VALIDATORS):
            return response  # the reader has no copy to compare (most requests)
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
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
    def _may_store(response):
        # A HEAD request is rendered with its body, as a GET is (the server drops the body): it
        # is stored the same way, so HEAD carries GET's ETag, Last-Modified and Cache-Control.
        return (
            response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not response.has_header("Content-Encoding")
            and not response.cookies
            and "cookie" not in response.get("Vary", "").lower()
            and not response.has_header("Cache-Control")  # never-cache pages (previews) set it
        )

    @staticmethod
    def _key(request, version):
        """The page's key: its address, with only the query parameters its view reads (the
        others are already out: clean_query)."""
        query = request.META.get("QUERY_STRING", "")
        url = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
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
