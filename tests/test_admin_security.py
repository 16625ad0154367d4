"""A locked-down admin: throttled logins with a clear lock-out, sessions that end after a
working day, a logout that works, and the strict CSP on admin pages too."""

import pytest
from django.core.management import call_command
from pytest_django.asserts import assertContains, assertRedirects

from .pageforms import submit

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def sign_in(client, password, **extra):
    """Fill in and send the login page's form as the author."""
    return submit(client, LOGIN, {"username": "author", "password": password}, **extra)


def test_repeated_failed_logins_lock_the_account_with_a_clear_message(client, author):
    for _ in range(4):
        assert sign_in(client, "wrong-password").status_code == 200  # the form, with its error
    assert sign_in(client, "wrong-password").status_code == 429  # the fifth failure locks
    locked = sign_in(client, "a-long-test-password-1")  # even the right one, while locked
    assert locked.status_code == 429
    assertContains(locked, "Too many failed sign-ins", status_code=429)
    assertContains(locked, "15 minutes", status_code=429)


def test_the_documented_command_unlocks_a_user(client, author):
    for _ in range(5):
        sign_in(client, "wrong-password")
    assert sign_in(client, "a-long-test-password-1").status_code == 429
    call_command("axes_reset_username", "author")
    assertRedirects(sign_in(client, "a-long-test-password-1"), "/admin/", fetch_redirect_response=False)


def test_another_address_is_not_locked_out_by_someone_elses_failures(client, author):
    for _ in range(5):
        sign_in(client, "wrong", REMOTE_ADDR="203.0.113.9")
    response = sign_in(client, "a-long-test-password-1", REMOTE_ADDR="198.51.100.7")
    assertRedirects(response, "/admin/", fetch_redirect_response=False)


def test_a_staff_session_ends_after_a_working_day_and_logout_works(client, author):
    response = sign_in(client, "a-long-test-password-1")
    assert response.cookies["sessionid"]["max-age"] == 8 * 60 * 60
    admin_page = client.get("/admin/")
    assert admin_page.status_code == 200
    assert "script-src 'self'" in admin_page["Content-Security-Policy"]
    assert submit(client, "/admin/", form_id="logout-form").status_code == 200
    assertRedirects(client.get("/admin/"), "/admin/login/?next=/admin/", fetch_redirect_response=False)


@pytest.mark.parametrize(
    "forwarded,expected",
    [("203.0.113.9", "203.0.113.9"), ("198.51.100.66, 203.0.113.9", "203.0.113.9"), ("", "127.0.0.1")],
    ids=["set by nginx", "a made-up address before nginx's", "no header"],
)
def test_behind_one_proxy_the_client_is_the_address_the_proxy_saw(settings, rf, forwarded, expected):
    from kneesite.client_ip import client_ip

    settings.PROXY_COUNT = 1
    request = rf.get("/admin/login/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == expected
