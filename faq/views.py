"""FAQ pages. What an answer points to goes into `shown_*` lists, as in articles/views.py."""

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render

from articles.guide_items import in_guide_order, links, live_guide_items
from kneesite.cache import reads_query
from kneesite.readers import get_for_reader, read_only, render_for_reader
from kneesite.review import with_changes_awaiting_review

from .models import Entry

ENTRIES_PER_PAGE = 50


@read_only
@reads_query("page")
def entry_list(request):
    """The FAQ, 50 questions a page: ?page=N; a page that does not exist is a 404."""
    paginator = Paginator(Entry.objects.published().only("question", "slug"), ENTRIES_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except InvalidPage as error:
        raise Http404("No such page of questions") from error
    return render(request, "faq/entry_list.html", {"entries": page.object_list, "page": page})


@read_only
@reads_query()  # none: made-up parameters share its one cached page
def entry_detail(request, slug):
    entry = get_for_reader(
        request, Entry.objects.prefetch_related(Prefetch("sources", to_attr="shown_sources")), slug=slug
    )
    [entry] = with_changes_awaiting_review(request, [entry])

    # What the answer points to, if live: from the guide's items shared by the content version.
    linked = links(Entry, ("related_sections", "related_exercises"), owners=[entry.pk])
    guide = live_guide_items()
    entry.shown_sections = in_guide_order({pk for _, pk in linked["related_sections"]}, guide.sections)
    entry.shown_exercises = in_guide_order({pk for _, pk in linked["related_exercises"]}, guide.exercises)
    return render_for_reader(request, "faq/entry_detail.html", entry, {"entry": entry})
