"""API keys: shown once, stored as a hash, revocable, managed in the admin."""

import hashlib

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from hiring.integrations import keys
from hiring.models import ApiKey, Membership

pytestmark = pytest.mark.django_db

LIST = "/api/v1/postings/"


def test_it_stores_only_the_hash_of_the_secret(write_key):
    key, token = write_key
    prefix, secret = keys.token_parse(token)

    assert token.startswith(f"rk_{key.prefix}_")
    assert prefix == key.prefix
    assert key.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiKey.objects.filter(pk=key.pk).values().get())


def test_it_acts_as_a_service_user_outside_the_companys_people(write_key, acme):
    key, _ = write_key

    assert not key.user.has_usable_password()
    assert not key.user.is_staff
    assert not Membership.objects.filter(user=key.user).exists()


def test_it_authenticates_and_records_the_last_use(api, write_key):
    assert api.get(LIST).status_code == 200

    write_key[0].refresh_from_db()
    assert write_key[0].last_used_at is not None


def test_it_refuses_a_revoked_key(api, write_key):
    keys.api_key_revoke(key=write_key[0])

    assert api.get(LIST).status_code == 401


def test_a_known_key_authenticates_without_a_query(write_key, django_assert_num_queries):
    key, token = write_key
    keys.api_key_authenticate(token=token)  # read, and its first use recorded
    keys.api_key_authenticate(token=token)  # read again, and kept

    with django_assert_num_queries(0):
        assert keys.api_key_authenticate(token=token) == key


def test_a_key_revoked_or_narrowed_while_cached_takes_effect_at_once(api, write_key):
    key, _ = write_key
    for _ in range(2):
        assert api.get(LIST).status_code == 200

    key.scope = ApiKey.Scope.READ
    key.save()
    assert api.post(LIST, {}, format="json").status_code == 403

    keys.api_key_revoke(key=key)
    assert api.get(LIST).status_code == 401


def test_it_refuses_a_right_prefix_with_a_wrong_secret(write_key, client_for):
    key, _ = write_key

    assert client_for(f"rk_{key.prefix}_guess").get(LIST).status_code == 401


def test_it_shows_the_token_once_when_a_company_admin_adds_a_key(client, company_admin, acme):
    client.force_login(company_admin)

    response = client.post(
        reverse("admin:hiring_apikey_add"),
        {"company": acme.pk, "name": "Greenhouse sync", "scope": "write", "role": "recruiter"},
        follow=True,
    )

    [message] = [
        m.message for m in get_messages(response.wsgi_request) if "not be shown" in m.message
    ]
    key = ApiKey.objects.get(name="Greenhouse sync")
    token = message.rsplit(" ", 1)[1]
    assert keys.api_key_authenticate(token=token) == key
    assert (key.company, key.created_by, key.scope) == (acme, company_admin, "write")
    page = client.get(reverse("admin:hiring_apikey_change", args=[key.pk]))
    assert token not in page.content.decode()


def test_it_keeps_approval_keys_for_superusers(client, company_admin, superuser, acme):
    client.force_login(company_admin)
    form = client.get(reverse("admin:hiring_apikey_add")).context["adminform"].form
    assert [value for value, _ in form.fields["role"].choices] == ["recruiter"]

    client.force_login(superuser)
    form = client.get(reverse("admin:hiring_apikey_add")).context["adminform"].form
    assert "hiring_manager" in [value for value, _ in form.fields["role"].choices]


def test_it_hides_other_companies_keys_in_the_admin(client, outside_admin, write_key):
    client.force_login(outside_admin)

    changelist = client.get(reverse("admin:hiring_apikey_changelist"))
    change = client.get(reverse("admin:hiring_apikey_change", args=[write_key[0].pk]))

    assert write_key[0].name not in changelist.content.decode()
    assert change.status_code == 404


def test_it_revokes_keys_from_the_admin(client, company_admin, api, write_key):
    client.force_login(company_admin)

    client.post(
        reverse("admin:hiring_apikey_changelist"),
        {"action": "revoke_selected", "_selected_action": [write_key[0].pk]},
    )

    assert api.get(LIST).status_code == 401
