"""The self-check: warning signs first, then the other questions, and the result they lead to.

Nothing about the reader is stored: every step and the result hold the answers in their URL.
The rules a reader can rely on, whatever authors change:
- An answer that makes self-care wait (`RedFlag.self_care_waits`) ends the check: its result
  holds the care card and the reader's answers, and nothing about exercise or running.
- Every other plan holds at least one hip and one knee strengthening exercise (the core of
  treatment), then what the answers add, at most `MAX_EXERCISES`, with a day-by-day week.
"""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Prefetch, prefetch_related_objects

from .models import Choice, Exercise, Question, Section

MAX_EXERCISES = 6
MAX_SECTIONS = 3
CORE_REASON = "strengthening the hip and the knee together helps most people with runner’s knee"


def published_questions():
    """Published questions that have published choices (a question without any could never
    be answered), each with those choices, warning-sign questions first. What the choices
    point to is only fetched for the ones a reader picks (see build_result)."""
    choices = Choice.objects.filter(is_published=True).select_related("red_flag")
    return list(
        Question.objects.published()
        .filter(choices__is_published=True)
        .distinct()
        .prefetch_related(Prefetch("choices", queryset=choices))
    )


class SelfCheckForm(forms.Form):
    """One required field per question of one step: radio buttons or checkboxes."""

    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = {question.slug: question for question in questions}
        for question in questions:
            field_class, widget = (
                (forms.MultipleChoiceField, forms.CheckboxSelectMultiple)
                if question.kind == Question.Kind.MULTIPLE
                else (forms.ChoiceField, forms.RadioSelect)
            )
            self.fields[question.slug] = field_class(
                label=question.text,
                help_text=question.hint,
                choices=[(choice.slug, choice.label) for choice in question.choices.all()],
                widget=widget,
                error_messages={
                    "required": (
                        "Select at least one answer"
                        if question.kind == Question.Kind.MULTIPLE
                        else "Select an answer"
                    )
                    + f": {question.text[0].lower()}{question.text[1:]}",
                    "invalid_choice": "Select one of the answers shown",
                    "invalid_list": "Select one of the answers shown",
                },
            )

    def rows(self):
        """What the template needs for each question: its bound field and its options, each
        with the choice's hint."""
        for name, question in self.questions.items():
            bound_field = self[name]
            hints = [choice.hint for choice in question.choices.all()]
            yield {"field": bound_field, "options": list(zip(bound_field, hints, strict=True))}

    def clean(self):
        cleaned_data = super().clean()
        for name, question in self.questions.items():
            if question.kind == Question.Kind.SINGLE and len(self.data.getlist(name)) > 1:
                # A tampered URL: a radio button sends one value.
                error = forms.ValidationError(
                    "Select only one answer to this question", code="several_values"
                )
                self.add_error(name, error)
            elif question.kind == Question.Kind.MULTIPLE and len(cleaned_data.get(name) or []) > 1:
                chosen = [c for c in question.choices.all() if c.slug in cleaned_data[name]]
                exclusive = next((c for c in chosen if c.is_exclusive), None)
                if exclusive:
                    message = f"Select “{exclusive.label}” on its own, or untick it"
                    self.add_error(name, forms.ValidationError(message, code="exclusive"))
        return cleaned_data

    def chosen(self):
        """The choices the reader picked, in question order."""
        picked = []
        for name, question in self.questions.items():
            value = self.cleaned_data[name]
            slugs = set(value) if isinstance(value, list) else {value}
            picked += [choice for choice in question.choices.all() if choice.slug in slugs]
        return picked


@dataclass
class Step:
    """One page of questions, at its own URL."""

    url_name: str
    title: str
    questions: list

    def form(self, query, *, bound):
        """The step's form: bound to the answers in `query` to check them, or only showing
        them ticked (coming back to change them)."""
        if bound:
            return SelfCheckForm(self.questions, query)
        initial = {
            q.slug: query.getlist(q.slug) if q.kind == Question.Kind.MULTIPLE else query.get(q.slug)
            for q in self.questions
        }
        return SelfCheckForm(self.questions, initial=initial)


def steps(questions):
    """The warning signs first, on their own; then every other question. Empty steps are left out."""
    warning = [q for q in questions if q.is_warning_step]
    others = [q for q in questions if not q.is_warning_step]
    candidates = [
        Step("articles:self_check", "Check for warning signs", warning),
        Step("articles:self_check_questions", "About your knee and your running", others),
    ]
    return [step for step in candidates if step.questions]


