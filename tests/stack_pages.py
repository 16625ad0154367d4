"""Talking to a running stack (deploy/stack.py) as a browser would, over HTTP: fetching pages,
waiting for one to change, signing in and posting the forms pages render. For
tests/test_two_instances.py, tests/test_stack_resilience.py and the `stack` fixture
(tests/conftest.py)."""

import http.cookiejar
import re
import time
import urllib.parse
import urllib.request
import uuid

from .pageforms import read_form

MAX_AGE = 1  # seconds nginx may keep a page: the shortest that still caches
HUNG = 300  # seconds: every wait ends at its event; only a hung stack waits this long
PERMALINK = "/faq/where-does-runners-knee-hurt/"


def fetch(url, opener=None, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    with (opener or urllib.request.build_opener()).open(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read().decode(errors="replace")


def fetch_until(url, awaited, opener=None):
    """Fetch `url` until `awaited(status, headers, body)` holds and return that response; fail
    only when it never does (after HUNG seconds)."""
    deadline = time.monotonic() + HUNG
    while True:
        response = fetch(url, opener)
        if awaited(*response):
            return response
        assert time.monotonic() < deadline, f"{url} never answered as awaited; last: {response[:2]}"
        time.sleep(0.1)


def csrf_token(jar):
    return next(cookie.value for cookie in jar if cookie.name == "csrftoken")


def submit_page_form(url, changes, opener, button=None, form_id=None):
    """Post the form the page at `url` renders (the one with id `form_id`, else the first), with
    `changes`, by its `button`, as a browser would (tests/pageforms.py); returns the response."""
    _, _, page = fetch(url, opener)
    form = read_form(page, form_id).change(**changes)
    return fetch(
        urllib.parse.urljoin(url, form.action),
        opener,
        urllib.parse.urlencode(form.data(button), doseq=True).encode(),
    )


def signed_in(app_url, username, password):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    changes = {"username": username, "password": password}
    _, _, body = submit_page_form(f"{app_url}/admin/login/?next=/admin/", changes, opener)
    assert "Log out" in body, "the author could not sign in"
    return opener, jar


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    lines = []
    for name, value in fields.items():
        lines += [f"--{boundary}", f'Content-Disposition: form-data; name="{name}"', "", value]
    body = "\r\n".join(lines).encode() + b"\r\n"
    for name, (filename, content, content_type) in files.items():
        body += (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n"
            ).encode()
            + content
            + b"\r\n"
        )
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def edit_an_answer(app_url, search="where does", opener=None):
    """Rewrite, through the admin, the answer of the FAQ entry found by `search` (by default
    the one on PERMALINK), as the editor (signed in now, unless `opener` already is). Returns
    the new answer."""
    opener = opener or signed_in(app_url, "editor", "a-long-stack-password")[0]
    query = urllib.parse.urlencode({"q": search})
    _, _, change_list = fetch(f"{app_url}/admin/faq/entry/?{query}", opener)
    entry_id = re.search(r'href="/admin/faq/entry/(\d+)/change/', change_list).group(1)
    edited = f"Edited by the editor {uuid.uuid4().hex[:8]}."
    _, _, body = submit_page_form(f"{app_url}/admin/faq/entry/{entry_id}/change/", {"answer": edited}, opener)
    assert "was changed successfully" in body, "the edit was not saved"
    return edited


def create_editor(stack):
    stack.manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User; "
        "User.objects.create_superuser('editor', '', 'a-long-stack-password')",
    )
