from django.contrib import admin

from kneesite.admin import PUBLISHING_FIELDSET, ContentAdmin

from .models import Entry


@admin.register(Entry)
class EntryAdmin(ContentAdmin):
    list_display = ["question", "position", "is_published", "live"]
    search_fields = ["question", "answer"]
    prepopulated_fields = {"slug": ["question"]}
    filter_horizontal = ["related_sections", "related_exercises", "sources"]
    fieldsets = [
        (None, {"fields": ["question", "slug", "answer"]}),
        ("Links", {"fields": ["related_sections", "related_exercises", "sources"]}),
        PUBLISHING_FIELDSET,
        ("Advanced options", {"classes": ["collapse"], "fields": ["position"]}),
    ]
