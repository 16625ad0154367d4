import logging
import re
import sys
import time

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.static import serve

from articles.models import Article
from faq.models import Entry
from kneesite import recent_changes as changes
from kneesite import search
from kneesite.address import absolute_url
from kneesite.cache import reads_query
from kneesite.readers import read_only

RECENT_CHANGES = 100
logger = logging.getLogger(__name__)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


@read_only
@reads_query()  # none: made-up parameters share its one cached page
def home(request):
    return render(
        request,
        "home.html",
        {
            "guide": Article.objects.published().first(),
            "faq_entries": Entry.objects.published()[:4],
        },
    )


@read_only
@reads_query("q")
def search_page(request):
    """/search/?q=: results over the guide, exercises and FAQ; any query is safe to send."""
    # Control characters (a NUL from "%00") are no words, and would be echoed into the page.
    query = CONTROL_CHARACTERS.sub("", request.GET.get("q", ""))[: search.MAX_QUERY_LENGTH].strip()
    results = search.search(query) if query else []
    return render(request, "search.html", {"query": query, "results": results})


@read_only
@staff_member_required
def recent_changes(request):
    """Every author's additions, changes, restores and deletions, newest first; `?author=<user
    name>` shows one author's (a name not in the list: everyone's, with an error beside the filter)."""
    form = changes.AuthorFilterForm(request.GET, authors=changes.authors())
    author = form.chosen_author()
    context = {
        **admin.site.each_context(request),
        "title": "Recent changes",
        "changes": changes.recent_changes(user=author, limit=RECENT_CHANGES),
        "form": form,
        "author": author,
        "limit": RECENT_CHANGES,
    }
    return render(request, "admin/recent_changes.html", context)


@read_only
@reads_query()  # none: made-up parameters share its one cached page
def robots_txt(request):
    """Index the guide, exercises and FAQ; keep the admin and the self-check's steps out.
    Self-check results and search pages are not disallowed: they say `noindex` themselves, and
    a crawler must fetch a page to read that (a disallowed address can still be listed)."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /self-check/questions/",
        "Disallow: /self-check/week.ics",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@read_only
def media_file(request, path):
    """Uploaded images under `make run` (local use only: in production the proxy serves them)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: the page must render even when the database is what failed.
    if isinstance(sys.exception(), DATABASE_DOWN):
        return service_unavailable(request)
    return HttpResponseServerError(loader.render_to_string("500.html"))


# The database cannot be reached (stopped, restarting, network gone): not a bug, so a 503.
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER = 30  # seconds: a restart of the database takes about this long
_outage_logged_at = None


def service_unavailable(request):
    """The 503 page (templates/503.html) with Retry-After, rendered without the database; a
    failed save says what happened and how to get the typed text back. The outage is logged
    once a minute at most, not for every request."""
    global _outage_logged_at
    now = time.monotonic()
    if _outage_logged_at is None or now - _outage_logged_at > 60:
        _outage_logged_at = now
        error = sys.exception()
        logger.error("The database is unavailable (%s: %s): answering 503", type(error).__name__, error)
    is_save = request.method not in ("GET", "HEAD")
    response = HttpResponse(loader.render_to_string("503.html", {"is_save": is_save}), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    add_never_cache_headers(response)
    response._has_been_logged = True  # by the line above, not by Django for every request
    return response
