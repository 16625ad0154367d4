"""What every content admin shares: markdownx editors with live preview, the publishing
switch in the list, and the rarely touched fields tucked away."""

from django import forms
from django.contrib import admin
from django.contrib.redirects.admin import RedirectAdmin
from django.contrib.redirects.models import Redirect
from markdownx.admin import MarkdownxModelAdmin

from kneesite.middleware import is_local_path

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


class RedirectForm(forms.ModelForm):
    def clean_new_path(self):
        new_path = self.cleaned_data["new_path"]
        if new_path and not is_local_path(new_path):
            message = "Redirect to a page of this site: an address starting with a single “/”."
            raise forms.ValidationError(message, code="off_site")
        return new_path


admin.site.unregister(Redirect)


@admin.register(Redirect)
class SameSiteRedirectAdmin(RedirectAdmin):
    form = RedirectForm
