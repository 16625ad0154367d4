"""Markdown as authors type it, stored with plain `\\n` line ends. Browsers post every textarea
with CRLF; stored as sent, each later save, diff, History comment and "Recent changes" line
would claim a field changed that nobody touched."""

import re

from markdownx.fields import MarkdownxFormField


def plain_line_ends(text):
    """`text` with every line end (CRLF, CR, LF) as LF; None stays None."""
    return text if text is None else re.sub(r"\r\n?", "\n", text)


class MarkdownFormField(MarkdownxFormField):
    """The admin's Markdown editor field: what it cleans (and compares, to tell whether the
    field changed) has plain line ends."""

    def to_python(self, value):
        return plain_line_ends(super().to_python(value))
