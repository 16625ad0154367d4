"""The self-check: warning signs first, then the other questions, and the result they lead to.

Nothing about the reader is stored: every step and the result hold the answers in their URL.
The rules a reader can rely on, whatever authors change:
- An answer that makes self-care wait (`RedFlag.self_care_waits`) ends the check: its result
  holds the care card and the reader's answers, and nothing about exercise or running.
- Every other plan holds at least one hip and one knee strengthening exercise (the core of
  treatment), then what the answers add, at most `MAX_EXERCISES` (of which at most
  `MAX_STRETCHES` stretches), with a day-by-day week: the programme's first (articles/week.py).
- A plan never starts on the hardest exercise of a group (one that others lead up to, leading
  to none): the exercise before it stands in.
"""

from dataclasses import dataclass, field, fields

from django import forms
from django.urls import reverse

from kneesite.cache import shared_data

from .guide_items import in_guide_order, links, live_guide_items
from .models import Choice, Exercise, Question, RedFlag, RunningStage
from .programme import Week
from .week import build_week, start_levels, top_levels

MIN_EXERCISES, MAX_EXERCISES = 3, 6
MAX_KNEE_EXERCISES = 2
MAX_STRETCHES = 1
MAX_SECTIONS = MAX_FAQ_ENTRIES = 3
EVENT_CHOICE = "training-for-event"  # the answer told plainly when to postpone an event
CORE_REASON = "strengthening the hip and the knee together helps most people with runner’s knee"


# The relations through which an answer recommends something, each named as on Choice.
RECOMMENDS = ("sections", "exercises", "faq_entries")


def published_questions():
    """Published questions that have published choices (a question without any could never be
    answered), warning-sign questions first, each a QuestionCopy with its live choices (and
    their red flags) in `question.live_choices`. Shared by every step and result of the content
    version (kneesite/cache.py): the steps need nothing else."""
    return shared_data("self-check-questions")


@dataclass(frozen=True)
class RedFlagCopy:
    """The fields of a RedFlag that readers see, and its rules (the model's own). Equal by its
    pk, as a model instance is. `level`: a RedFlag.Level value (lower is more urgent)."""

    pk: int
    title: str = field(compare=False)
    level: int = field(compare=False)
    what_to_do: str = field(compare=False)
    why: str = field(compare=False)
    sees_someone_first: bool = field(compare=False)

    # The model's rules, which read only the fields above (tests/test_selfcheck.py compares
    # every field and rule of each copy with its model's).
    Level = RedFlag.Level
    level_name = RedFlag.level_name
    self_care_waits = RedFlag.self_care_waits
    get_level_display = RedFlag.get_level_display


@dataclass(frozen=True)
class ChoiceCopy:
    """The fields of a live Choice that the self-check and the programme read. `running_change`:
    a Choice.RunningChange value; `red_flag`: a RedFlagCopy or None."""

    pk: int
    question_id: int
    slug: str
    label: str
    hint: str
    reason: str
    is_exclusive: bool
    running_change: int
    red_flag: RedFlagCopy | None


@dataclass(frozen=True)
class QuestionCopy:
    """The fields of a published Question that the steps read. `kind`: a Question.Kind value;
    `live_choices`: a tuple of ChoiceCopy, in the question's order; `step_url`: the address of
    the step that asks it, without the `#question-<slug>` its get_absolute_url adds (a result's
    “Change” links)."""

    pk: int
    slug: str
    text: str
    hint: str
    kind: str
    is_warning_step: bool
    live_choices: tuple
    step_url: str


def _model_fields(copy_class, *not_from_the_row):
    """The names of the fields `copy_class` takes as they are from its model's row (all but
    the pk and `not_from_the_row`): each copy's fields are declared once, on the copy."""
    return tuple(f.name for f in fields(copy_class) if f.name not in {"pk", *not_from_the_row})


RED_FLAG_FIELDS = _model_fields(RedFlagCopy)
CHOICE_FIELDS = _model_fields(ChoiceCopy, "red_flag")
QUESTION_FIELDS = _model_fields(QuestionCopy, "live_choices", "step_url")


