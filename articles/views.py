from django.db.models import Prefetch
from django.shortcuts import render
from django.views.decorators.http import require_safe

from kneesite.publishing import get_for_reader, render_for_reader

from .models import Article, Exercise, Section


@require_safe
def article_list(request):
    return render(request, "articles/article_list.html", {"articles": Article.objects.published()})


@require_safe
def article_detail(request, slug):
    sections = Section.objects.published().prefetch_related(
        Prefetch("exercises", queryset=Exercise.objects.published()),
        "sources",
    )
    article = get_for_reader(
        request,
        Article.objects.prefetch_related(Prefetch("sections", queryset=sections)),
        slug=slug,
    )
    return render_for_reader(request, "articles/article_detail.html", article, {"article": article})


@require_safe
def exercise_list(request):
    sections = Section.objects.published().filter(article__in=Article.objects.published())
    sections = sections.select_related("article").prefetch_related(
        Prefetch("exercises", queryset=Exercise.objects.published())
    )
    return render(request, "articles/exercise_list.html", {"sections": sections})


@require_safe
def exercise_detail(request, slug):
    exercise = get_for_reader(
        request,
        Exercise.objects.select_related("section__article").prefetch_related("sources"),
        slug=slug,
    )
    return render_for_reader(request, "articles/exercise_detail.html", exercise, {"exercise": exercise})
