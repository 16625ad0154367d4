from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from kneesite.admin import PUBLISHING_FIELDSET, REVIEW_FIELDSET, ContentAdmin, HistoryAdmin, PositionInline
from kneesite.conflicts import ConflictCheckForm
from kneesite.images import store_picture

from .models import Article, Choice, Exercise, Question, RedFlag, RunningStage, Section, Source


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    list_display = ["citation", "url"]
    search_fields = ["citation", "url"]


class SectionInline(PositionInline):
    model = Section


def recommending_answers(item):
    """The published self-check answers that point readers to `item`, an exercise, a section or
    a guide (a section's also those pointing to its exercises, a guide's those pointing to its
    sections or their exercises: they go with it), with their questions."""
    if isinstance(item, Exercise):
        lookup = Q(exercises=item)
    elif isinstance(item, Section):
        lookup = Q(sections=item) | Q(exercises__section=item)
    else:
        lookup = Q(sections__article=item) | Q(exercises__section__article=item)
    return Choice.objects.published().filter(lookup).select_related("question").distinct()


def answer_links(answers):
    """The answers as HTML links to the page where each is edited (its question's)."""
    return format_html_join(
        ", ",
        '<a href="{}">“{}”</a> (to “{}”)',
        (
            (reverse("admin:articles_question_change", args=[a.question_id]), a.label, a.question)
            for a in answers
        ),
    )


class RecommendedBySelfCheckForm(ConflictCheckForm):
    """Hiding something self-check answers recommend (unpublishing it or its guide, scheduling it
    for later, moving it under a hidden section) is refused with the answers named, until the author ticks
    “Yes, unpublish anyway”: that box is on the page only then, right after the refusal at the top
    (templates/admin/includes/confirm_unpublish.html)."""

    confirm_unpublish = forms.BooleanField(
        label="Yes, unpublish anyway",
        required=False,
        widget=forms.HiddenInput,
        help_text="Readers who give those answers will no longer be pointed to it.",
    )

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the new values
        if not self.instance.pk or self.cleaned_data.get("confirm_unpublish"):
            return
        try:
            hides = not self.instance.is_live
        except ObjectDoesNotExist:
            return  # no valid section chosen: that field has its own error
        if not hides or not type(self.instance).objects.published().filter(pk=self.instance.pk).exists():
            return  # readers still see it, or never did
        answers = list(recommending_answers(self.instance))
        if answers:
            self.fields["confirm_unpublish"].widget = forms.CheckboxInput()
            message = format_html(
                "Self-check answers recommend {}: {}. Readers who give them will no longer be "
                "pointed to it. To hide it anyway, tick “Yes, unpublish anyway” and save again.",
                "parts of this guide"
                if isinstance(self.instance, Article)
                else f"this {self.instance._meta.verbose_name}",
                answer_links(answers),
            )
            # In the error summary at the top, where the box follows it (admin/change_form.html).
            self.add_error(None, forms.ValidationError(message, code="recommended_by_self_check"))
            self.add_error(
                "confirm_unpublish",
                forms.ValidationError("Tick this box to hide it anyway.", code="recommended_by_self_check"),
            )


class RecommendedBySelfCheckAdmin(ContentAdmin):
    """Ask before hiding or deleting something that self-check answers recommend, naming them."""

    form = RecommendedBySelfCheckForm
    delete_confirmation_template = "admin/articles/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/articles/delete_selected_confirmation.html"
    actions = [*(ContentAdmin.actions or []), "delete_selected"]  # replaces Django's, same name

    def answers_losing_recommendation(self, items):
        answers = list(dict.fromkeys(answer for item in items for answer in recommending_answers(item)))
        return answer_links(answers) if answers else ""

    def delete_view(self, request, object_id, extra_context=None):
        item = self.get_object(request, unquote(object_id))
        answers = list(recommending_answers(item)) if item else []
        context = {**(extra_context or {}), "recommending_answers": answer_links(answers) if answers else ""}
        return super().delete_view(request, object_id, context)

    @admin.action(permissions=["delete"], description=django_delete_selected.short_description)
    def delete_selected(self, request, queryset):
        """Django's bulk delete, its confirmation page also naming the answers that recommend them."""
        response = django_delete_selected(self, request, queryset)
        if isinstance(response, TemplateResponse):
            answers = list(
                dict.fromkeys(answer for item in queryset for answer in recommending_answers(item))
            )
            response.context_data["recommending_answers"] = answer_links(answers) if answers else ""
        return response


@admin.register(Article)
class ArticleAdmin(RecommendedBySelfCheckAdmin):
    list_display = ["title", "position", "is_published", "live", "last_reviewed", "next_review_due"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SectionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary"]}),
        PUBLISHING_FIELDSET,
        REVIEW_FIELDSET,
        ("Advanced options", {"classes": ["collapse"], "fields": ["position"]}),
    ]


