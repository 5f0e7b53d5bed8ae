"""With the Celery broker (Redis) down, the newsroom keeps working: a reporter creates,
edits and submits a story through the admin, an editor schedules it, every move is on
record, and nothing the broker should have carried is lost: notifications and style checks
are picked up by their sweeps once it is back, scheduled stories by the scheduler's.

Pages and /readyz with the broker down: tests/test_faults.py.
"""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from apstyle.models import StyleReport
from apstyle.tasks import check_pending
from articles.models import Article, ArticleEvent, RevisionInfo, Status
from articles.services.scheduling import schedule_sweep
from articles.tasks import notify_pending
from tests.articles.admin_forms import form_data
from tests.factories import SectionFactory

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1
NEWSROOM_TIME = "%Y-%m-%dT%H:%M"

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down(monkeypatch, settings):
    """All of Redis gone: point Celery and the cache at a port where nothing listens.
    Celery's cached connection and producer pools are set aside for the test and put back
    afterwards; Django recreates the cache from the overridden setting."""
    from newsroom.celery import app

    monkeypatch.setattr(app.conf, "broker_url", DEAD_REDIS)
    monkeypatch.setattr(app, "_pool", None)
    monkeypatch.setattr(app.amqp, "_producer_pool", None)
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    return app


def _formset(prefix, rows):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{key}": value for key, value in row.items()})
    return data


def _timed_post(client, url, data=None, *, limit=5.0):
    started = time.monotonic()
    response = client.post(url, data or {})
    assert time.monotonic() - started < limit, f"{url} waited for the broker"
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def test_reporters_save_and_submit_and_nothing_is_lost(
    client, reporter, editor, broker_down, settings, django_capture_on_commit_callbacks
):
    from django.core.cache import caches

    assert caches["default"].__class__.__name__ == "ResilientRedisCache"
    assert caches["default"].add("probe", 1) is False  # nothing there to store it
    settings.NEWSROOM_APPROVAL_CHECKS = []
    section = SectionFactory(name="World", slug="world")
    client.force_login(reporter)
    with django_capture_on_commit_callbacks(execute=True):  # what runs after each commit
        _timed_post(client, reverse("admin:articles_article_add"), {
            "headline": "Saved while Redis is down", "slug": "redis-down", "dek": "",
            "section": section.pk, "dateline": "", "body": "<p>The the story.</p>",
            "language": "en-us", "lead_photo": "", "lead_photo_caption": "",
            "revision_comment": "First draft",
            **_formset("bylines", [{"person": reporter.contributor.pk, "position": "0",
                                    "title": "", "bio_line": ""}]),
            **_formset("credits", []), **_formset("related_links", []),
            **_formset("corrections", []),
        })
        article = Article.objects.get(slug="redis-down")
        change = reverse("admin:articles_article_change", args=[article.pk])
        data = form_data(client.get(change))
        data["body"] = "<p>The the story, edited.</p>"
        _timed_post(client, change, data)
        _timed_post(
            client, reverse("admin:articles_article_transition", args=[article.pk, "submit"])
        )

    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    assert "edited" in article.body
    submit = ArticleEvent.objects.get(article_key=article.pk, action="submit")
    assert submit.user == reporter and submit.notified_at is None  # owed, not lost
    latest = RevisionInfo.objects.filter(article_key=article.pk).latest("revision_id")
    # The check of the edit was dropped. (Opening the story checked the first draft on the
    # spot: the style panel and the approval gate check unchecked text themselves.)
    edited = StyleReport.objects.filter(article_key=article.pk, content_hash=latest.content_hash)
    assert not edited.exists()
    assert mail.outbox == []

    # The editor schedules it; the exact-time task cannot be queued, the sweep covers it.
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        _timed_post(
            client, reverse("admin:articles_article_transition", args=[article.pk, "approve"]),
            {"revision_id": latest.revision_id},
        )
        publish_at = timezone.localtime(timezone.now() + timedelta(minutes=2))
        _timed_post(
            client, reverse("admin:articles_article_transition", args=[article.pk, "schedule"]),
            {"publish_at": publish_at.strftime(NEWSROOM_TIME)},
        )
    article.refresh_from_db()
    assert article.status == Status.SCHEDULED

    # The broker is back; beat's sweeps deliver what was owed (notify_pending leaves the
    # last five minutes to tasks already queued, so let those minutes pass).
    ArticleEvent.objects.filter(article_key=article.pk).update(
        created_at=timezone.now() - timedelta(minutes=6)
    )
    sent = notify_pending()
    assert sent >= 1
    assert client.get("/").status_code == 200  # readers are served all along
    assert any("Submitted for review" in m.subject for m in mail.outbox)
    submit.refresh_from_db()
    assert submit.notified_at is not None
    assert check_pending()["checked"] == 1
    report = edited.get()
    assert "The the" in [f["text"] for f in report.findings]
    assert check_pending() == {"exists": 1}  # idempotent

    result = schedule_sweep(now=article.publish_at + timedelta(seconds=1))
    assert result.published == 1
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.publication.visible_from == publish_at.replace(second=0, microsecond=0)


def test_beat_runs_the_sweeps_that_pick_up_after_an_outage(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "articles.tasks.schedule_sweep", "articles.tasks.notify_pending",
        "apstyle.tasks.check_pending",
    } <= tasks


def test_a_page_cache_invalidation_lost_to_an_outage_is_made_good_by_the_next_sweep(
    client, editor, monkeypatch, settings, django_capture_on_commit_callbacks
):
    """Redis blinks while an editor pulls a story: the story is down in the database, but
    the pages cached before still show it, and would for NEWSROOM_PAGE_CACHE_SECONDS. The
    scheduler's next sweep (every NEWSROOM_SWEEP_INTERVAL) sees a public change newer than
    the cache's generation and invalidates it."""
    from articles import caching
    from articles.services import article_commit_edit, article_transition
    from tests.factories import ArticleFactory

    settings.NEWSROOM_APPROVAL_CHECKS = []
    article = ArticleFactory(headline="Pulled for legal reasons", slug="pulled")
    article_commit_edit(article=article, user=editor)
    for action in ("submit", "approve", "publish"):
        article_transition(article=article, action=action, user=editor)
    for url in ("/", "/news/pulled/"):  # cached with the story
        assert "Pulled for legal reasons" in client.get(url).content.decode()

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    with monkeypatch.context() as outage, django_capture_on_commit_callbacks(execute=True):
        outage.setattr(caching.cache, "set", down)
        article_transition(article=article, action="unpublish", user=editor, comment="Legal")

    schedule_sweep()
    assert "Pulled for legal reasons" not in client.get("/").content.decode()
    assert client.get("/news/pulled/").status_code == 404
    before = caching.site_state().generation
    schedule_sweep()
    assert caching.site_state().generation == before  # nothing new: the cache is kept
