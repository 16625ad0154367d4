from django.contrib import admin

from articles.models import Choice
from kneesite.admin import PUBLISHING_FIELDSET, REVIEW_FIELDSET, ContentAdmin

from .models import Entry


@admin.register(Entry)
class EntryAdmin(ContentAdmin):
    list_display = ["question", "position", "is_published", "live"]
    search_fields = ["question", "answer"]
    prepopulated_fields = {"slug": ["question"]}
    filter_horizontal = ["related_sections", "related_exercises", "sources", "suggested_after"]
    fieldsets = [
        (None, {"fields": ["question", "slug", "answer"]}),
        ("Links", {"fields": ["related_sections", "related_exercises", "sources"]}),
        ("Self-check", {"fields": ["suggested_after"]}),
        PUBLISHING_FIELDSET,
        REVIEW_FIELDSET,
        ("Advanced options", {"classes": ["collapse"], "fields": ["position"]}),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name != "suggested_after":
            return super().formfield_for_manytomany(db_field, request, **kwargs)
        # Answers read "question → answer": many questions share answers such as "None of these".
        kwargs["queryset"] = Choice.objects.select_related("question").order_by(
            "question__position", "position"
        )
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        field.label_from_instance = lambda choice: f"{choice.question.text} → {choice.label}"
        return field
