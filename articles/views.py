"""Guide and exercise pages, and the self-check.

Related items are prefetched into plain lists named `shown_*` (Prefetch's to_attr): what the
reader may see, and about a third faster to build than a queryset on every object."""

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from kneesite.cache import ALL, reads_query, shared_data
from kneesite.readers import get_for_reader, is_anonymous, render_for_reader, visible_to

from .ics import week_calendar
from .models import Article, Exercise, Section
from .selfcheck import build_result, published_questions, self_care_waits, steps


@require_safe
def article_list(request):
    return render(request, "articles/article_list.html", {"articles": Article.objects.published()})


def _guides(request):
    """Guides with the sections, exercises and sources `request` may see (None: any reader)."""
    sections = visible_to(request, Section.objects.all()).prefetch_related(
        Prefetch(
            "exercises", queryset=visible_to(request, Exercise.objects.all()), to_attr="shown_exercises"
        ),
        Prefetch("sources", to_attr="shown_sources"),
    )
    return Article.objects.prefetch_related(Prefetch("sections", queryset=sections, to_attr="shown_sections"))


def load_live_guides():
    """{slug: guide} of every live guide as readers see it, in four queries: a guide is one page
    many readers share, so their copy lives with the content version (settings.SHARED_DATA)."""
    return {article.slug: article for article in _guides(None).published()}


@require_safe
def article_detail(request, slug):
    if is_anonymous(request):
        article = shared_data("guides").get(slug)
        if article is None:
            raise Http404("No live guide has this address")
    else:  # staff, who may see drafts, always load their own
        article = get_for_reader(request, _guides(request), slug=slug)
    return render_for_reader(request, "articles/article_detail.html", article, {"article": article})


@require_safe
def exercise_list(request):
    sections = (
        Section.objects.published()
        .select_related("article")
        .prefetch_related(
            Prefetch("exercises", queryset=Exercise.objects.published(), to_attr="shown_exercises")
        )
    )
    return render(request, "articles/exercise_list.html", {"sections": sections})


@require_safe
def exercise_detail(request, slug):
    exercise = get_for_reader(
        request,
        Exercise.objects.select_related("section__article").prefetch_related(
            Prefetch("sources", to_attr="shown_sources")
        ),
        slug=slug,
    )
    return render_for_reader(request, "articles/exercise_detail.html", exercise, {"exercise": exercise})


def _answered_step(request, questions):
    """Check each step's answers in the URL in turn, for the steps a reader has passed. Returns
    (the first step with errors and its bound form, or None; the choices made so far)."""
    chosen = []
    for step in steps(questions):
        form = step.form(request.GET, bound=True)
        if not form.is_valid():
            return step, form, chosen
        chosen += form.chosen()
        if self_care_waits(chosen):
            break  # no other question is asked
    return None, None, chosen


def _to_result(request):
    """The result page for the answers in this URL (it shows what is missing, if anything)."""
    return redirect(f"{reverse('articles:self_check_result')}?{request.GET.urlencode()}")


def _render_step(request, step, form, questions):
    """A page of questions. Answers to the other steps' questions ride along as hidden inputs,
    so going back to change one answer keeps all the others."""
    own = {question.slug for question in step.questions}
    carried = [
        (question.slug, value)
        for question in questions
        if question.slug not in own
        for value in request.GET.getlist(question.slug)[:20]
    ]
    all_steps = steps(questions)
    number = all_steps.index(step) + 1
    is_last = number == len(all_steps)
    context = {
        "form": form,
        "step": step,
        "number": number,
        "count": len(all_steps),
        "carried": carried,
        "action": reverse("articles:self_check_result" if is_last else "articles:self_check_questions"),
        "back_url": None
        if number == 1
        else f"{reverse(all_steps[number - 2].url_name)}?{request.GET.urlencode()}",
    }
    return render(request, "articles/self_check_form.html", context)


@require_safe
@reads_query(ALL)  # the answers, carried along in its links
def self_check(request):
    """Step 1: the warning signs, on their own (with a reader's earlier answers ticked)."""
    questions = published_questions()
    all_steps = steps(questions)
    if not all_steps:
        return render(request, "articles/self_check_form.html", {"form": None})
    first = all_steps[0]
    return _render_step(request, first, first.form(request.GET, bound=False), questions)


@require_safe
@reads_query(ALL)
def self_check_questions(request):
    """Step 2, once the warning signs are answered: a sign that makes self-care wait goes
    straight to the result; errors on step 1 send the reader back to it."""
    questions = published_questions()
    all_steps = steps(questions)
    step, form, chosen = _answered_step(request, [q for q in questions if q.is_warning_step])
    if step:
        return _render_step(request, step, form, questions)
    questions_step = next((s for s in all_steps if s.url_name == "articles:self_check_questions"), None)
    if self_care_waits(chosen) or questions_step is None:
        return _to_result(request)
    return _render_step(request, questions_step, questions_step.form(request.GET, bound=False), questions)


@require_safe
@reads_query(ALL)
def self_check_result(request):
    """The result of every answer in the URL, or the first step that needs an answer."""
    questions = published_questions()
    step, form, chosen = _answered_step(request, questions)
    if step:
        return _render_step(request, step, form, questions)
    result = build_result(chosen, questions)
    query = request.GET.urlencode()
    return render(request, "articles/self_check_result.html", {"result": result, "query": query})


@require_safe
@reads_query(ALL)
def self_check_calendar(request):
    """The result's week as an iCalendar file; without a plan, the result page explains why."""
    questions = published_questions()
    step, _, chosen = _answered_step(request, questions)
    result = None if step else build_result(chosen, questions)
    if result is None or result.self_care_waits:
        return _to_result(request)
    response = HttpResponse(week_calendar(result, request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="knee-plan.ics"'
    return response