class ExerciseInline(PositionInline):
    model = Exercise


@admin.register(Section)
class SectionAdmin(RecommendedBySelfCheckAdmin):
    list_display = ["title", "article", "position", "is_published", "live"]
    list_filter = ["article", "is_published"]
    list_select_related = ["article"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["sources"]
    inlines = [ExerciseInline]
    fieldsets = [
        (None, {"fields": ["article", "title", "slug", "body", "sources"]}),
        PUBLISHING_FIELDSET,
        REVIEW_FIELDSET,
        ("Advanced options", {"classes": ["collapse"], "fields": ["position"]}),
    ]


class ExerciseForm(RecommendedBySelfCheckForm):
    def clean(self):
        cleaned_data = super().clean()
        new_picture = "illustration" in self.changed_data and cleaned_data.get("illustration")
        if new_picture and "illustration_alt" not in self.changed_data:
            message = "Describe your new picture: the description still describes the old one."
            self.add_error("illustration_alt", forms.ValidationError(message, code="describe_new_picture"))
        return cleaned_data

    def _post_clean(self):
        super()._post_clean()
        # Store a new picture only once everything else is valid, and here rather than in the
        # save: a full or read-only disk is then a form error that keeps the author's text.
        picture = self.instance.illustration
        if self.errors or not picture or picture._committed:
            return
        folder = self.instance._meta.get_field("illustration").upload_to
        try:
            self.instance.illustration = store_picture(picture.file, folder)
        except ValidationError as error:
            self.add_error("illustration", error)


@admin.register(Exercise)
class ExerciseAdmin(RecommendedBySelfCheckAdmin):
    form = ExerciseForm
    list_display = ["title", "section", "focus", "dose", "position", "is_published", "live"]
    list_filter = ["focus", "section", "is_published"]
    list_select_related = ["section"]
    search_fields = ["title", "trains", "steps"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["sources"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "focus", "trains", "dosage", "days_per_week"]}),
        ("How to do it", {"fields": ["steps", "progression", "stop_if", "sources"]}),
        ("In the programme", {"fields": ["starting_sets", "next_exercise"]}),
        ("Picture", {"fields": ["illustration", "illustration_alt"]}),
        PUBLISHING_FIELDSET,
        REVIEW_FIELDSET,
        ("Advanced options", {"classes": ["collapse"], "fields": ["position"]}),
    ]


@admin.register(RunningStage)
class RunningStageAdmin(HistoryAdmin):
    list_display = ["title", "position", "runs_per_week", "minutes", "walk_breaks"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(RedFlag)
class RedFlagAdmin(HistoryAdmin):
    list_display = ["title", "level", "sees_someone_first", "source"]
    list_filter = ["level", "sees_someone_first"]
    search_fields = ["title", "why", "source"]


class ChoiceInline(admin.StackedInline):
    model = Choice
    extra = 1
    prepopulated_fields = {"slug": ["label"]}
    autocomplete_fields = ["exercises", "sections", "red_flag"]
    fields = [
        "label",
        "slug",
        "hint",
        "reason",
        "exercises",
        "sections",
        "red_flag",
        "is_exclusive",
        "running_change",
        "position",
        "is_published",
    ]


@admin.register(Question)
class QuestionAdmin(ContentAdmin):
    list_display = ["text", "kind", "is_warning_step", "position", "is_published", "live"]
    list_filter = ["is_warning_step", "is_published"]
    search_fields = ["text", "hint", "choices__label"]
    prepopulated_fields = {"slug": ["text"]}
    inlines = [ChoiceInline]
    fieldsets = [
        (None, {"fields": ["text", "slug", "hint", "kind", "is_warning_step"]}),
        PUBLISHING_FIELDSET,
        ("Advanced options", {"classes": ["collapse"], "fields": ["position"]}),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for warning in unpublished_targets(form.instance):
            self.message_user(request, warning, messages.WARNING)


def unpublished_targets(question):
    """Warnings for answers readers could not use: choices that point to exercises or sections
    readers cannot see, and a question with no published choice (it is left off the form)."""
    choices = question.choices.prefetch_related("exercises__section__article", "sections__article")
    warnings = []
    if question.is_published and not any(choice.is_published for choice in choices):
        warnings.append("This question has no published answer, so readers will not see it until it has one.")
    for choice in choices:
        for target in [*choice.exercises.all(), *choice.sections.all()]:
            if not target.is_live:
                kind = target._meta.verbose_name
                warnings.append(
                    f"The answer “{choice.label}” points to the {kind} “{target}”, which readers cannot see "
                    "(it, or the guide it belongs to, is not published): it will not appear in their result."
                )
    return warnings
