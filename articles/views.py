from django.db.models import Prefetch
from django.shortcuts import render
from django.views.decorators.http import require_safe

from kneesite.publishing import get_for_reader, render_for_reader, visible_to

from .models import Article, Exercise, Question, Section
from .selfcheck import SelfCheckForm, build_result, published_questions


@require_safe
def article_list(request):
    return render(request, "articles/article_list.html", {"articles": Article.objects.published()})


@require_safe
def article_detail(request, slug):
    sections = visible_to(request, Section.objects.all()).prefetch_related(
        Prefetch("exercises", queryset=visible_to(request, Exercise.objects.all())),
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
    sections = (
        Section.objects.published()
        .select_related("article")
        .prefetch_related(Prefetch("exercises", queryset=Exercise.objects.published()))
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


@require_safe
def self_check(request):
    """The questionnaire and, once every question is answered, its result, at one URL built
    from the answers (so a result can be bookmarked and shared; nothing is stored)."""
    questions = list(published_questions())
    # "submitted" comes with every press of the button, so an empty form gets its errors too.
    answered = "submitted" in request.GET or any(question.slug in request.GET for question in questions)
    if not answered or "change" in request.GET:
        # "Change your answers": the form again, with the answers the reader gave ticked.
        initial = {
            q.slug: request.GET.getlist(q.slug)
            if q.kind == Question.Kind.MULTIPLE
            else request.GET.get(q.slug)
            for q in questions
        }
        form = SelfCheckForm(questions, initial=initial)
        return render(request, "articles/self_check_form.html", {"form": form})
    form = SelfCheckForm(questions, request.GET)
    if not form.is_valid():
        return render(request, "articles/self_check_form.html", {"form": form})
    return render(
        request,
        "articles/self_check_result.html",
        {"result": build_result(form), "change_url": f"?{request.GET.urlencode()}&change=1"},
    )
