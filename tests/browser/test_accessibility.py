"""axe-core's WCAG 2.2 A/AA rules on each kind of public page, in a real browser."""

import pytest

from .conftest import assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


# One kind of public page each.
PATHS = [
    "/",
    "/guide/runners-knee-recovery/",
    "/exercises/",
    "/exercises/glute-bridge/",
    "/faq/",
    "/faq/is-walking-good-for-runners-knee/",
    "/self-check/",
    "/self-check/questions/?warning-signs=none",
    "/self-check/result/?warning-signs=none&where-it-hurts=kneecap&half-squat-test=moved-inward"
    "&knees-roll-in=no&training-change=none&walking=pain-free&running-pain=still-hurts&how-long=few-weeks",
    "/self-check/result/?warning-signs=no-weight",
    "/search/?q=thigh+stretch",
    "/search/?q=xylophone",
    "/no-such-page/",
]


def test_every_kind_of_public_page_has_no_wcag_violations(live_server, page):
    """All pages in one test: each test of a live server reloads the whole content. The report
    names every page with a violation."""
    failures = []
    for path in PATHS:
        page.goto(live_server.url + path)
        try:
            assert_no_axe_violations(page)
        except AssertionError as violations:
            failures.append(f"{path}\n{violations}")
    assert not failures, "\n\n".join(failures)