def load_published_questions():
    """One query, whatever the number of questions (settings.SHARED_DATA), of rows, not model
    instances: plain copies are quicker to build, and to read back on another worker after an
    edit. A choice is live only while its question is, so the questions come with the choices,
    in the questions' order (the choices are ordered by question first)."""
    rows = Choice.objects.published().values(
        "pk",
        "red_flag_id",
        *CHOICE_FIELDS,
        *(f"question__{name}" for name in QUESTION_FIELDS),
        *(f"red_flag__{name}" for name in RED_FLAG_FIELDS),
    )
    step_urls = {is_warning: reverse(name) for is_warning, name in Question.STEP_URL_NAMES.items()}
    # {red flag pk: its one copy}; a choice without a red flag has red_flag_id None.
    red_flags, by_question, question_rows = {None: None}, {}, {}
    for row in rows:
        if row["red_flag_id"] not in red_flags:
            values = {name: row[f"red_flag__{name}"] for name in RED_FLAG_FIELDS}
            red_flags[row["red_flag_id"]] = RedFlagCopy(row["red_flag_id"], **values)
        choice = ChoiceCopy(
            row["pk"],
            **{name: row[name] for name in CHOICE_FIELDS},
            red_flag=red_flags[row["red_flag_id"]],  # one copy of each red flag
        )
        by_question.setdefault(row["question_id"], []).append(choice)
        question_rows.setdefault(row["question_id"], row)
    questions = []
    for pk, live_choices in by_question.items():
        values = {name: question_rows[pk][f"question__{name}"] for name in QUESTION_FIELDS}
        step_url = step_urls[values["is_warning_step"]]
        questions.append(QuestionCopy(pk, **values, live_choices=tuple(live_choices), step_url=step_url))
    return questions


@dataclass(frozen=True)
class FaqEntryLink:
    """A live FAQ entry as a result links to it: its question, its slug and page's address (the
    model's get_absolute_url) and its place in the FAQ."""

    pk: int
    question: str
    slug: str
    position: int
    url: str

    def get_absolute_url(self):
        return self.url


@dataclass
class LiveContent:
    """What a result and the programme draw on in one content version, beside the questions.
    The guide's live sections and exercises are the ones other pages share
    (articles/guide_items.py): this names them by id, so the copy the other workers read after
    an edit holds no second copy of them. Read-only: every reader gets the same objects."""

    # {relation of RECOMMENDS: {choice pk: [item pk]}}: the guide sections, exercises and FAQ
    # entries each answer recommends, in the guide's order (FAQ entries in theirs).
    recommends: dict
    # {pk: FaqEntryLink} of the live FAQ entries some answer recommends, in the FAQ's order.
    faq_entries: dict
    # The running stages, first (walking only) to last (usual running).
    stages: list

    def items(self, relation):
        """{pk: live item} of a relation of RECOMMENDS."""
        if relation == "faq_entries":
            return self.faq_entries
        return getattr(live_guide_items(), relation)

    @property
    def exercises(self):
        """{pk: exercise} of every live exercise, in the guide's order."""
        return live_guide_items().exercises

    @property
    def strengthening(self):
        """Every live hip and knee strengthening exercise, gentlest (first in the guide) first."""
        return [
            exercise
            for exercise in self.exercises.values()
            if exercise.is_strengthening and exercise.days_per_week is not None
        ]


def live_content():
    """Shared by every result of the current content version (kneesite/cache.py), so a result
    no reader has asked for yet needs no query."""
    return shared_data("self-check")


