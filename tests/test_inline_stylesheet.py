"""The stylesheet is inlined into every public page's <head>, so no request holds up the first
paint, and the strict Content-Security-Policy allows that one block by its hash alone."""

import base64
import gzip
import hashlib
import re

import pytest

from .readability import ERROR_PAGES, public_pages

pytestmark = pytest.mark.django_db

MAX_WIRE_BYTES = 15 * 1024  # every page, gzip-compressed as it is sent
STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
PAGES = ["/", "/guide/runners-knee-recovery/", "/faq/where-does-runners-knee-hurt/", "/no-such-page/"]


def every_page(client):
    return [path for _, path in public_pages(client)] + [path for _, path, _ in ERROR_PAGES]


def style_src(response):
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    return policy["style-src"].split()


def sha256_source(text):
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


@pytest.mark.parametrize("path", PAGES)
def test_the_csp_allows_exactly_the_pages_one_inlined_style_block(client, path):
    html = client.get(path).content.decode()
    blocks = STYLE.findall(html)
    assert len(blocks) == 1
    assert style_src(client.get(path)) == ["'self'", sha256_source(blocks[0])]


def test_a_cached_page_and_a_fresh_one_carry_the_same_policy(client):
    fresh = client.get("/faq/")
    cached = client.get("/faq/")
    not_cached = client.get("/no-such-page/")
    assert fresh["Content-Security-Policy"] == cached["Content-Security-Policy"]
    assert cached["Content-Security-Policy"] == not_cached["Content-Security-Policy"]


def test_no_page_links_a_stylesheet_that_blocks_its_first_paint(client):
    for path in every_page(client):
        html = client.get(path).content.decode()
        head = html.partition("</head>")[0]
        assert not re.search(r"<link[^>]+rel=\"?stylesheet", html), path
        assert ".site-header{" in STYLE.search(head).group(1), path


def test_the_print_rules_are_inlined_too(client):
    css = STYLE.search(client.get("/").content.decode()).group(1)
    assert "@media print{" in css
    assert "@page{size:A4" in css


def test_every_page_is_at_most_15_kb_on_the_wire(client):
    too_big = {}
    for path in every_page(client):
        response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
        assert response["Content-Encoding"] == "gzip", path
        assert gzip.decompress(response.content).count(b"<style>") == 1, path  # the styles are in it
        if len(response.content) > MAX_WIRE_BYTES:
            too_big[path] = len(response.content)
    assert not too_big


def test_the_admin_keeps_its_linked_stylesheets(client):
    html = client.get("/admin/login/").content.decode()
    assert re.search(r'<link rel="stylesheet" href="[^"]*admin/css/', html)
    assert "<style>" not in html
