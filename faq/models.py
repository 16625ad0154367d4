import re

from django.db import models
from django.urls import reverse
from markdownx.models import MarkdownxField

from articles.models import Choice, Exercise, Section, Source
from kneesite.markdown import plain_text
from kneesite.publishing import Publishable, Reviewed


class Entry(Reviewed, Publishable):
    """A question and its answer, each with a permalink page made to be shared."""

    question = models.CharField(max_length=200, unique=True, help_text="As a reader would ask it.")
    slug = models.SlugField(max_length=100, unique=True, help_text="Its permalink: /faq/this-slug/.")
    answer = MarkdownxField(
        help_text="Markdown. The first sentences become the page’s description in search results and shares."
    )
    answer_html = models.TextField(editable=False, default="")
    position = models.PositiveIntegerField(default=0, help_text="Lower numbers come first in the FAQ list.")
    related_sections = models.ManyToManyField(
        Section, blank=True, related_name="faq_entries", help_text="Guide sections to read next."
    )
    related_exercises = models.ManyToManyField(
        Exercise, blank=True, related_name="faq_entries", help_text="Exercises this answer points to."
    )
    sources = models.ManyToManyField(
        Source, blank=True, related_name="faq_entries", help_text="The references this answer rests on."
    )
    suggested_after = models.ManyToManyField(
        Choice,
        blank=True,
        related_name="faq_entries",
        verbose_name="suggest after these self-check answers",
        help_text=(
            "The self-check result lists this question, with that answer’s reason, when a reader "
            "gives one of these answers (never when the result says to get help first)."
        ),
    )

    markdown_fields = [("answer", "answer_html")]
    page_url_name = "faq:entry"  # its page, for links in Markdown (kneesite/markdown_checks.py)

    class Meta:
        ordering = ["position", "question"]
        # Published entries in list order, with the publication time to check in the index
        # itself: the FAQ list, its page count and the home page's first few stay quick at
        # 10,000 entries (without it SQLite sorted every published entry for each).
        indexes = [
            models.Index(
                fields=["is_published", "position", "question", "pub_date"], name="faq_entry_published_order"
            )
        ]
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse(self.page_url_name, kwargs={"slug": self.slug})

    @property
    def description(self):
        """The answer as one line of plain text."""
        return plain_text(self.answer_html)

    def schema_org(self):
        """schema.org FAQPage data for the permalink: the question, and the answer as the page
        shows it, in its sanitized HTML (an Answer's text may hold HTML), so its paragraphs,
        lists and links are kept."""
        answer = {"@type": "Answer", "text": self.answer_html}
        return {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [{"@type": "Question", "name": self.question, "acceptedAnswer": answer}],
        }

    @property
    def first_sentence(self):
        """The answer's first sentence (at most 200 characters, cut at a word), for the page's
        description in search results and link previews."""
        sentence = re.split(r"(?<=[.!?])\s", self.description, maxsplit=1)[0]
        return sentence if len(sentence) <= 200 else sentence[:199].rsplit(" ", 1)[0] + "…"
