"""The review flow on the production path: two app instances behind nginx sharing one database
and Redis. An author's change waits, on every instance and through nginx, until a clinical
reviewer approves it; then every instance and nginx show it."""

import re
import time
import urllib.parse

import pytest

from tests.pageforms import read_form
from tests.test_two_instances import (  # noqa: F401 (pytest fixtures)
    MAX_AGE,
    PERMALINK,
    database_url,
    fetch,
    signed_in,
    stack,
)

pytestmark = pytest.mark.stack


def post_page_form(app_url, opener, path, changes=None, button=None, form_id=None):
    """Read the form on `path` as rendered, change it, post it back (tests/pageforms.py)."""
    _, _, page = fetch(f"{app_url}{path}", opener)
    form = read_form(page, form_id).change(**(changes or {}))
    data = urllib.parse.urlencode(form.data(button), doseq=True).encode()
    return fetch(f"{app_url}{form.action or path}", opener, data)


def test_an_authors_change_waits_on_both_instances_and_nginx_until_approved(stack):  # noqa: F811
    one, other = stack.app_urls
    stack.manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import Group, User; "
        "u = User.objects.create_user('writer', '', 'a-long-stack-password', is_staff=True); "
        "u.groups.add(Group.objects.get(name='Authors'))",
    )
    writer, _ = signed_in(one, "writer", "a-long-stack-password")
    _, _, found = fetch(f"{one}/admin/faq/entry/?q=where+does", writer)
    entry_path = re.search(r'href="(/admin/faq/entry/\d+/change/)', found).group(1)
    fetch(other + PERMALINK)  # cached on the other instance
    pending = "Pending words awaiting a clinical reviewer."

    post_page_form(one, writer, entry_path, {"answer": pending}, button="_save")

    time.sleep(MAX_AGE + 1)
    for base in (one, other, stack.nginx_url):
        _, _, body = fetch(base + PERMALINK)
        assert pending not in body, f"{base} showed a change awaiting review"

    editor, _ = signed_in(other, "editor", "a-long-stack-password")  # a superuser: a reviewer
    _, _, home = fetch(f"{other}/admin/", editor)
    review_path = re.search(r'href="(/admin/kneesite/pendingchange/\d+/review/)"', home).group(1)
    post_page_form(other, editor, review_path, button="_approve", form_id="review-form")

    _, _, body = fetch(one + PERMALINK)
    assert pending in body, "the other instance served its stale page after approval"
    time.sleep(MAX_AGE + 1)
    _, _, body = fetch(stack.nginx_url + PERMALINK)
    assert pending in body