@dataclass
class Recommendation:
    """Something to do or read, with the answers that led to it."""

    item: object
    reasons: list = field(default_factory=list)

    @property
    def because(self):
        """“because your knee moved inward; and because running still hurts”"""
        return "; and ".join(f"because {reason}" for reason in self.reasons)


@dataclass
class Result:
    answers: list  # (question, [choices]) for each question answered
    red_flags: list  # distinct red flags, most urgent first
    exercises: list = field(default_factory=list)  # Recommendations, most important first
    sections: list = field(default_factory=list)  # Recommendations, most relevant first
    running_change: int = Choice.RunningChange.KEEP

    @property
    def top_level(self):
        return self.red_flags[0] if self.red_flags else None

    @property
    def self_care_waits(self):
        """The exercises and running wait until a clinician has seen the knee."""
        return any(red_flag.self_care_waits for red_flag in self.red_flags)

    @property
    def week(self):
        from .week import build_week

        return build_week([r.item for r in self.exercises], self.running_change)


def self_care_waits(choices):
    return any(choice.red_flag and choice.red_flag.self_care_waits for choice in choices)


def build_result(chosen, questions):
    """Turn the reader's choices into the result, in the order a reader needs it."""
    red_flags = {c.red_flag.pk: c.red_flag for c in chosen if c.red_flag}
    result = Result(
        answers=[(q, answer) for q in questions if (answer := [c for c in chosen if c.question_id == q.pk])],
        red_flags=sorted(red_flags.values(), key=lambda red_flag: red_flag.level),
    )
    if result.self_care_waits:
        # Only what the warning signs point to (when to see a professional): nothing to do
        # or read about exercise or running.
        chosen = [c for c in chosen if c.red_flag and c.red_flag.self_care_waits]
    _fetch_recommendations(chosen)
    sections = _recommended(chosen, "sections")
    result.sections = sorted(sections.values(), key=_relevance)[:MAX_SECTIONS]
    if not result.self_care_waits:
        result.exercises = _plan_exercises(_recommended(chosen, "exercises"))
        result.running_change = max((c.running_change for c in chosen), default=Choice.RunningChange.KEEP)
    return result


def _fetch_recommendations(choices):
    """The live exercises and sections the chosen choices point to, sections with their live
    FAQ entries."""
    from faq.models import Entry

    prefetch_related_objects(
        choices,
        Prefetch("exercises", queryset=Exercise.objects.published().select_related("section__article")),
        Prefetch(
            "sections",
            queryset=Section.objects.published()
            .select_related("article")
            .prefetch_related(Prefetch("faq_entries", queryset=Entry.objects.published())),
        ),
    )


def _recommended(choices, relation):
    """{pk: Recommendation} of what the choices point to through `relation`, with their reasons."""
    recommended = {}
    for choice in choices:
        reason = choice.reason or f"you answered “{choice.label}”"
        for item in getattr(choice, relation).all():
            recommendation = recommended.setdefault(item.pk, Recommendation(item))
            if reason not in recommendation.reasons:
                recommendation.reasons.append(reason)
    return recommended


def _guide_order(item):
    section = getattr(item, "section", item)
    return (section.article.position, section.position, getattr(item, "position", 0))


def _relevance(recommendation):
    """More answers pointing to it first, then the guide's order."""
    return (-len(recommendation.reasons), _guide_order(recommendation.item))


FOCUS_ORDER = [Exercise.Focus.KNEE, Exercise.Focus.HIP, Exercise.Focus.BALANCE, Exercise.Focus.STRETCH]


def _importance(recommendation):
    """Strengthening first, then balance, then stretches; within each, the most recommended."""
    return (FOCUS_ORDER.index(recommendation.item.focus), *_relevance(recommendation))


def _plan_exercises(recommended):
    """The plan's exercises: the best hip and the best knee strengthening exercise (the core,
    added for everyone when no answer picked one), then the most important of the rest."""
    candidates = sorted((r for r in recommended.values() if r.item.focus in FOCUS_ORDER), key=_importance)
    core = []
    for focus in (Exercise.Focus.KNEE, Exercise.Focus.HIP):
        best = next((r for r in candidates if r.item.focus == focus), None)
        if best is None:
            first = _first_live_exercise(focus)
            best = first and Recommendation(first, [CORE_REASON])
        if best:
            core.append(best)
    rest = [r for r in candidates if r not in core]
    return sorted(core + rest[: MAX_EXERCISES - len(core)], key=_importance)


def _first_live_exercise(focus):
    """The gentlest (first in the guide) live exercise of a kind, for the core of every plan."""
    return Exercise.objects.published().filter(focus=focus).select_related("section__article").first()