def load_live_content():
    """Three queries, whatever the amount of content (and the guide's live sections and
    exercises, shared with other pages): the links of the three relations, the FAQ entries they
    link to, the running stages (settings.SHARED_DATA)."""
    guide = live_guide_items()
    linked = links(Choice, RECOMMENDS)
    # Only the FAQ entries some answer links to, of maybe 10,000, and only what a result shows
    # of them. The FAQ app declares this relation: the self-check reaches its entries through it.
    model = Choice._meta.get_field("faq_entries").related_model
    entries = model.objects.published().filter(pk__in={pk for _, pk in linked["faq_entries"]})
    faq_entries = {
        row["pk"]: FaqEntryLink(**row, url=model(slug=row["slug"]).get_absolute_url())
        for row in entries.values("pk", "question", "slug", "position")
    }
    live_items = {"sections": guide.sections, "exercises": guide.exercises, "faq_entries": faq_entries}
    recommends = {}
    for relation, pairs in linked.items():
        by_choice = {}
        for choice_id, item_id in pairs:
            by_choice.setdefault(choice_id, set()).add(item_id)
        recommends[relation] = {
            choice_id: [item.pk for item in in_guide_order(ids, live_items[relation])]
            for choice_id, ids in by_choice.items()
        }
    return LiveContent(recommends, faq_entries, list(RunningStage.objects.all()))


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
                choices=[(choice.slug, choice.label) for choice in question.live_choices],
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
            hints = [choice.hint for choice in question.live_choices]
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
            elif question.kind == Question.Kind.MULTIPLE and len(set(cleaned_data.get(name) or [])) > 1:
                chosen = [c for c in question.live_choices if c.slug in cleaned_data[name]]
                exclusive = next((c for c in chosen if c.is_exclusive), None)
                if exclusive:
                    message = f"Select “{exclusive.label}” on its own, or untick it"
                    self.add_error(name, forms.ValidationError(message, code="exclusive"))
        return cleaned_data

    def chosen(self):
        """The choices the reader picked, in question order (on a form with errors, those of the
        questions answered correctly)."""
        picked = []
        for name, question in self.questions.items():
            if name not in self.cleaned_data:
                continue
            value = self.cleaned_data[name]
            slugs = set(value) if isinstance(value, list) else {value}
            picked += [choice for choice in question.live_choices if choice.slug in slugs]
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
        Step(Question.STEP_URL_NAMES[True], "Check for warning signs", warning),
        Step(Question.STEP_URL_NAMES[False], "About your knee and your running", others),
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
    faq_entries: list = field(default_factory=list)
    running_change: int = Choice.RunningChange.KEEP

    @property
    def top_level(self):
        return self.red_flags[0] if self.red_flags else None

    @property
    def self_care_waits(self):
        """The exercises and running wait until a clinician has seen the knee."""
        return any(red_flag.self_care_waits for red_flag in self.red_flags)

    @property
    def trains_for_event(self):
        return any(choice.slug == EVENT_CHOICE for _, choices in self.answers for choice in choices)

    @property
    def plan(self):
        return [recommendation.item for recommendation in self.exercises]

    def start(self):
        """The programme's first Levels and its highest."""
        content = live_content()
        return (
            start_levels(self.running_change, content.stages),
            top_levels(self.plan, content.exercises, content.stages),
        )

    def programme_week(self, week):
        """The ProgrammeWeek of a programme.Week of this result's programme."""
        content = live_content()
        return build_week(self.plan, content.stages, content.exercises, week)

    @property
    def week(self):
        """The first week, as the result shows it."""
        return self.programme_week(Week(1, self.start()[0]))


def self_care_waits(choices):
    return any(choice.red_flag and choice.red_flag.self_care_waits for choice in choices)


def red_flags_of(choices):
    """The distinct red flags of `choices`, most urgent first (of one level, in the order
    chosen): a result's and a check-in's care card list them so."""
    distinct = {choice.red_flag.pk: choice.red_flag for choice in choices if choice.red_flag}
    return sorted(distinct.values(), key=lambda red_flag: red_flag.level)


def build_result(chosen, questions):
    """Turn the reader's choices into the result, in the order a reader needs it."""
    result = Result(
        answers=[(q, answer) for q in questions if (answer := [c for c in chosen if c.question_id == q.pk])],
        red_flags=red_flags_of(chosen),
    )
    if result.self_care_waits:
        # Only what the warning signs point to (when to see a professional): nothing to do
        # or read about exercise or running.
        waiting = [c for c in chosen if c.red_flag and c.red_flag.self_care_waits]
        result.sections = _most_relevant(_recommended(waiting, "sections"), MAX_SECTIONS)
        return result
    result.sections = _most_relevant(_recommended(chosen, "sections"), MAX_SECTIONS)
    result.faq_entries = _most_relevant(_recommended(chosen, "faq_entries"), MAX_FAQ_ENTRIES)
    result.exercises = _plan_exercises(_recommended(chosen, "exercises"))
    result.running_change = max((c.running_change for c in chosen), default=Choice.RunningChange.KEEP)
    return result


