"""What makes an item live, and what every piece of public content shares: a draft/published
switch with scheduling, Markdown rendered once on save, and a redirect left behind when its URL
changes. Model mixins only: what views do with them is in kneesite/readers.py."""

from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from kneesite import markdown, markdown_checks


class PublishedQuerySet(models.QuerySet):
    def published(self):
        """Live items (`Live`): the same rule as `is_live`, as one filter."""
        now = timezone.now()
        lookups = {}
        for path in ("", *self.model.published_with):
            prefix = f"{path}__" if path else ""
            lookups[f"{prefix}is_published"] = True
            if _is_scheduled(_model_at(self.model, path)):
                lookups[f"{prefix}pub_date__lte"] = now
        return self.filter(**lookups)


class Live(models.Model):
    """What makes an item live, declared once: its own `is_published` switch is on, its
    publication time (`pub_date`, if the model has one) has come, and the same holds for each
    parent in `published_with`. `Model.objects.published()` (a filter) and `item.is_live` (a
    check on one item) both follow it."""

    # The parents that must be live too, as lookup paths, e.g. ("section", "section__article").
    published_with = ()

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_live(self):
        now = timezone.now()
        return all(
            item.is_published and (not _is_scheduled(type(item)) or item.pub_date <= now)
            for item in self._published_with_items()
        )

    def _published_with_items(self):
        yield self
        for path in self.published_with:
            item = self
            for name in path.split("__"):
                item = getattr(item, name)
            yield item


def _model_at(model, path):
    """The model a lookup path leads to from `model` ("section__article": Article)."""
    for name in filter(None, path.split("__")):
        model = model._meta.get_field(name).related_model
    return model


def _is_scheduled(model):
    return any(field.name == "pub_date" for field in model._meta.fields)


class Publishable(Live):
    """Abstract base for content with a page: a switch and a publication time.

    Subclasses list `markdown_fields`: (source field, stored HTML field) pairs. The HTML is
    rendered and sanitized on save, so a page view never renders Markdown.
    """

    is_published = models.BooleanField(
        "published",
        default=False,
        help_text="Readers see this only when it is published and its publication time has come.",
    )
    pub_date = models.DateTimeField(
        "publication time",
        default=timezone.now,
        db_index=True,  # published() and the page cache's next scheduled time filter on it
        help_text="Set a future time to schedule it: it goes live by itself then.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    markdown_fields = ()
    # The change awaiting review a staff preview shows applied (kneesite/readers.py); readers'
    # copies have none. Declared so templates find it on every item without a failed lookup.
    pending_change = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.render_markdown()
        old_url = self._stored_url() if self.pk else None
        super().save(*args, **kwargs)
        # A fragment (#anchor) never reaches the server, so only whole pages get a redirect; and
        # only pages readers could see: a draft's redirect would reveal its new address.
        if old_url and old_url != self.get_absolute_url() and "#" not in old_url:
            leave_redirect(old_url, self.get_absolute_url())

    def clean(self):
        """Every Markdown field passes the one Markdown check (image descriptions, links to
        pages readers can open), with its errors beside the field."""
        errors = {}
        for source_field, _ in self.markdown_fields:
            try:
                markdown_checks.validate_markdown(getattr(self, source_field))
            except ValidationError as error:
                errors[source_field] = error.error_list
        if errors:
            raise ValidationError(errors)

    def render_markdown(self):
        for source_field, html_field in self.markdown_fields:
            setattr(self, html_field, markdown.render(getattr(self, source_field)))

    def _stored_url(self):
        """The address readers had for this item before this save, if they could see it."""
        stored = type(self)._base_manager.filter(pk=self.pk).first()
        return stored.get_absolute_url() if stored and stored.is_live else None


def a_year_after(day):
    """The same date a year on (28 February after a 29 February): how long a review holds."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def a_year_from_today():
    """A new item's first review date: a year from today (the site's time zone)."""
    return a_year_after(timezone.localdate())


class Reviewed(models.Model):
    """Content a person checks against the sources from time to time, as NHS pages do. An item
    with no next-review date counts as due: nobody has said when it should be checked."""

    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When a person last checked the content against the sources."
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        default=a_year_from_today,
        help_text=(
            "When it should be checked again: a year from the day it was added, unless you change it. "
            "Left empty, it counts as overdue."
        ),
    )

    clinically_checked_on = models.DateField(
        "checked by a clinical reviewer on",
        null=True,
        blank=True,
        editable=False,  # set only by a reviewer's approval (kneesite/review.py)
        help_text="The day a clinical reviewer last approved a change to it here.",
    )

    class Meta:
        abstract = True

    @staticmethod
    def overdue_lookup(today=None):
        """A Q for items due before `today` (default: today), or with no next-review date."""
        today = today or timezone.localdate()
        return models.Q(next_review_due__lt=today) | models.Q(next_review_due__isnull=True)

    @property
    def review_overdue(self):
        return self.next_review_due is None or self.next_review_due < timezone.localdate()

    def mark_reviewed(self, today=None):
        """Reviewed `today` (default: today), due again a year on. Does not save."""
        self.last_reviewed = today or timezone.localdate()
        self.next_review_due = a_year_after(self.last_reviewed)


def leave_redirect(old_path, new_path):
    """Send readers (and shared links) from a page's old URL to its new one."""
    site = Site.objects.get_current()
    Redirect.objects.filter(site=site, old_path=new_path).delete()  # the new URL is live again
    Redirect.objects.filter(site=site, new_path=old_path).update(new_path=new_path)
    Redirect.objects.update_or_create(site=site, old_path=old_path, defaults={"new_path": new_path})
