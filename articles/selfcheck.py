"""The self-check: a form built from the published questions, and the result its answers
lead to. Nothing about the reader is stored: the answers live in the result's URL."""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Prefetch, prefetch_related_objects

from .models import Choice, Exercise, Question, Section


def published_questions():
    """Published questions that have published choices (a question without any could never
    be answered), each with those choices. What the choices point to is only fetched for
    the ones a reader picks (see build_result)."""
    choices = Choice.objects.filter(is_published=True).select_related("red_flag")
    return (
        Question.objects.published()
        .filter(choices__is_published=True)
        .distinct()
        .prefetch_related(Prefetch("choices", queryset=choices))
    )


def _fetch_recommendations(choices):
    """The live exercises and sections the chosen choices point to, with their FAQ entries."""
    prefetch_related_objects(
        choices,
        Prefetch(
            "exercises",
            queryset=Exercise.objects.published()
            .select_related("section__article")
            .prefetch_related("faq_entries"),
        ),
        Prefetch(
            "sections",
            queryset=Section.objects.published().select_related("article").prefetch_related("faq_entries"),
        ),
    )


class SelfCheckForm(forms.Form):
    """One field per published question: radio buttons or checkboxes, all required."""

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
    answers: list  # (question, [choices]) as the reader gave them
    red_flags: list  # distinct red flags, most urgent first
    exercises: list  # Recommendations, in guide order
    sections: list
    faq_entries: list
    rest_week: bool  # an answer calls for a week off running

    @property
    def top_level(self):
        return self.red_flags[0] if self.red_flags else None

    @property
    def exercises_wait(self):
        """At emergency and urgent levels, no exercises until the knee has been seen."""
        return bool(self.red_flags) and self.red_flags[0].stops_exercises

    @property
    def is_empty(self):
        return not (self.red_flags or self.exercises or self.sections)


def build_result(form):
    """Turn a valid form's answers into the result, in the order a reader needs it."""
    chosen = form.chosen()
    _fetch_recommendations(chosen)
    exercises, sections, faq_entries, red_flags = {}, {}, {}, {}
    for choice in chosen:
        reason = choice.reason or f"you answered “{choice.label}”"
        if choice.red_flag:
            red_flags.setdefault(choice.red_flag.pk, choice.red_flag)
        for item, recommended in [
            *((exercise, exercises) for exercise in choice.exercises.all()),
            *((section, sections) for section in choice.sections.all()),
        ]:
            _recommend(recommended, item, reason)
            for entry in item.faq_entries.all():
                if entry.is_live:
                    _recommend(faq_entries, entry, reason)

    answers = [(q, [c for c in chosen if c.question_id == q.pk]) for q in form.questions.values()]
    return Result(
        answers=answers,
        red_flags=sorted(red_flags.values(), key=lambda red_flag: red_flag.level),
        exercises=sorted(exercises.values(), key=lambda r: _exercise_order(r.item)),
        sections=sorted(sections.values(), key=lambda r: (r.item.article.position, r.item.position)),
        faq_entries=sorted(faq_entries.values(), key=lambda r: r.item.position),
        rest_week=any(choice.suggests_rest for choice in chosen),
    )


def _recommend(recommendations, item, reason):
    recommendation = recommendations.setdefault(item.pk, Recommendation(item))
    if reason not in recommendation.reasons:
        recommendation.reasons.append(reason)


def _exercise_order(exercise):
    return (exercise.section.article.position, exercise.section.position, exercise.position)
