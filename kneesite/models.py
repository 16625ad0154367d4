"""What the site remembers of the content it shipped, so a later release can update a shipped
text without ever overwriting an author's edit (see kneesite/content_loader.py).

Kept in two tables of their own rather than as fields on each content model: deleted items are
remembered too (so they are never re-created), the content models, their admin forms and their
version history stay as authors know them, and one place holds the rule for every model.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse


class ShippedItem(models.Model):
    """An item the site shipped: which model, the name it ships under, and its row (a row that
    no longer exists was deleted by an author, and stays deleted)."""

    model = models.CharField(max_length=100, help_text="The model's label, e.g. “articles.exercise”.")
    identity = models.CharField(
        max_length=200, help_text="The name it ships under: a slug, a source's key, or “question/choice”."
    )
    object_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Its row; empty if it was already gone when first remembered."
    )

    class Meta:
        ordering = ["model", "identity"]
        constraints = [models.UniqueConstraint(fields=["model", "identity"], name="unique_shipped_item")]
        verbose_name = "shipped item"
        verbose_name_plural = "shipped items"

    def __str__(self):
        return f"{self.model} {self.identity}"


class ShippedText(models.Model):
    """The hash of the shipped text one field of a shipped item was last loaded from; empty when
    the field holds an author's text."""

    item = models.ForeignKey(ShippedItem, on_delete=models.CASCADE, related_name="texts")
    field = models.CharField(max_length=100)
    hash = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the shipped value, or empty.")

    class Meta:
        ordering = ["item", "field"]
        constraints = [models.UniqueConstraint(fields=["item", "field"], name="unique_shipped_text")]
        verbose_name = "shipped text"
        verbose_name_plural = "shipped texts"

    def __str__(self):
        return f"{self.item} {self.field}"


class PendingChange(models.Model):
    """A change to something readers can see, waiting for a clinical reviewer (kneesite/review.py).
    Readers keep the published row until it is approved. A change is kept as what the item's admin
    page posted (`data`: [name, value] pairs, inline answers included), so approving it saves it
    through that same page, with every check a save has."""

    class Kind(models.TextChoices):
        CHANGE = "change", "Change"
        PUBLISH = "publish", "Publish"
        UNPUBLISH = "unpublish", "Unpublish"
        DELETE = "delete", "Delete"

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting review"
        SENT_BACK = "sent_back", "Sent back"
        APPROVED = "approved", "Approved"
        SCHEDULED = "scheduled", "Approved, goes live later"

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(help_text="The item's row.")
    object_repr = models.CharField("item", max_length=300, help_text="The item's name when last saved.")
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.CHANGE)
    data = models.JSONField(
        default=list, blank=True, help_text="What the item's page posted: [name, value] pairs."
    )
    fields = models.JSONField(default=list, blank=True, help_text="The names of the fields it changes.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pending_changes"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING, db_index=True)
    comment = models.TextField(blank=True, help_text="The reviewer's words to the author.")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_changes",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    publish_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="For an approved change to a live item: when it goes live "
        "(manage.py publish_scheduled_changes applies it then).",
    )

    class Meta:
        ordering = ["-updated_at"]
        permissions = [("approve_change", "Can approve changes to what readers see")]
        verbose_name = "change awaiting review"
        verbose_name_plural = "changes awaiting review"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.object_repr}"

    def get_absolute_url(self):
        return reverse("admin:kneesite_pendingchange_review", args=[self.pk])

    def item_admin_url(self):
        """The admin page of the item the change is to (where its author edits it again)."""
        opts = self.content_type.model_class()._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.object_id])

    @property
    def is_open(self):
        """Still the item's current change: awaiting review or sent back to its author."""
        return self.status in (self.Status.PENDING, self.Status.SENT_BACK)
