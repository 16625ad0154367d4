from django import forms
from django.contrib import admin, messages

from kneesite.admin import PUBLISHING_FIELDSET, ContentAdmin, HistoryAdmin, PositionInline
from kneesite.conflicts import ConflictCheckForm

from .models import Article, Choice, Exercise, Question, RedFlag, Section, Source


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    list_display = ["citation", "url"]
    search_fields = ["citation", "url"]


class SectionInline(PositionInline):
    model = Section


@admin.register(Article)
class ArticleAdmin(ContentAdmin):
    list_display = ["title", "position", "is_published", "live", "last_reviewed", "next_review_due"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SectionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary"]}),
        PUBLISHING_FIELDSET,
        ("Review", {"fields": ["last_reviewed", "next_review_due"]}),
        ("Advanced options", {"classes": ["collapse"], "fields": ["position"]}),
    ]


class RecommendedBySelfCheckAdmin(ContentAdmin):
    """Warn when an author hides something that self-check answers recommend."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        answers = obj.choices.published().count()
        if answers and not obj.is_live:
            self.message_user(
                request,
                f"{answers} self-check answer(s) recommend “{obj}”, but readers cannot see it now, "
                "so it is left out of their results until it is published.",
                messages.WARNING,
            )


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
        ("Advanced options", {"classes": ["collapse"], "fields": ["position"]}),
    ]


class ExerciseForm(ConflictCheckForm):
    def clean(self):
        cleaned_data = super().clean()
        new_picture = "illustration" in self.changed_data and cleaned_data.get("illustration")
        if new_picture and "illustration_alt" not in self.changed_data:
            message = "Describe your new picture: the description still describes the old one."
            self.add_error("illustration_alt", forms.ValidationError(message, code="describe_new_picture"))
        return cleaned_data


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
        ("Picture", {"fields": ["illustration", "illustration_alt"]}),
        PUBLISHING_FIELDSET,
        ("Advanced options", {"classes": ["collapse"], "fields": ["position"]}),
    ]


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
