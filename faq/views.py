from django.db.models import Prefetch
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.models import Exercise, Section
from kneesite.publishing import get_for_reader, render_for_reader

from .models import Entry


@require_safe
def entry_list(request):
    return render(request, "faq/entry_list.html", {"entries": Entry.objects.published()})


@require_safe
def entry_detail(request, slug):
    entry = get_for_reader(
        request,
        Entry.objects.prefetch_related(
            "sources",
            Prefetch("related_sections", queryset=Section.objects.published().select_related("article")),
            Prefetch("related_exercises", queryset=Exercise.objects.published()),
        ),
        slug=slug,
    )
    return render_for_reader(request, "faq/entry_detail.html", entry, {"entry": entry})
