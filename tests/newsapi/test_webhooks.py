"""Webhooks: which events reach which subscription, signatures a receiver verifies with the
`standardwebhooks` package, retries with growing delays in the delivery log, automatic
disabling, and no deliveries to private addresses unless a setting allows them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import timedelta
from itertools import pairwise

import pytest
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from articles.models import Correction, Publication
from articles.services import article_commit_edit, article_transition
from devtools.processes import wait_until
from newsapi.webhooks import services, tasks, transport
from newsapi.webhooks.models import Attempt, Delivery, Subscription
from tests.conftest import REPO
from tests.factories import ArticleFactory
from tests.newsapi import receiver as loopback
from tests.newsapi.conftest import ninjs_errors

EVERYTHING = ["published", "updated", "corrected", "unpublished", "scheduled"]


@pytest.fixture
def queued(monkeypatch):
    """Deliveries queued for the worker (captured here: these tests call the service)."""
    sent: list[int] = []
    monkeypatch.setattr(tasks.deliver, "apply_async", lambda args, **kw: sent.append(args[0]))
    return sent


@pytest.fixture
def receiver():
    server = loopback.start()
    yield server
    server.server.shutdown()


def _moves(article, *actions, **kwargs):
    for action in actions:
        comment = "Legal" if action == "unpublish" else ""
        article_transition(article=article, action=action, user=None, comment=comment, **kwargs)
        article.refresh_from_db()


def _publish(article):
    article_commit_edit(article=article, user=None)
    _moves(article, "submit", "approve", "publish")


@pytest.mark.django_db
def test_each_story_event_reaches_the_subscriptions_that_asked(
    settings, queued, django_capture_on_commit_callbacks, ninjs_validator
):
    settings.NEWSROOM_APPROVAL_CHECKS = []
    everything = Subscription.objects.create(
        name="All", url="https://hooks.example/a", events=EVERYTHING
    )
    first_only = Subscription.objects.create(
        name="New", url="https://hooks.example/b", events=["published"]
    )
    Subscription.objects.create(
        name="Off", url="https://hooks.example/c", events=EVERYTHING, is_active=False
    )
    story = ArticleFactory(headline="The story", slug="the-story")
    with django_capture_on_commit_callbacks(execute=True):
        _publish(story)
        story.dek = "A new dek."
        story.save()
        _publish(story)
        Correction.objects.create(article=story, note="A name was misspelled.")
        _publish(story)
        _moves(story, "unpublish")
        _moves(story, "publish")  # the approved revision again
        other = ArticleFactory(headline="Later", slug="later")
        article_commit_edit(article=other, user=None)
        _moves(other, "submit", "approve")
        _moves(other, "schedule", publish_at=timezone.now() + timedelta(hours=2))
    events = list(
        Delivery.objects.filter(subscription=everything)
        .order_by("id")
        .values_list("event", flat=True)
    )
    assert events == ["published", "updated", "corrected", "unpublished", "published", "scheduled"]
    assert list(
        Delivery.objects.filter(subscription=first_only).values_list("event", flat=True)
    ) == ["published", "published"]
    assert sorted(queued) == sorted(Delivery.objects.values_list("pk", flat=True))
    for delivery in Delivery.objects.all():
        payload = delivery.payload
        assert payload["type"] == f"story.{delivery.event}"
        assert ninjs_errors(ninjs_validator, payload["data"]) == []
        if delivery.event in ("unpublished", "scheduled"):
            assert "headlines" not in payload["data"] and "bodies" not in payload["data"]
        else:
            assert payload["data"]["headlines"][0]["value"] == "The story"
    corrected = Delivery.objects.get(subscription=everything, event="corrected").payload["data"]
    assert any(d["role"] == "correction" for d in corrected["descriptions"])


def _delivery(url: str, **subscription) -> Delivery:
    Subscription.objects.create(name="Receiver", url=url, events=EVERYTHING, **subscription)
    publication = Publication.objects.get()
    return services.event_record("published", publication.article_id, lambda: {"uri": "urn:x:1"})[0]


@pytest.mark.django_db
def test_a_delivery_is_signed_and_verifies_with_standardwebhooks(receiver, published_story):
    delivery = _delivery(receiver.url)
    assert services.delivery_attempt(delivery_id=delivery.pk) is None
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    payload = Webhook(delivery.subscription.secret).verify(request.body, request.headers)
    assert payload == delivery.payload
    assert request.headers["webhook-id"] == delivery.message_id
    assert request.path == "/hooks/newsroom"
    with pytest.raises(Exception, match="signature"):
        Webhook(Subscription.objects.create(name="x", url=receiver.url).secret).verify(
            request.body, request.headers
        )
    delivery.refresh_from_db()
    assert (delivery.status, delivery.last_status_code, delivery.attempts) == ("delivered", 204, 1)
    log = list(delivery.attempt_log.values_list("number", "response_status", "retry_in"))
    assert log == [(1, 204, None)]
    # Delivered once: a duplicate message finds nothing to do.
    assert services.delivery_attempt(delivery_id=delivery.pk) is None
    assert len(receiver.requests) == 1


@pytest.mark.django_db
def test_a_failing_receiver_is_retried_with_growing_delays_then_disabled(
    receiver, published_story, settings
):
    receiver.status = 500
    settings.NEWSAPI_WEBHOOK_DISABLE_AFTER = 6
    delivery = _delivery(receiver.url)
    now, delays = timezone.now(), []
    for _ in range(10):
        delay = services.delivery_attempt(delivery_id=delivery.pk, now=now)
        if delay is None:
            break
        delays.append(delay)
        now += timedelta(seconds=delay)
        # Not before its time: an early retry finds nothing to do.
        assert (
            services.delivery_attempt(delivery_id=delivery.pk, now=now - timedelta(seconds=2))
            is None
        )
    assert delays == [0.2, 0.4, 0.8]  # NEWSAPI_WEBHOOK_RETRY_DELAY doubling, 4 attempts
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("failed", 4, 500)
    log = list(delivery.attempt_log.values_list("response_status", "retry_in", "error"))
    assert log == [
        (500, 0.2, "HTTP 500"),
        (500, 0.4, "HTTP 500"),
        (500, 0.8, "HTTP 500"),
        (500, None, "HTTP 500"),
    ]
    assert len(receiver.requests) == 4
    subscription = delivery.subscription
    subscription.refresh_from_db()
    assert subscription.is_active and subscription.consecutive_failures == 4

    second = services.event_record("updated", delivery.article_key, lambda: {"uri": "urn:x:1"})[0]
    assert services.delivery_attempt(delivery_id=second.pk) == 0.2
    assert (
        services.delivery_attempt(delivery_id=second.pk, now=timezone.now() + timedelta(seconds=1))
        is None
    )
    subscription.refresh_from_db()
    assert (
        not subscription.is_active and "6 failed attempts in a row" in subscription.disabled_reason
    )
    second.refresh_from_db()
    assert second.status == "failed"
    # Nothing more goes to a disabled subscription.
    assert services.event_record("updated", delivery.article_key, lambda: {}) == []


def test_private_loopback_and_link_local_targets_are_refused(monkeypatch):
    real = socket.getaddrinfo

    def fake(host, *args, **kwargs):
        if host == "intranet.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", 443))]
        if host == "rebind.example":  # one public and one private answer
            return [
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 443)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 443)),
            ]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    for url in (
        "https://intranet.example/hook",
        "https://rebind.example/hook",
        "http://localhost:8000/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::ffff:127.0.0.1]/",
        "http://[::1]/",
        "http://100.64.0.1/",
        "ftp://example.com/",
        "https:///nohost",
    ):
        with pytest.raises(transport.UnsafeTarget):
            transport.resolve(url, allow_private=False)
    assert (
        transport.resolve("https://intranet.example/hook", allow_private=True).address == "10.0.0.7"
    )
    assert transport.is_public("93.184.216.34") and not transport.is_public("192.168.1.1")


@pytest.mark.django_db
def test_a_refused_target_is_logged_and_not_retried(published_story, settings):
    settings.NEWSAPI_WEBHOOK_ALLOW_PRIVATE = False
    delivery = _delivery("http://127.0.0.1:9/hook")
    assert services.delivery_attempt(delivery_id=delivery.pk) is None
    attempt = Attempt.objects.get(delivery=delivery)
    assert attempt.error.startswith("Refused: 127.0.0.1 resolves to 127.0.0.1")
    assert attempt.retry_in is None
    delivery.refresh_from_db()
    assert delivery.status == "failed"


def test_production_settings_refuse_a_url_that_resolves_to_a_private_address(tmp_path):
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from newsapi.webhooks import transport\n"
        "assert not getattr(settings, 'NEWSAPI_WEBHOOK_ALLOW_PRIVATE', False)\n"
        "for url in ('http://localhost/hook', 'http://10.1.2.3/', 'http://169.254.169.254/'):\n"
        "    try:\n"
        "        transport.resolve(url)\n"
        "    except transport.UnsafeTarget as error:\n"
        "        print('refused', error)\n"
        "    else:\n"
        "        print('ALLOWED', url)\n"
    )
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))},
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "news.example",
        "NEWSROOM_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("refused") == 3 and "ALLOWED" not in result.stdout
    assert "localhost resolves to 127.0.0.1" in result.stdout


@pytest.mark.worker
def test_a_real_worker_delivers_signed_and_retries_a_failing_receiver(
    celery_procs, settings, receiver
):
    settings.NEWSROOM_APPROVAL_CHECKS = []
    failing = loopback.start(status=503)
    try:
        good = Subscription.objects.create(name="CDN", url=receiver.url, events=["published"])
        bad = Subscription.objects.create(name="Broken", url=failing.url, events=["published"])
        celery_procs.start_worker()
        story = ArticleFactory(headline="Worker story", slug="worker-story")
        _publish(story)

        assert wait_until(lambda: receiver.requests, timeout=30), celery_procs.logs()
        request = receiver.requests[0]
        payload = Webhook(good.secret).verify(request.body, request.headers)
        assert payload["type"] == "story.published"
        assert payload["data"]["headlines"][0]["value"] == "Worker story"

        delivery = Delivery.objects.get(subscription=bad)
        assert wait_until(
            lambda: Delivery.objects.get(pk=delivery.pk).status == "failed", timeout=60
        ), celery_procs.logs()
        log = list(Attempt.objects.filter(delivery=delivery).order_by("number"))
        assert [a.response_status for a in log] == [503] * 4 and len(failing.requests) == 4
        assert [a.retry_in for a in log] == [0.2, 0.4, 0.8, None]
        gaps = [(b.started_at - a.started_at).total_seconds() for a, b in pairwise(log)]
        assert all(gap >= delay * 0.9 for gap, delay in zip(gaps, [0.2, 0.4, 0.8], strict=True)), (
            gaps
        )
        assert gaps[0] < gaps[2], gaps  # the delays grow
        # Every attempt carries the same message id, each signed anew.
        assert len({r.headers["webhook-id"] for r in failing.requests}) == 1
        for r in failing.requests:
            assert Webhook(bad.secret).verify(r.body, r.headers)["data"]["uri"]
    finally:
        failing.server.shutdown()
