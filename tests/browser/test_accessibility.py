"""axe-core's WCAG 2.2 A/AA rules on each kind of public page, in a real browser."""

import pytest

from .conftest import assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    "path",
    [
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
    ],
)
def test_page_has_no_wcag_violations(live_server, page, path):
    page.goto(live_server.url + path)
    assert_no_axe_violations(page)
