"""What every content admin shares: markdownx editors with live preview, the publishing
switch in the list, and the rarely touched fields tucked away."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import model_ngettext, unquote
from django.contrib.admin.widgets import AdminFileWidget
from django.contrib.redirects.admin import RedirectAdmin
from django.contrib.redirects.models import Redirect
from django.db import models
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.text import capfirst
from markdownx.admin import MarkdownxModelAdmin
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget
from reversion_compare.admin import CompareVersionAdmin

from kneesite.conflicts import ConflictCheckForm, ensure_first_version
from kneesite.images import PictureField
from kneesite.markdown_field import MarkdownFormField
from kneesite.paths import is_local_path
from kneesite.publishing import Reviewed
from kneesite.restore import dangling_links, drop_dangling_links, restored_items

PUBLISHING_FIELDSET = ("Publishing", {"fields": ["is_published", "pub_date"]})
REVIEW_FIELDSET = ("Review", {"fields": ["last_reviewed", "next_review_due"]})


class HistoryAdmin(CompareVersionAdmin):
    """Every save keeps a version (django-reversion) with who and when; History compares any
    two versions field by field and restores one (a restore is itself a new version); deleted
    items can be recovered from the list's “Recover deleted” page; links a restored version
    holds to items deleted since are left out, and the author is told which. A save on top of
    someone else's newer version is refused and merged field by field (kneesite/conflicts.py)."""

    form = ConflictCheckForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"author": request.user})  # own saves: no conflict

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Before django-reversion's revision block begins, so the first version is saved at once.
        if request.method == "GET" and object_id:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                ensure_first_version(obj)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        # django-reversion's one view behind restore and recover: remember which revision it
        # reverts, so that every item it brings back is checked below, not only this page's.
        request.restored_revision = version.revision
        return super()._reversion_revisionform_view(request, version, template_name, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # On a restore or recover page the old version is already reverted (and rolled back
        # after rendering): links to items deleted since show up here.
        restored = restored_items(obj, getattr(request, "restored_revision", None)) if obj and obj.pk else []
        context["left_out"] = dangling_links(restored)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        restored = restored_items(form.instance, getattr(request, "restored_revision", None))
        left_out = dangling_links(restored)
        drop_dangling_links(restored)
        super().save_related(request, form, formsets, change)
        for label, names in left_out:
            message = f"Left out, deleted since: {label} {', '.join(names)}. The rest is restored."
            self.message_user(request, message, messages.WARNING)


class ContentAdmin(HistoryAdmin, MarkdownxModelAdmin):
    list_filter = ["is_published"]
    actions = ["mark_reviewed_today"]  # offered only for content with review dates
    formfield_overrides = {
        MarkdownxField: {"form_class": MarkdownFormField, "widget": AdminMarkdownxWidget},
        # Every picture passes the one check the Markdown editors' uploads pass (kneesite/images.py).
        models.ImageField: {
            "form_class": PictureField,
            "widget": AdminFileWidget(attrs={"accept": "image/jpeg,image/png"}),
        },
    }

    class Media:
        js = [
            "js/admin-upload-errors.js",  # a refused image upload says why and changes no text
            "js/admin-unsaved-work.js",  # asks before leaving unsaved edits; offers back text a save lost
        ]

    # Publishing is changed on an item's own page, where the edit-conflict check guards it: a list
    # page opened before someone else's change would otherwise republish or hide it unseen.
    list_editable = ["position"]
    save_on_top = True

    def view_on_site(self, obj):
        # The page's own address on this host (the sites framework's domain is example.com).
        return obj.get_absolute_url()

    @admin.display(boolean=True, description="live now")
    def live(self, obj):
        return obj.is_live

    @admin.display(description="goes live", ordering="pub_date")
    def goes_live(self, obj):
        return publishing_state(obj)

    def get_list_display(self, request):
        reviewed = ["next_review_due"] if issubclass(self.model, Reviewed) else []
        shown = [name for name in super().get_list_display(request) if name not in reviewed]
        return [*shown, "goes_live", *reviewed]

    def get_list_filter(self, request):
        overdue = [ReviewOverdueFilter] if issubclass(self.model, Reviewed) else []
        return [*super().get_list_filter(request), *overdue]

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if not issubclass(self.model, Reviewed):
            actions.pop("mark_reviewed_today", None)
        return actions

    @admin.action(permissions=["change"], description="Mark reviewed today")
    def mark_reviewed_today(self, request, queryset):
        """Each chosen item: reviewed today, due again a year on. Saved one by one as the item's
        page would save it, so History keeps a version and readers' pages are rendered anew."""
        fields = [capfirst(self.opts.get_field(name).verbose_name) for name in REVIEW_FIELDSET[1]["fields"]]
        items = list(queryset)
        for item in items:
            item.mark_reviewed()
            item.save()
            self.log_change(request, item, [{"changed": {"fields": fields}}])
        if items:
            due = formats.date_format(items[0].next_review_due, "j F Y")
            self.message_user(
                request,
                f"Marked {len(items)} {model_ngettext(self.opts, len(items))} as reviewed today: "
                f"next review due {due}.",
            )

    def reversion_register(self, model, follow=(), **options):
        # Children listed in a PositionInline have their own page and History; following them
        # would put every child, unchanged, into each version of the parent.
        own_pages = {inline.model for inline in self.inlines if issubclass(inline, PositionInline)}
        follow = [name for name in follow if model._meta.get_field(name).related_model not in own_pages]
        super().reversion_register(model, follow=follow, **options)

    def get_changeform_initial_data(self, request):
        """A new item goes last (the next free position), not above everything readers know."""
        initial = super().get_changeform_initial_data(request)
        if "position" in {field.name for field in self.model._meta.fields}:
            last = self.model.objects.aggregate(last=Max("position"))["last"]
            initial.setdefault("position", (last or 0) + 10)
        return initial

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self.message_user(request, f"Readers: {publishing_state(obj)}.", messages.INFO)


class ReviewOverdueFilter(admin.SimpleListFilter):
    """The list filter “review”: items overdue for review or with no date (“overdue”), or due
    within 31 days from today (“due-soon”); today is the site's local date."""

    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue or no date"), ("due-soon", "Due within a month")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.filter(Reviewed.overdue_lookup(today))
        if self.value() == "due-soon":
            return queryset.filter(
                next_review_due__gte=today, next_review_due__lt=today + datetime.timedelta(days=31)
            )
        return queryset


def publishing_state(obj):
    """What readers see of an item now, in words: live, a draft, or scheduled for when."""
    if not obj.is_published:
        return "a draft, not shown"
    if obj.pub_date > timezone.now():
        when = formats.date_format(timezone.localtime(obj.pub_date), "j F Y, H:i")
        return f"scheduled, shown from {when}"
    if not obj.is_live:
        return "published, but not shown until the guide or section it belongs to is"
    return "live, shown now"


class PositionInline(admin.TabularInline):
    """Children listed under their parent: reorder them here; publish and edit them on their own
    page. Publishing is shown, not editable: there the edit-conflict check and the self-check's
    “unpublish anyway?” question guard it, as for the list pages (`list_editable`)."""

    fields = ["title", "position", "is_published"]
    readonly_fields = ["title", "is_published"]
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
