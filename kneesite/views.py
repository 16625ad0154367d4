from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.static import serve

from articles.models import Article
from faq.models import Entry
from kneesite import recent_changes as changes
from kneesite import search
from kneesite.cache import reads_query

RECENT_CHANGES = 100


@require_safe
def home(request):
    return render(
        request,
        "home.html",
        {
            "guide": Article.objects.published().first(),
            "faq_entries": Entry.objects.published()[:4],
        },
    )


@require_safe
@reads_query("q")
def search_page(request):
    """/search/?q=: results over the guide, exercises and FAQ; any query is safe to send."""
    query = request.GET.get("q", "")[: search.MAX_QUERY_LENGTH].strip()
    results = search.search(query) if query else []
    return render(request, "search.html", {"query": query, "results": results})


@require_safe
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


@require_safe
def robots_txt(request):
    """Index the guide, exercises and FAQ; keep the admin and self-check answers out."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /self-check/questions/",
        "Disallow: /self-check/result/",
        "Disallow: /self-check/week.ics",
        "Disallow: /search/",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def media_file(request, path):
    """Uploaded images under `make run` (local use only: in production the proxy serves them)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: the page must render even when the database is what failed.
    return HttpResponseServerError(loader.render_to_string("500.html"))
