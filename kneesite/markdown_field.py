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


def convert_stored_line_ends(apps, using, model_label, field_names):
    """For a data migration: give `model_label`'s Markdown `field_names` plain line ends in its
    rows and in every stored version of them (django-reversion), so old and new versions compare
    equal where only line ends differ. Rows are updated in place: no signal, no new version."""
    import json

    from django.db.models import F, Q, Value
    from django.db.models.functions import Replace

    model = apps.get_model(model_label)
    has_cr = Q.create([(f"{name}__contains", "\r") for name in field_names], connector=Q.OR)
    model.objects.using(using).filter(has_cr).update(
        **{
            name: Replace(Replace(F(name), Value("\r\n"), Value("\n")), Value("\r"), Value("\n"))
            for name in field_names
        }
    )
    app_label, model_name = model_label.lower().split(".")
    content_type = (
        apps.get_model("contenttypes", "ContentType")
        .objects.using(using)
        .filter(app_label=app_label, model=model_name)
        .first()
    )
    if content_type is None:
        return
    versions = apps.get_model("reversion", "Version").objects.using(using)
    for version in versions.filter(content_type=content_type, serialized_data__contains="\\r"):
        data = json.loads(version.serialized_data)
        for item in data:
            fields = item.get("fields", {})
            for name in field_names:
                if isinstance(fields.get(name), str):
                    fields[name] = plain_line_ends(fields[name])
        version.serialized_data = json.dumps(data)
        version.save(update_fields=["serialized_data"])
