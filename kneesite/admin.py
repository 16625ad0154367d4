"""What every content admin shares: History (versions, restores, the edit-conflict guard), the
review flow's hold on authors' saves (kneesite/review.py), markdownx editors with live preview,
the publishing state in the list, reviewers' bulk actions; also the same-site redirects' admin,
and the registration of the review page (kneesite/review_admin.py)."""

import datetime

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import model_ngettext, unquote
from django.contrib.admin.widgets import AdminFileWidget
from django.contrib.redirects.admin import RedirectAdmin
from django.contrib.redirects.models import Redirect
from django.db import models, transaction
from django.db.models import Max
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from markdownx.admin import MarkdownxModelAdmin
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget
from reversion_compare.admin import CompareVersionAdmin

from kneesite import review
from kneesite.conflicts import ConflictCheckForm, ensure_first_version
from kneesite.images import PictureField
from kneesite.markdown_field import MarkdownFormField
from kneesite.models import PendingChange
from kneesite.paths import is_local_path
from kneesite.publishing import Reviewed
from kneesite.restore import dangling_links, drop_dangling_links, restored_items
from kneesite.review_admin import PendingChangeAdmin

PUBLISHING_FIELDSET = ("Publishing", {"fields": ["is_published", "pub_date"]})
REVIEW_FIELDSET = ("Review", {"fields": ["last_reviewed", "next_review_due"]})
REORDER_WAITS = "Reordering live items waits for review: change the position on the item's page."


