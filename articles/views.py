"""Guide and exercise pages, and the self-check.

Related items are prefetched into plain lists named `shown_*` (Prefetch's to_attr): what the
reader may see, and about a third faster to build than a queryset on every object."""

import copy
import functools
from urllib.parse import urlencode

from django.db.models import F, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from kneesite.address import absolute_url
from kneesite.cache import reads_query, shared_data
from kneesite.readers import get_for_reader, is_anonymous, read_only, render_for_reader, visible_to
from kneesite.review import with_changes_awaiting_review

from .forms import CheckInForm
from .guide_items import live_guide_items
from .ics import week_calendar
from .models import Article, Exercise, Section, Source
from .programme import MAX_CHECKINS, Overall, decode, encode, replay
from .selfcheck import build_result, published_questions, red_flags_of, self_care_waits, steps
from .week import what_changed

CHECK_IN_FIELDS = (
    "check_in",  # the check-in form's hidden mark: an empty check-in is still one (its errors)
    "signs",
    "exercise_pain",
    "exercise_worse",
    "ran",
    "run_pain",
    "run_settled",
    "run_worse",
    "overall",
)


def self_check_parameters():
    """The query parameters the self-check and the programme read (names, str): the published
    questions' slugs, the week and its check-ins, and a check-in's answers."""
    return [question.slug for question in published_questions()] + [*PROGRAMME_PARAMS, *CHECK_IN_FIELDS]


@read_only
@reads_query()  # none: made-up parameters share its one cached page
def article_list(request):
    return render(request, "articles/article_list.html", {"articles": Article.objects.published()})


def _guides(request):
    """Guides with the sections, exercises and sources staff who may change them see (drafts too)."""
    sections = visible_to(request, Section.objects.all()).prefetch_related(
        Prefetch(
            "exercises", queryset=visible_to(request, Exercise.objects.all()), to_attr="shown_exercises"
        ),
        Prefetch("sources", to_attr="shown_sources"),
    )
    return Article.objects.prefetch_related(Prefetch("sections", queryset=sections, to_attr="shown_sections"))


def load_live_guides():
    """{slug: guide} of every live guide as readers see it, its page's body already rendered
    (`guide_html`): a guide is one page many readers share, so their copy lives with the content
    version (settings.SHARED_DATA), and each new URL or worker that shows it only fills in the
    page around it. Its live sections and exercises are those the pages share
    (articles/guide_items.py); two queries of its own: the guides, and the sections' sources."""
    items = live_guide_items()
    exercises = {}
    for exercise in items.exercises.values():
        exercises.setdefault(exercise.section_id, []).append(exercise)
    sources = {}
    # Each source once for every section citing it (its id beside it), in the sources' order.
    for source in Source.objects.annotate(section_id=F("sections")).filter(section_id__isnull=False):
        sources.setdefault(source.section_id, []).append(source)
    guides = {article.pk: article for article in Article.objects.published()}
    for guide in guides.values():
        guide.shown_sections = []
    for section in items.sections.values():
        if section.article_id in guides:  # else hidden since the items were loaded
            shown = copy.copy(section)  # the items stay as other pages share them
            shown.shown_exercises = exercises.get(section.pk, [])
            shown.shown_sources = sources.get(section.pk, [])
            guides[section.article_id].shown_sections.append(shown)
    for guide in guides.values():
        guide.guide_html = _guide_html(guide)
        del guide.shown_sections  # in its HTML now: the copy the other workers read stays small
    return {guide.slug: guide for guide in guides.values()}


def _guide_html(guide):
    """The guide's page body as HTML (a SafeString): its contents and each of
    `guide.shown_sections` with its exercises, sources and review dates."""
    return render_to_string("articles/includes/guide_body.html", {"article": guide})


@read_only
@reads_query()  # none: made-up parameters share its one cached page
def article_detail(request, slug):
    if is_anonymous(request):
        article = shared_data("guides").get(slug)
        if article is None:
            raise Http404("No live guide has this address")
    else:  # staff, who may see drafts and changes awaiting review, always load their own
        article = get_for_reader(request, _guides(request), slug=slug)
        [article] = with_changes_awaiting_review(request, [article])
        article.shown_sections = with_changes_awaiting_review(request, article.shown_sections)
        article.guide_html = _guide_html(article)
    return render_for_reader(request, "articles/article_detail.html", article, {"article": article})


