"""The site's stylesheet, inlined into every public page's <head>, so the first paint waits for
no request (Lighthouse's render-blocking audits), and the hash the Content-Security-Policy
allows it by: no 'unsafe-inline', and the same policy on every worker and every cached page.

The admin keeps its own linked stylesheets (templates/admin/base_site.html), and so do the
static error pages nginx serves; static/css/site.css stays the one file to edit.
"""

import base64
import functools
import hashlib
from pathlib import Path

import rcssmin

SOURCE = Path(__file__).resolve().parent.parent / "static" / "css" / "site.css"


@functools.cache
def inline_css():
    """static/css/site.css, minified (rcssmin), as a str: the exact text of the pages' <style>
    element. Read once per process, so a changed file takes effect at the next deploy (a new
    build id: the CSP is part of it). ValueError if it could end the <style> element early."""
    css = rcssmin.cssmin(SOURCE.read_text(encoding="utf-8"))
    if "</" in css:
        raise ValueError(f"{SOURCE} holds '</', which would end the inlined <style> element")
    return css


def csp_source():
    """The CSP source that allows exactly inline_css(): "'sha256-<base64 digest of its UTF-8>'"."""
    digest = hashlib.sha256(inline_css().encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"