class HistoryAdmin(CompareVersionAdmin):
    """Every save keeps a version (django-reversion) with who and when; History compares any
    two versions field by field and restores one (a restore is itself a new version); deleted
    items can be recovered from the list's “Recover deleted” page; links a restored version
    holds to items deleted since are left out, and the author is told which. A save on top of
    someone else's newer version is refused and merged field by field (kneesite/conflicts.py)."""

    form = ConflictCheckForm

    @property
    def compare_exclude(self):
        """Fields left out of Compare (reversion-compare): those no author edits, such as the
        stored HTML beside each Markdown field and the created/updated times."""
        return [
            model_field.name
            for model_field in self.model._meta.concrete_fields
            if not model_field.editable  # auto_now times are not editable either
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # Own saves are no conflict; approving, the change's author's are (the reviewer's are not).
        approving = getattr(request, "review_approving", None)
        attrs = {"author": approving.author if approving is not None else request.user}
        pending = self._pending_data(request, obj)
        # Which change awaiting review the form was opened on: saving over someone else's newer
        # one is refused as an edit conflict (review.refuse_overwrite).
        # Added per form, not declared: the admin would list a declared field among the model's.
        token = review.pending_token(review.open_change(obj))

        def __init__(self, data=None, *args, **kwargs):
            # The author keeps editing their change awaiting review.
            form.__init__(self, pending if data is None and pending is not None else data, *args, **kwargs)
            self.fields[review.LOADED_PENDING] = forms.CharField(
                required=False, widget=forms.HiddenInput, initial=token
            )

        def clean(self):
            cleaned_data = form.clean(self)
            review.refuse_overwrite(self)
            return cleaned_data

        attrs.update(__init__=__init__, clean=clean)
        return type(form.__name__, (form,), attrs)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        pending = self._pending_data(request, obj)
        if pending is not None:
            kwargs["data"] = pending
        return kwargs

    def _pending_data(self, request, obj):
        """On a GET of an item's page (not a restore), its pending change's data when it is the
        user's own, else None: anyone else edits the live row, so a change a reviewer sent
        back never goes out with their next save."""
        if (
            request.method != "GET"
            or obj is None
            or not obj.pk
            or getattr(request, "review_reverting", False)
        ):
            return None
        change = review.open_change(obj)
        if change is None or change.author_id != request.user.pk:
            return None
        return review.pending_form_data(change)

    # The review flow (kneesite/review.py): a save of something readers see, by someone who may
    # not approve, is held back once the form and its inlines passed every check.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Before django-reversion's revision block begins (in its change_view), so the first
        # version is saved at once and the form remembers it.
        if request.method == "GET":
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                ensure_first_version(obj)
        try:
            return super().change_view(request, object_id, form_url, extra_context)
        except review.HeldForReview as held:  # the admin's transaction is rolled back
            return self._held_for_review(request, held)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # A restore is a change like any other: the revert is rolled back while it waits.
        obj = self.get_object(request, unquote(object_id))
        request.review_reverting = True
        request.review_was_visible = obj is not None and review.readers_may_see(obj)
        try:
            return super().revision_view(request, object_id, version_id, extra_context)
        except review.HeldForReview as held:
            return self._held_for_review(request, held)

    def recover_view(self, request, version_id, extra_context=None):
        request.review_reverting = request.review_recovering = True  # comes back as a draft
        return super().recover_view(request, version_id, extra_context)

    def response_change(self, request, obj):
        if not getattr(request, "review_recovering", False):
            return super().response_change(request, obj)
        opts = self.opts
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        message = format_html('The {} “<a href="{}">{}</a>” was recovered.', opts.verbose_name, url, obj)
        self.message_user(request, message, messages.SUCCESS)
        return self.response_post_save_change(request, obj)

    def _held_for_review(self, request, held):
        review.hold(request, held)
        opts = self.opts
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[held.obj.pk])
        # The link to the item also tells admin-unsaved-work.js that this page's text is stored.
        self.message_user(
            request,
            format_html(
                'Your change to <a href="{}">{}</a> is saved and waits for a clinical reviewer. '
                "Readers see the published version until it is approved. You can keep editing it here.",
                url,
                held.obj,
            ),
            messages.SUCCESS,
        )
        return redirect(url)

    def save_model(self, request, obj, form, change):
        if review.can_approve(request.user):
            approving = getattr(request, "review_approving", None)
            if approving is not None:
                review.mark_approved(obj)
            elif change and self._was_visible(request, obj):
                request.review_urgent = True  # a reviewer's own change: live at once, recorded
            super().save_model(request, obj, form, change)
            if change and approving is None and not getattr(request, "review_urgent", False):
                review.refresh_publish(request, obj)  # a draft waiting to be published
            return
        recovering = getattr(request, "review_recovering", False)
        if (
            change
            and not recovering
            and (self._was_visible(request, obj) or getattr(obj, "is_published", False))
        ):
            form.held_for_review = True  # save_related raises HeldForReview
            return
        publish = getattr(obj, "is_published", False)
        if publish:
            obj.is_published = False
        super().save_model(request, obj, form, change)
        if change and not publish:
            review.refresh_publish(request, obj)  # a draft waiting to be published
        if publish:  # a new (or recovered) item starts as a draft; publishing it waits
            review.hold_action(request, obj, review.PendingChange.Kind.PUBLISH)
            self.message_user(
                request, "Publishing it waits for a clinical reviewer's approval.", messages.INFO
            )

    def has_approve_permission(self, request, obj=None):
        return review.can_approve(request.user)

    def _was_visible(self, request, obj):
        was_visible = getattr(request, "review_was_visible", None)
        return review.readers_may_see(obj) if was_visible is None else was_visible

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        approving = getattr(request, "review_approving", None)
        if approving is not None and approving.author_id == request.user.pk:
            note = "Approved by its own author, a superuser."
        elif approving is not None:
            note = f"Approved by {request.user.get_username()}; change by {approving.author.get_username()}."
        else:
            return entry
        if reversion.is_active():
            reversion.set_comment(f"{entry.get_change_message()} {note}".strip())
        return entry

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if (
            request.method == "POST"
            and obj is not None
            and self.has_delete_permission(request, obj)
            and not review.can_approve(request.user)
            and review.readers_may_see(obj)
        ):
            review.hold_action(request, obj, review.PendingChange.Kind.DELETE)
            self.message_user(
                request,
                f"Deleting “{obj}” waits for a clinical reviewer. Readers see it until then.",
                messages.SUCCESS,
            )
            opts = self.opts
            return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
        context = {**(extra_context or {}), "delete_waits_for_review": not review.can_approve(request.user)}
        return super().delete_view(request, object_id, context)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if not review.can_approve(request.user):  # one by one, each waiting for review
            actions.pop("delete_selected", None)
        return actions

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
        context["pending_change"] = review.open_change(obj)
        context["may_approve"] = review.can_approve(request.user)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        if getattr(form, "held_for_review", False):
            raise review.HeldForReview(form.instance, form, formsets)
        if getattr(request, "review_urgent", False):
            review.record_urgent(request, form, formsets)
        restored = restored_items(form.instance, getattr(request, "restored_revision", None))
        left_out = dangling_links(restored)
        drop_dangling_links(restored)
        super().save_related(request, form, formsets, change)
        for label, names in left_out:
            message = f"Left out, deleted since: {label} {', '.join(names)}. The rest is restored."
            self.message_user(request, message, messages.WARNING)