@read_only
@reads_query()  # none: made-up parameters share its one cached page
def exercise_list(request):
    sections = (
        Section.objects.published()
        .select_related("article")
        .prefetch_related(
            Prefetch("exercises", queryset=Exercise.objects.published(), to_attr="shown_exercises")
        )
    )
    return render(request, "articles/exercise_list.html", {"sections": sections})


@read_only
@reads_query()  # none: made-up parameters share its one cached page
def exercise_detail(request, slug):
    exercise = get_for_reader(
        request,
        Exercise.objects.select_related("section__article").prefetch_related(
            Prefetch("sources", to_attr="shown_sources")
        ),
        slug=slug,
    )
    [exercise] = with_changes_awaiting_review(request, [exercise])
    return render_for_reader(request, "articles/exercise_detail.html", exercise, {"exercise": exercise})


def _answered_step(request, questions):
    """Check each step's answers in the URL in turn, for the steps a reader has passed. Returns
    (the first step with errors and its bound form, or None; the choices made so far)."""
    chosen = []
    for step in steps(questions):
        form = step.form(request.GET, bound=True)
        if not form.is_valid():
            # An answer that makes self-care wait (pain somewhere else) ends the check-in even
            # with the rest of its page unanswered: no squat test on a knee that needs a doctor.
            if self_care_waits(chosen + form.chosen()):
                return None, None, chosen + form.chosen()
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


@read_only
@reads_query(self_check_parameters)  # the answers, carried along in its links
def self_check(request):
    """Step 1: the warning signs, on their own (with a reader's earlier answers ticked)."""
    questions = published_questions()
    all_steps = steps(questions)
    if not all_steps:
        return render(request, "articles/self_check_form.html", {"form": None})
    first = all_steps[0]
    return _render_step(request, first, first.form(request.GET, bound=False), questions)


@read_only
@reads_query(self_check_parameters)
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


@read_only
@reads_query(self_check_parameters)
def self_check_result(request):
    """The result of every answer in the URL, or the first step that needs an answer."""
    questions = published_questions()
    step, form, chosen = _answered_step(request, questions)
    if step:
        return _render_step(request, step, form, questions)
    result = build_result(chosen, questions)
    query = request.GET.urlencode()
    return render(request, "articles/self_check_result.html", {"result": result, "query": query})


# The programme: the self-check's week 1, then a week per check-in (articles/programme.py).

PROGRAMME_PARAMS = ("w", "h")  # the week's number and the check-ins so far, one token a week


class ProgrammeError(Exception):
    """An address that holds no programme week (tampered, or from another site version):
    args are the errors (a list of str) and, when only the week's number was wrong, the week the
    address does hold as (its number, its address), else None."""


def _programme(request):
    """(result, programme, history) for the answers in the URL, where history is the check-in
    tokens joined by dots. Raises ProgrammeError; returns None when the self-check answers
    themselves need fixing (their pages say how) or hold no plan."""
    questions = published_questions()
    step, _, chosen = _answered_step(request, questions)
    if step or self_care_waits(chosen):
        return None
    result = build_result(chosen, questions)
    errors = []
    if any(len(request.GET.getlist(name)) > 1 for name in PROGRAMME_PARAMS):
        errors.append("The address gives the week or the check-ins more than once.")
    history = request.GET.get("h", "")
    tokens = history.split(".") if history else []
    try:
        checkins = [decode(token) for token in tokens]
    except ValueError:
        checkins = []
        errors.append("The address holds a check-in the site cannot read.")
    if len(tokens) > MAX_CHECKINS:
        errors.append(f"The programme has at most {MAX_CHECKINS} check-ins.")
    week = request.GET.get("w")
    held = None
    if week is not None and week != str(len(tokens) + 1):
        errors.append(f"There is no week {week[:10]} for these check-ins: this is week {len(tokens) + 1}.")
        held = (len(tokens) + 1, _week_url(request, history))
    if errors:
        raise ProgrammeError(errors, held if len(errors) == 1 else None)
    start, top = result.start()
    return result, replay(start, top, checkins), history


def _answers(request):
    """The self-check's answers in the URL, as (name, value) pairs, without the programme's."""
    own = {*PROGRAMME_PARAMS, *CHECK_IN_FIELDS}
    pairs = [(name, value) for name, values in request.GET.lists() if name not in own for value in values]
    return pairs[:100]  # a self-check has a dozen or so: the rest is tampering


