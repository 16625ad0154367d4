"""What every content admin shares: markdownx editors with live preview, the publishing
switch in the list, and the rarely touched fields tucked away."""

from django.contrib import admin
from markdownx.admin import MarkdownxModelAdmin

PUBLISHING_FIELDSET = ("Publishing", {"fields": ["is_published", "pub_date"]})


class ContentAdmin(MarkdownxModelAdmin):
    list_filter = ["is_published"]
    list_editable = ["position", "is_published"]
    save_on_top = True

    def view_on_site(self, obj):
        # The page's own address on this host (the sites framework's domain is example.com).
        return obj.get_absolute_url()

    @admin.display(boolean=True, description="live now")
    def live(self, obj):
        return obj.is_live


class PositionInline(admin.TabularInline):
    """Children listed under their parent: reorder or publish them here, edit them on their own page."""

    fields = ["title", "position", "is_published"]
    readonly_fields = ["title"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False