class ContentAdmin(HistoryAdmin, MarkdownxModelAdmin):
    list_filter = ["is_published"]
    # Reviewers' bulk actions, each asking first; "mark reviewed" only for content with review dates.
    actions = ["approve_selected", "publish_selected", "unpublish_selected", "mark_reviewed_today"]
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

    def get_changelist_instance(self, request):
        # Reordering live items from the list would change what readers see unchecked: only
        # those who may approve get the list's position boxes; authors change it on each page.
        changelist = super().get_changelist_instance(request)
        if not review.can_approve(request.user):
            changelist.list_editable = ()
        return changelist

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and "_save" in request.POST and not review.can_approve(request.user):
            self.message_user(request, REORDER_WAITS, messages.WARNING)
            return redirect(request.get_full_path())
        return super().changelist_view(request, extra_context)

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

    def answers_losing_recommendation(self, items):
        """HTML naming the self-check answers that would no longer point readers to `items` if
        they were hidden; empty when none would (content the self-check does not recommend)."""
        return ""

    def _confirm(self, request, queryset, action, hides):
        """None once the reviewer confirmed `action` on the chosen items; else the page asking
        them, naming the self-check answers that would lose a recommendation if `hides`."""
        if request.POST.get("post") == "yes":
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"{capfirst(action.short_description)}?",
            "items": list(queryset),
            "action": action.__name__,
            "answers": self.answers_losing_recommendation(queryset) if hides else "",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/kneesite/confirm_action.html", context)

    @admin.action(permissions=["approve"], description="Approve the changes awaiting review")
    def approve_selected(self, request, queryset):
        """Approve each chosen item's change awaiting review (not your own, unless you are a
        superuser), as its review page would."""
        pairs = [(item, review.open_change(item)) for item in queryset]
        pairs = [
            (item, change) for item, change in pairs if change and change.status == change.Status.PENDING
        ]
        changes = [change for _, change in pairs]
        hiding = [
            item
            for item, change in pairs
            if change.kind in (PendingChange.Kind.UNPUBLISH, PendingChange.Kind.DELETE)
        ]
        waiting = self.model._base_manager.filter(pk__in=[item.pk for item, _ in pairs])
        asked = self._confirm(request, waiting, self.approve_selected, hides=False)
        if asked is not None:
            asked.context_data["answers"] = self.answers_losing_recommendation(hiding) if hiding else ""
            return asked
        approved = 0
        for change in changes:
            if not review.can_decide(request.user, change):
                self.message_user(
                    request, f"Not approved, your own change: “{change.object_repr}”.", messages.WARNING
                )
                continue
            errors = review.approve(change, request.user, request=request)
            for error in errors:
                self.message_user(request, f"Not approved: “{change.object_repr}”: {error}", messages.ERROR)
            approved += not errors
        self.message_user(request, f"Approved {approved} {model_ngettext(self.opts, approved)}.")

    @admin.action(permissions=["approve"], description="Publish selected items")
    def publish_selected(self, request, queryset):
        return self._set_published(request, queryset, True, self.publish_selected)

    @admin.action(permissions=["approve"], description="Unpublish selected items")
    def unpublish_selected(self, request, queryset):
        return self._set_published(request, queryset, False, self.unpublish_selected)

    def _set_published(self, request, queryset, published, action):
        """Publish or unpublish each item as a reviewer, asking first; each keeps a version in
        History and closes the item's own waiting publish or unpublish."""
        asked = self._confirm(request, queryset, action, hides=not published)
        if asked is not None:
            return asked
        items = list(queryset)
        for item in items:
            change = review.open_change(item)
            kind = PendingChange.Kind.PUBLISH if published else PendingChange.Kind.UNPUBLISH
            if (
                change is not None
                and change.kind == kind
                and not change.data
                and review.can_decide(request.user, change)
            ):
                review.approve(change, request.user, request=request)
                continue
            with transaction.atomic(), self.create_revision(request):
                item.is_published = published
                if published:
                    review.mark_approved(item)
                item.save()
                self.log_change(request, item, [{"changed": {"fields": ["published"]}}])
        verb = "Published" if published else "Unpublished"
        self.message_user(request, f"{verb} {len(items)} {model_ngettext(self.opts, len(items))}.")

    @admin.action(permissions=["approve"], description="Mark reviewed today")
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
        if not getattr(form, "held_for_review", False):
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


admin.site.register(PendingChange, PendingChangeAdmin)
