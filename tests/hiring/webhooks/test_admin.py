"""Webhooks in the admin: the secret shown once, refused URLs, redelivery, other
companies' deliveries kept out."""

import pytest
from django.urls import reverse

from hiring.models import WebhookDelivery
from hiring.webhooks import endpoints, events
from hiring.webhooks.delivery import (
    delivery_redeliver,
)

pytestmark = pytest.mark.django_db


def test_it_shows_the_secret_once_when_an_endpoint_is_added(client, company_admin, acme, receiver):
    client.force_login(company_admin)

    response = client.post(
        reverse("admin:hiring_webhookendpoint_add"),
        {"company": acme.pk, "url": receiver.url, "events": ["posting.published"], "active": "on"},
        follow=True,
    )

    endpoint = acme.webhook_endpoints.get()
    messages = [str(m) for m in response.context["messages"]]
    assert any(endpoint.secret in message for message in messages)
    assert endpoint.events == ["posting.published"]
    page = client.get(reverse("admin:hiring_webhookendpoint_change", args=[endpoint.pk]))
    assert endpoint.secret not in page.content.decode()


@pytest.mark.parametrize(
    "url", ["http://hooks.example.com/rolekit", "https://[::127.0.0.1]/", "https://10.1.2.3/"]
)
def test_it_refuses_a_private_or_plain_http_endpoint_in_the_admin(
    client, company_admin, acme, settings, url
):
    settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = False
    client.force_login(company_admin)

    response = client.post(
        reverse("admin:hiring_webhookendpoint_add"),
        {"company": acme.pk, "url": url, "events": ["posting.published"], "active": "on"},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["url"]
    assert not acme.webhook_endpoints.exists()


def test_it_refuses_the_same_urls_when_an_endpoint_is_changed_in_the_admin(
    client, company_admin, acme, settings
):
    settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = False
    endpoint, _ = endpoints.endpoint_create(
        company=acme, url="https://hooks.example.com/rolekit", events=["posting.published"]
    )
    client.force_login(company_admin)

    response = client.post(
        reverse("admin:hiring_webhookendpoint_change", args=[endpoint.pk]),
        {
            "company": acme.pk,
            "url": "https://169.254.169.254/",
            "events": ["posting.published"],
            "active": "on",
        },
    )

    assert response.status_code == 200
    assert "169.254.169.254" in str(response.context["adminform"].form.errors["url"])
    endpoint.refresh_from_db()
    assert endpoint.url == "https://hooks.example.com/rolekit"


def test_it_redelivers_from_the_admin(client, company_admin, posting, receiver, endpoint):
    receiver.status = 400
    [delivery] = events.emit("posting.archived", posting.pk)
    receiver.status = 200
    client.force_login(company_admin)

    page = client.get(reverse("admin:hiring_webhookdelivery_change", args=[delivery.pk]))
    client.post(
        reverse("admin:hiring_webhookdelivery_changelist"),
        {"action": "redeliver", "_selected_action": [delivery.pk]},
    )

    assert page.status_code == 200 and b"400" in page.content
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED
    assert list(delivery.attempts.values_list("status_code", flat=True)) == [400, 200]


def test_it_keeps_other_companies_deliveries_out_of_the_admin(
    client, outside_admin, posting, receiver, endpoint
):
    [delivery] = events.emit("posting.archived", posting.pk)
    client.force_login(outside_admin)

    response = client.get(reverse("admin:hiring_webhookdelivery_change", args=[delivery.pk]))

    assert response.status_code == 404


def test_it_sends_the_events_waiting_behind_a_redelivered_one(posting, receiver, endpoint):
    receiver.status = 503
    [first] = events.emit("rubric.approved", posting.pk)  # refused, retrying
    [second] = events.emit("posting.archived", posting.pk)  # waits behind it
    receiver.status = 200

    delivery_redeliver(delivery=WebhookDelivery.objects.get(pk=first.pk))

    assert [event["type"] for event in receiver.delivered()] == [
        "rubric.approved",
        "posting.archived",
    ]
    second.refresh_from_db()
    assert second.status == WebhookDelivery.Status.SUCCEEDED
