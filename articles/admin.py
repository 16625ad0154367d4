from django.contrib import admin

from kneesite.admin import PUBLISHING_FIELDSET, ContentAdmin, PositionInline

from .models import Article, Exercise, Section, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
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


class ExerciseInline(PositionInline):
    model = Exercise


@admin.register(Section)
class SectionAdmin(ContentAdmin):
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


@admin.register(Exercise)
class ExerciseAdmin(ContentAdmin):
    list_display = ["title", "section", "position", "is_published", "live"]
    list_filter = ["section", "is_published"]
    list_select_related = ["section"]
    search_fields = ["title", "trains", "steps"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["sources"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "trains", "dosage"]}),
        ("How to do it", {"fields": ["steps", "progression", "stop_if", "sources"]}),
        PUBLISHING_FIELDSET,
        ("Advanced options", {"classes": ["collapse"], "fields": ["position"]}),
    ]
