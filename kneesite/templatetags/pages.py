"""Template tags for what every page's <head> says: one title and description, used for the
browser, search engines and link previews alike, and structured data that cannot break out."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from kneesite import address, stylesheet
from kneesite.markdown import plain_text

register = template.Library()


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # Kept at the template's top level, so the rest of the page can use it.
        context.dicts[0][self.name] = mark_safe(self.nodelist.render(context).strip())
        return ""


@register.tag
def capture(parser, token):
    """{% capture as name %}…{% endcapture %}: render once, use as {{ name }} anywhere after."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Use {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.simple_tag
def absolute_url(path):
    """{% absolute_url path %}: `path` on the site's one address (kneesite/address.py)."""
    return address.absolute_url(path)


@register.filter
def one_line(value):
    """{% filter one_line %}…{% endfilter %}: text or HTML as one line of plain text
    (kneesite/markdown.py plain_text), escaped again: a description for a meta tag."""
    return escape(plain_text(value))


# The characters json_script escapes, so that no text (an author's "</script>") ends the block.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """A schema.org JSON-LD block: data only, never run (so it needs no CSP exception)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag
def inline_stylesheet():
    """{% inline_stylesheet %}: the site's stylesheet as a <style> element, byte for byte the text
    whose hash the Content-Security-Policy allows (kneesite/stylesheet.py)."""
    return format_html("<style>{}</style>", mark_safe(stylesheet.inline_css()))