def _recommended(choices, relation):
    """{pk: Recommendation} of what the choices point to through `relation`, with their reasons."""
    recommended = {}
    content = live_content()
    recommends, items = content.recommends[relation], content.items(relation)
    for choice in choices:
        reason = choice.reason or f"you answered “{choice.label}”"
        for item in (items[pk] for pk in recommends.get(choice.pk, ()) if pk in items):
            recommendation = recommended.setdefault(item.pk, Recommendation(item))
            if reason not in recommendation.reasons:
                recommendation.reasons.append(reason)
    return recommended


def _guide_order(item):
    """Where an item stands in the guide (FAQ entries by their own position)."""
    section = getattr(item, "section", None) or item
    article = getattr(section, "article", None)
    return (article.position if article else 0, section.position, getattr(item, "position", 0))


def _relevance(recommendation):
    """More answers pointing to it first, then the guide's order."""
    return (-len(recommendation.reasons), _guide_order(recommendation.item))


def _most_relevant(recommended, limit):
    return sorted(recommended.values(), key=_relevance)[:limit]


# Strengthening first (hip and knee alike), then balance, then stretches.
GROUPS = {Exercise.Focus.HIP: 0, Exercise.Focus.KNEE: 0, Exercise.Focus.BALANCE: 1, Exercise.Focus.STRETCH: 2}


def _importance(recommendation):
    return (GROUPS[recommendation.item.focus], *_relevance(recommendation))


def _plan_exercises(recommended):
    """The plan: the exercises the answers chose, of which at most the two gentlest knee
    exercises (the guide starts easy); the core of a hip and a knee strengthening exercise for
    everyone, added from the gentlest live ones when no answer chose one; topped up to
    MIN_EXERCISES with the next gentlest strengthening; at most MAX_EXERCISES, core kept."""
    candidates = _not_the_hardest(
        [r for r in recommended.values() if r.item.focus in GROUPS and r.item.days_per_week]
    )
    stretches = [r for r in candidates if r.item.focus == Exercise.Focus.STRETCH]
    candidates = [r for r in candidates if r not in stretches[MAX_STRETCHES:]]
    knee = [r for r in candidates if r.item.focus == Exercise.Focus.KNEE]
    gentlest_knee = sorted(knee, key=lambda r: _guide_order(r.item))[:MAX_KNEE_EXERCISES]
    plan = [r for r in candidates if r.item.focus != Exercise.Focus.KNEE] + gentlest_knee

    strengthening = live_content().strengthening
    planned = {r.item.pk for r in plan}
    for exercise in strengthening:
        has_focus = any(r.item.focus == exercise.focus for r in plan)
        top_up = len(plan) < MIN_EXERCISES and exercise.focus == Exercise.Focus.HIP
        if exercise.pk not in planned and (not has_focus or top_up):
            plan.append(Recommendation(exercise, [CORE_REASON]))
            planned.add(exercise.pk)

    plan.sort(key=_importance)
    core = [
        next(r for r in plan if r.item.focus == focus)
        for focus in (Exercise.Focus.KNEE, Exercise.Focus.HIP)
        if any(r.item.focus == focus for r in plan)
    ]
    rest = [r for r in plan if r not in core]
    return sorted(core + rest[: MAX_EXERCISES - len(core)], key=_importance)


def _not_the_hardest(candidates):
    """The candidates (Recommendations, most relevant first) with the hardest exercise of a
    group (live exercises lead up to it, it leads to none) swapped for the one before it."""
    live = live_content().exercises
    easier = {e.next_exercise_id: e for e in live.values() if e.next_exercise_id in live and e.days_per_week}
    kept = {}
    for recommendation in sorted(candidates, key=_relevance):
        item = recommendation.item
        if item.next_exercise_id not in live and item.pk in easier:
            item = easier[item.pk]
        known = kept.setdefault(item.pk, Recommendation(item))
        known.reasons += [reason for reason in recommendation.reasons if reason not in known.reasons]
    return list(kept.values())
