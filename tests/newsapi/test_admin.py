"""The admin screens of the machine interfaces: a token is issued once and works, is
revoked from the list; a subscription refuses a private address and shows its deliveries
with their response codes."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from newsapi.models import ApiToken
from newsapi.tokens import api_token_for
from newsapi.webhooks.models import Attempt, Delivery, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(superuser):
    client = Client()
    client.force_login(superuser)
    return client


def test_a_token_is_shown_once_and_can_be_revoked(admin_client, editor):
    response = admin_client.post(
        "/admin/newsapi/apitoken/add/",
        {"user": editor.pk, "name": "AP feed", "scopes": ["ingest"], "expires_at": ""},
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    raw = re.search(r'id="api-token"[^>]*>(nrt_[\w-]+)<', response.content.decode()).group(1)
    token = ApiToken.objects.get()
    assert api_token_for(raw) == token and token.user == editor and token.scopes == ["ingest"]
    assert token.digest != raw
    change = admin_client.get(f"/admin/newsapi/apitoken/{token.pk}/change/").content.decode()
    assert raw not in change and token.prefix in change
    listing = admin_client.get("/admin/newsapi/apitoken/").content.decode()
    assert raw not in listing

    admin_client.post(
        "/admin/newsapi/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.revoked_at is not None and api_token_for(raw) is None


def test_a_subscription_refuses_a_private_address_and_shows_its_log(admin_client, settings):
    settings.NEWSAPI_WEBHOOK_ALLOW_PRIVATE = False
    data = {
        "name": "Intranet",
        "url": "http://127.0.0.1:8080/hook",
        "events": ["published"],
        "is_active": "on",
        "secret": "whsec_" + "A" * 44,
        "deliveries-TOTAL_FORMS": "0",
        "deliveries-INITIAL_FORMS": "0",
    }
    response = admin_client.post("/admin/newsapi_webhooks/subscription/add/", data)
    assert response.status_code == 200
    assert "not a public address" in response.content.decode()
    assert not Subscription.objects.exists()

    settings.NEWSAPI_WEBHOOK_ALLOW_PRIVATE = True
    assert admin_client.post("/admin/newsapi_webhooks/subscription/add/", data).status_code == 302
    subscription = Subscription.objects.get()
    delivery = Delivery.objects.create(
        subscription=subscription,
        event="published",
        article_key=7,
        payload={},
        attempts=2,
        status="failed",
        last_status_code=503,
    )
    Attempt.objects.create(delivery=delivery, number=1, response_status=503, retry_in=0.2)
    Attempt.objects.create(delivery=delivery, number=2, response_status=503)
    page = admin_client.get(f"/admin/newsapi_webhooks/subscription/{subscription.pk}/change/")
    text = page.content.decode()
    assert "#1" in text and "503, retry in 0.2 s" in text and "#2" in text
    log = admin_client.get(f"/admin/newsapi_webhooks/delivery/{delivery.pk}/change/")
    assert log.status_code == 200 and "503" in log.content.decode()
