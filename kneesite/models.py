"""What the site remembers of the content it shipped, so a later release can update a shipped
text without ever overwriting an author's edit (see kneesite/content_loader.py).

Kept in two tables of their own rather than as fields on each content model: deleted items are
remembered too (so they are never re-created), the content models, their admin forms and their
version history stay as authors know them, and one place holds the rule for every model.
"""

from django.db import models


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