def _week_query(request, history):
    pairs = _answers(request)
    if history:
        pairs += [("w", str(history.count(".") + 2)), ("h", history)]
    return urlencode(pairs)


def _week_url(request, history):
    """The address of the programme week the reader's answers and check-ins `history` lead to."""
    return f"{reverse('articles:programme_week')}?{_week_query(request, history)}"


def _with_programme(view):
    """Call `view(request, result, programme, history)` for the programme in the address; a
    tampered address gets the error page (400), answers that hold no plan their result page."""

    @functools.wraps(view)
    def with_programme(request):
        try:
            found = _programme(request)
        except ProgrammeError as error:
            return _programme_error(request, error)
        if found is None:
            return _to_result(request)
        return view(request, *found)

    return with_programme


def _programme_error(request, error):
    errors, held = error.args
    return render(request, "articles/programme_error.html", {"errors": errors, "held": held}, status=400)


def _check_in_form(request, data=None):
    """The check-in form, linking to the self-check's warning step with the reader's answers."""
    warning_step_url = f"{reverse('articles:self_check')}?{urlencode(_answers(request))}"
    return CheckInForm(_warning_choices(), data, warning_step_url=warning_step_url)


def _check_in_page(request, form, history):
    query = _week_query(request, history)
    context = {
        "form": form,
        "carried": [*_answers(request), *([("h", history)] if history else [])],
        "week_number": history.count(".") + 2 if history else 1,
        "query": query,  # this page's own answers, for its link preview
        "back_url": _week_url(request, history),
    }
    return render(request, "articles/check_in.html", context)


def _warning_choices():
    return [choice for q in published_questions() if q.is_warning_step for choice in q.live_choices]


@read_only
@reads_query(self_check_parameters)
@_with_programme
def self_check_calendar(request, result, programme, history):
    """A programme week (the result's first, without check-ins) as an iCalendar file; without a
    plan, the result page explains why."""
    if programme.current is None:
        return _to_result(request)
    week = result.programme_week(programme.current)
    identity = [*_answers(request), ("h", history)]
    calendar = week_calendar(
        result,
        week,
        programme.card,
        identity,
        absolute_url(_week_url(request, history)),
    )
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="knee-plan-week-{week.number}.ics"'
    return response


@read_only
@reads_query(self_check_parameters)
@_with_programme
def programme_check_in(request, result, programme, history):
    """The check-in after a week: warning signs, exercises, runs, overall."""
    if not programme.can_check_in:
        return redirect(_week_url(request, history))
    return _check_in_page(request, _check_in_form(request), history)


@read_only
@reads_query(self_check_parameters)
@_with_programme
def programme_week(request, result, programme, history):
    """A programme week; with a check-in's answers, the week they lead to (a redirect to its
    own address), or the care card after a warning sign."""
    if any(name in request.GET for name in CHECK_IN_FIELDS):
        form = _check_in_form(request, request.GET)
        if not form.is_valid():
            return _check_in_page(request, form, history)
        checkin, signs = form.cleaned()
        if checkin.warning:  # the care card, and no week: nothing goes into the address
            red_flags = red_flags_of(signs)
            week_url = _week_url(request, history)
            return render(
                request, "articles/programme_care.html", {"red_flags": red_flags, "week_url": week_url}
            )
        if programme.can_check_in:  # else the last week again
            history = f"{history}.{encode(checkin)}" if history else encode(checkin)
        return redirect(_week_url(request, history))
    week = result.programme_week(programme.current)
    log = _log(result, programme)
    context = {
        "result": result,
        "programme": programme,
        "week": week,
        "changes": what_changed(log[-1][0], week) if log else [],  # against the week before
        "log": log,
        "query": _week_query(request, history),
        "answers_query": urlencode(_answers(request)),
        "worse_twice": [c.overall for c in programme.checkins[-2:]] == [Overall.WORSE] * 2,
    }
    return render(request, "articles/programme_week.html", context)


def _log(result, programme):
    """Each week so far with its check-in: [(ProgrammeWeek, CheckIn)]."""
    return [
        (result.programme_week(week), checkin)
        for week, checkin in zip(programme.weeks, programme.checkins, strict=False)
    ]
