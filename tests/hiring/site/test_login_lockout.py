"""Brute-force protection of the two login pages: per account, per address, and an unlock."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from hiring.site.login_lockout import LOCKED_OUT, client_address

LOGIN_PAGES = [reverse("admin:login"), reverse("review:login")]
LIMIT = settings.AXES_FAILURE_LIMIT


def log_in(client, page, username, password, address="203.0.113.7", **headers):
    return client.post(
        page, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def fail(client, page, times, usernames=("hugo",), address="203.0.113.7"):
    for attempt in range(times):
        username = usernames[attempt % len(usernames)]
        response = log_in(client, page, username, "wrong", address=address)
        assert "_auth_user_id" not in client.session
    return response


@pytest.mark.parametrize("page", LOGIN_PAGES)
def test_it_refuses_the_right_password_once_an_account_is_locked_out(
    client, hiring_manager, superuser, page
):
    fail(client, page, LIMIT)

    response = log_in(client, page, "hugo", "pw")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # The same login page, with the reason and what to do next.
    assert LOCKED_OUT.format(minutes=15) in response.content.decode()
    assert 'name="password"' in response.content.decode()


@pytest.mark.parametrize("page", LOGIN_PAGES)
def test_it_tells_the_attempt_that_reaches_the_limit(client, hiring_manager, page):
    fail(client, page, LIMIT - 1)
    response = log_in(client, page, "hugo", "wrong")
    assert response.status_code == 429
    assert LOCKED_OUT.format(minutes=15) in response.content.decode()


def test_it_lets_a_login_through_below_the_limit(client, hiring_manager):
    fail(client, LOGIN_PAGES[1], LIMIT - 1)
    response = log_in(client, LOGIN_PAGES[1], "hugo", "pw")
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_it_locks_an_account_out_whatever_address_the_attempts_come_from(client, hiring_manager):
    for index in range(LIMIT):
        log_in(client, LOGIN_PAGES[1], "hugo", "wrong", address=f"198.51.100.{index + 1}")

    response = log_in(client, LOGIN_PAGES[1], "hugo", "pw", address="192.0.2.200")

    assert response.status_code == 429 and "_auth_user_id" not in client.session


def test_it_locks_an_address_out_whatever_accounts_it_tries(client, hiring_manager, recruiter):
    fail(client, LOGIN_PAGES[0], LIMIT, usernames=[f"guess{n}" for n in range(LIMIT)])

    refused = log_in(client, LOGIN_PAGES[1], "hugo", "pw")
    elsewhere = log_in(client, LOGIN_PAGES[1], "hugo", "pw", address="192.0.2.200")

    assert refused.status_code == 429
    assert elsewhere.status_code == 302 and "_auth_user_id" in client.session


def test_it_lets_the_account_in_again_after_the_cool_off(client, hiring_manager):
    fail(client, LOGIN_PAGES[1], LIMIT)
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    response = log_in(client, LOGIN_PAGES[1], "hugo", "pw")
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_it_keeps_no_password_of_a_failed_attempt(client, hiring_manager):
    log_in(client, LOGIN_PAGES[1], "hugo", "hunter2-typo")
    attempt = AccessAttempt.objects.get()
    assert attempt.username == "hugo" and attempt.ip_address == "203.0.113.7"
    assert "hunter2-typo" not in attempt.post_data


def test_it_lets_a_superuser_unlock_an_account_in_the_admin(client, hiring_manager, superuser):
    fail(client, LOGIN_PAGES[1], LIMIT)
    attempt = AccessAttempt.objects.get(username="hugo")

    client.force_login(superuser)
    listing = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200 and "hugo" in listing.content.decode()
    delete_url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    client.logout()

    response = log_in(client, LOGIN_PAGES[1], "hugo", "pw")
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_it_unlocks_an_account_from_the_command_line(client, hiring_manager):
    fail(client, LOGIN_PAGES[1], LIMIT)
    call_command("axes_reset_username", "hugo", verbosity=0)
    response = log_in(client, LOGIN_PAGES[1], "hugo", "pw", address="192.0.2.200")
    assert response.status_code == 302


def test_it_shows_the_attempts_to_superusers_only(client, recruiter):
    client.force_login(recruiter)
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403


def test_it_leaves_api_keys_and_signed_in_sessions_alone(client, hiring_manager, acme):
    from hiring.integrations.keys import api_key_create

    _, token = api_key_create(company=acme, name="ATS", scope="read")
    postings = reverse("api:posting-list")
    for _ in range(LIMIT + 2):
        client.get(postings, HTTP_AUTHORIZATION="Bearer rk_00000000_wrong")
    fail(client, LOGIN_PAGES[1], LIMIT)  # this address is now locked out of the login pages

    with_key = client.get(postings, HTTP_AUTHORIZATION=f"Bearer {token}")
    client.force_login(hiring_manager)
    signed_in = client.get(reverse("review:queue"))

    assert with_key.status_code == 200 and signed_in.status_code == 200
    assert not AccessAttempt.objects.exclude(path_info=LOGIN_PAGES[1]).exists()


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "203.0.113.7", None, "203.0.113.7"),
        # Without a trusted proxy, X-Forwarded-For is the client's own claim: ignored.
        (0, "203.0.113.7", "192.0.2.1", "203.0.113.7"),
        # One proxy appends the address it saw; what the client sent before it is ignored.
        (1, "10.0.0.2", "192.0.2.1, 198.51.100.9", "198.51.100.9"),
        (1, "10.0.0.2", "198.51.100.9", "198.51.100.9"),
        # Two proxies: the outer one's entry is second from the right.
        (2, "10.0.0.3", "192.0.2.1, 198.51.100.9, 10.0.0.2", "198.51.100.9"),
        # A request that did not come through the proxies (too few entries), or garbage.
        (2, "10.0.0.3", "198.51.100.9", "10.0.0.3"),
        (1, "10.0.0.2", "not-an-address", "10.0.0.2"),
        (1, "10.0.0.2", "", "10.0.0.2"),
        (1, "10.0.0.2", "2001:db8::7", "2001:db8::7"),
    ],
)
def test_it_takes_the_client_address_from_the_trusted_proxies_only(
    rf, proxies, remote, forwarded, expected
):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    with override_settings(ROLEKIT_TRUSTED_PROXIES=proxies):
        assert client_address(rf.get("/", **headers)) == expected
