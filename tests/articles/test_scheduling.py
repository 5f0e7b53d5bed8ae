"""Scheduled publication without a worker: the claim, the sweep, queuing, take-downs,
embargo, failure isolation, observability. `test_scheduler_worker.py` runs the real thing."""

from __future__ import annotations

import logging
from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import signals
from articles.exceptions import InvalidTransition, StoryError, TransitionNotPermitted
from articles.models import Article, ArticleEvent, Publication, RevisionInfo, SchedulerState, Status
from articles.services import (
    article_commit_edit,
    article_publish_scheduled,
    article_transition,
    article_unpublish_scheduled,
)
from articles.services import scheduling as scheduler
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

S = Status


@pytest.fixture
def approved(reporter, editor):
    """An approved story, made by `reporter`, approved by `editor`."""

    def make(**fields):
        article = ArticleFactory(authors=[reporter.contributor], created_by=reporter, **fields)
        article_commit_edit(article=article, user=reporter, comment="first draft")
        article_transition(article=article, action="submit", user=reporter)
        article_transition(article=article, action="approve", user=editor)
        article.refresh_from_db()
        return article

    return make


def schedule(article, user, publish_at, unpublish_at=None, **kwargs):
    article_transition(
        article=article, action="schedule", user=user, publish_at=publish_at,
        unpublish_at=unpublish_at, **kwargs,
    )
    article.refresh_from_db()
    return article


def claim(article, *, now=None, **kwargs):
    """Run the scheduler's publish for `article`'s current schedule."""
    return article_publish_scheduled(
        article_id=article.pk, revision_id=article.scheduled_revision_id,
        publish_at=article.publish_at, now=now, **kwargs,
    )


def at_time(moment):
    """The clock reads `moment` (for the public pages, which ask it)."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def events(article, action="publish"):
    return ArticleEvent.objects.filter(article_key=article.pk, action=action)


@pytest.fixture
def sent():
    """Captures exact-time tasks sent to the broker: [(task name, args, eta)]."""
    calls = []

    def fake(task_name, args, eta):
        calls.append((task_name, args, eta))
        return True

    with mock.patch.object(scheduler, "_send", side_effect=fake):
        yield calls


# The claim: publishing at the time, exactly once.


def test_a_due_story_goes_live_through_the_publish_move(client, approved, editor):
    article = approved()
    at = timezone.now() + timedelta(minutes=10)
    schedule(article, editor, at)
    assert article.status == S.SCHEDULED
    assert client.get(f"/news/{article.slug}/").status_code == 404

    outcome = claim(article, now=at + timedelta(milliseconds=250))
    assert outcome.result == "done"
    article.refresh_from_db()
    assert article.status == S.PUBLISHED
    assert (article.scheduled_revision, article.publish_at) == (None, None)
    publication = Publication.objects.get(article=article)
    assert publication.visible_from == at
    assert publication.revision_id == article.approved_revision_id
    event = events(article).get()
    assert event.user is None and event.from_status == S.SCHEDULED
    assert event.data["trigger"] == "task" and event.data["lag_ms"] == 250
    assert event.data["scheduled_for"] == at.isoformat()
    info = RevisionInfo.objects.filter(article_key=article.pk).order_by("-revision_id").first()
    assert info.kind == "transition" and info.revision.comment.startswith("Publish as scheduled")


def test_scheduled_and_manual_publishing_have_the_same_side_effects(
    approved, editor, django_capture_on_commit_callbacks
):
    """Receivers (cache purge, feeds, sitemaps, notifications) hear the same signals, with
    the same arguments, whichever path publishes."""
    heard = []

    def on_published(sender, publication, user, first_time, **kwargs):
        heard.append(("published", publication.article_id, first_time))

    def on_transitioned(sender, event, **kwargs):
        heard.append(("transitioned", event.article_key, event.action))

    signals.story_published.connect(on_published)
    signals.story_transitioned.connect(on_transitioned)
    try:
        by_hand, by_schedule = approved(), approved()
        with django_capture_on_commit_callbacks(execute=True):
            article_transition(article=by_hand, action="publish", user=editor)
        hand = [(kind, what) for kind, _, what in heard]
        heard.clear()
        at = timezone.now() + timedelta(minutes=5)
        schedule(by_schedule, editor, at)
        with mock.patch.object(scheduler, "_send", return_value=True), \
                django_capture_on_commit_callbacks(execute=True):
            claim(by_schedule, now=at)
        scheduled = [(kind, what) for kind, _, what in heard]
    finally:
        signals.story_published.disconnect(on_published)
        signals.story_transitioned.disconnect(on_transitioned)
    assert hand == scheduled == [("published", True), ("transitioned", "publish")]


def test_scheduled_and_manual_take_downs_have_the_same_side_effects(
    approved, editor, django_capture_on_commit_callbacks
):
    heard = []

    def on_unpublished(sender, publication, user, **kwargs):
        heard.append(("unpublished", user))

    def on_transitioned(sender, event, **kwargs):
        heard.append(("transitioned", event.action))

    by_hand, by_schedule = approved(), approved()
    for article in (by_hand, by_schedule):
        article_transition(article=article, action="publish", user=editor)
    down = timezone.now() + timedelta(minutes=5)
    article_transition(
        article=by_schedule, action="schedule_unpublish", user=editor, unpublish_at=down
    )
    signals.story_unpublished.connect(on_unpublished)
    signals.story_transitioned.connect(on_transitioned)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            article_transition(article=by_hand, action="unpublish", user=None, comment="x")
        hand = list(heard)
        heard.clear()
        with mock.patch.object(scheduler, "_send", return_value=True), \
                django_capture_on_commit_callbacks(execute=True):
            article_unpublish_scheduled(article_id=by_schedule.pk, unpublish_at=down, now=down)
        scheduled = list(heard)
    finally:
        signals.story_unpublished.disconnect(on_unpublished)
        signals.story_transitioned.disconnect(on_transitioned)
    assert hand == scheduled == [("unpublished", None), ("transitioned", "unpublish")]


def test_the_claim_is_exactly_once(approved, editor):
    article = approved()
    at = timezone.now() + timedelta(minutes=1)
    schedule(article, editor, at)
    message = (article.pk, article.scheduled_revision_id, article.publish_at)
    first = article_publish_scheduled(
        article_id=message[0], revision_id=message[1], publish_at=message[2], now=at
    )
    again = article_publish_scheduled(
        article_id=message[0], revision_id=message[1], publish_at=message[2], now=at,
        trigger="sweep",
    )
    assert (first.result, again.result) == ("done", "stale")
    assert events(article).count() == 1
    assert Publication.objects.get(article=article).version == 1


def test_a_message_for_an_old_time_or_a_cancelled_schedule_does_nothing(approved, editor):
    article = approved()
    now = timezone.now()
    schedule(article, editor, now + timedelta(minutes=1))
    old = (article.pk, article.scheduled_revision_id, article.publish_at)
    schedule(article, editor, now + timedelta(minutes=30))  # rescheduled later
    outcome = article_publish_scheduled(
        article_id=old[0], revision_id=old[1], publish_at=old[2], now=now + timedelta(minutes=2)
    )
    assert outcome.result == "stale"
    assert not Publication.objects.filter(article=article).exists()

    article_transition(article=article, action="unschedule", user=editor)
    outcome = article_publish_scheduled(
        article_id=old[0], revision_id=old[1], publish_at=now + timedelta(minutes=30),
        now=now + timedelta(hours=1),
    )
    assert outcome.result == "stale"
    assert not Publication.objects.filter(article=article).exists()
    assert events(article).count() == 0


def test_a_task_that_fires_early_does_not_publish(approved, editor):
    article = approved()
    at = timezone.now() + timedelta(minutes=1)
    schedule(article, editor, at)
    outcome = claim(article, now=at - timedelta(milliseconds=5))
    assert (outcome.result, outcome.due) == ("early", at)
    assert not Publication.objects.filter(article=article).exists()


def test_the_scheduled_revision_goes_live_not_a_newer_draft_or_approval(
    client, approved, reporter, editor
):
    article = approved(headline="Scheduled headline")
    at = timezone.now() + timedelta(minutes=5)
    schedule(article, editor, at)
    article.headline = "Rewritten after scheduling"
    article.save()
    article_commit_edit(article=article, user=reporter, comment="late change")
    article_transition(article=article, action="submit", user=reporter)
    article_transition(article=article, action="approve", user=editor)
    article.refresh_from_db()
    assert article.approved_revision_id != article.scheduled_revision_id

    assert claim(article, now=at).result == "done"
    with at_time(at):
        page = client.get(f"/news/{article.slug}/")
    assert b"Scheduled headline" in page.content and b"Rewritten" not in page.content
    article.refresh_from_db()
    assert article.status == S.APPROVED  # the newer approval still waits to be published


def test_a_story_edited_after_scheduling_still_goes_live_and_stays_a_draft(
    client, approved, reporter, editor
):
    article = approved()
    at = timezone.now() + timedelta(minutes=5)
    schedule(article, editor, at)
    article.dek = "A late fix"
    article.save()
    article_commit_edit(article=article, user=reporter, comment="fix")
    article.refresh_from_db()
    assert claim(article, now=at).result == "done"
    article.refresh_from_db()
    assert article.status == S.DRAFT
    # In time's order (the page cache, like readers, never sees the clock go backwards).
    assert client.get(f"/news/{article.slug}/").status_code == 404  # not before its time
    with at_time(at):
        assert client.get(f"/news/{article.slug}/").status_code == 200


# Embargo.


def test_an_embargo_moved_past_the_schedule_holds_the_story(approved, editor):
    article = approved()
    now = timezone.now()
    at = now + timedelta(minutes=5)
    schedule(article, editor, at)
    lifted = at + timedelta(minutes=10)
    Article.objects.filter(pk=article.pk).update(embargo_until=lifted)
    article.refresh_from_db()
    assert article.publish_due_at == lifted

    outcome = claim(article, now=at + timedelta(seconds=1))
    assert (outcome.result, outcome.due) == ("early", lifted)
    assert list(Article.objects.publications_due(at + timedelta(minutes=1))) == []
    with at_time(lifted + timedelta(seconds=1)):
        assert claim(article).result == "done"
    assert Publication.objects.get(article=article).visible_from == lifted


def test_nobody_publishes_before_the_embargo(approved, editor, superuser):
    article = approved(embargo_until=timezone.now() + timedelta(hours=1))
    for user in (editor, superuser, None):
        with pytest.raises(InvalidTransition, match="embargoed"):
            article_transition(article=article, action="publish", user=user)
        with pytest.raises(StoryError, match="embargo"):
            schedule(article, user, timezone.now() + timedelta(minutes=5))
    # The scheduler itself, however it is asked.
    Article.objects.filter(pk=article.pk).update(
        scheduled_revision=article.approved_revision, publish_at=timezone.now()
    )
    article.refresh_from_db()
    assert claim(article).result == "early"
    assert scheduler.schedule_sweep().published == 0
    assert not Publication.objects.filter(article=article).exists()


# Take-downs.


def test_a_story_comes_down_at_its_time_even_before_the_worker_acts(
    client, approved, editor
):
    article = approved()
    now = timezone.now()
    up, down = now + timedelta(minutes=1), now + timedelta(minutes=61)
    schedule(article, editor, up, down)
    assert claim(article, now=up).result == "done"
    publication = Publication.objects.get(article=article)
    assert publication.visible_until == down
    url = f"/news/{article.slug}/"
    with at_time(up + timedelta(minutes=1)):
        assert client.get(url).status_code == 200
    with at_time(down + timedelta(seconds=1)):
        assert client.get(url).status_code == 404  # the worker has done nothing yet

    outcome = article_unpublish_scheduled(
        article_id=article.pk, unpublish_at=down, now=down + timedelta(seconds=1)
    )
    assert outcome.result == "done"
    article.refresh_from_db()
    assert article.status == S.UNPUBLISHED and article.unpublish_at is None
    event = events(article, "unpublish").get()
    assert event.user is None and event.data["trigger"] == "task"
    assert article_unpublish_scheduled(
        article_id=article.pk, unpublish_at=down, now=down + timedelta(seconds=2)
    ).result == "stale"


def test_editors_schedule_and_cancel_a_take_down_of_a_live_story(approved, editor, reporter):
    article = approved()
    article_transition(article=article, action="publish", user=editor)
    down = timezone.now() + timedelta(hours=3)
    with pytest.raises(TransitionNotPermitted):
        article_transition(
            article=article, action="schedule_unpublish", user=reporter, unpublish_at=down
        )
    article_transition(article=article, action="schedule_unpublish", user=editor, unpublish_at=down)
    article.refresh_from_db()
    assert article.unpublish_at == down
    assert Publication.objects.get(article=article).visible_until == down
    with pytest.raises(StoryError, match="already passed"):
        article_transition(
            article=article, action="schedule_unpublish", user=editor,
            unpublish_at=timezone.now() - timedelta(minutes=1),
        )
    article_transition(article=article, action="schedule_unpublish", user=editor, unpublish_at=None)
    article.refresh_from_db()
    assert article.unpublish_at is None
    assert Publication.objects.get(article=article).visible_until is None
    assert events(article, "schedule_unpublish").count() == 2


def test_a_take_down_needs_a_live_story(approved, editor):
    with pytest.raises(InvalidTransition, match="not published"):
        article_transition(
            article=approved(), action="schedule_unpublish", user=editor,
            unpublish_at=timezone.now() + timedelta(hours=1),
        )


def test_cancelling_a_schedule_cancels_its_take_down(approved, editor):
    article = approved()
    now = timezone.now()
    schedule(article, editor, now + timedelta(hours=1), now + timedelta(hours=2))
    article_transition(article=article, action="unschedule", user=editor)
    article.refresh_from_db()
    assert (article.publish_at, article.unpublish_at, article.status) == (None, None, S.APPROVED)


def test_a_take_down_time_in_the_past_is_refused(approved, editor):
    now = timezone.now()
    with pytest.raises(StoryError, match="already passed"):
        schedule(approved(), editor, now - timedelta(hours=2), now - timedelta(hours=1))


# Queuing: exact-time tasks for what is near, the sweep for the rest.


def test_scheduling_queues_an_exact_time_task_after_commit(
    approved, editor, sent, django_capture_on_commit_callbacks
):
    article = approved()
    at = timezone.now() + timedelta(seconds=20)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        schedule(article, editor, at)
    assert sent == []  # nothing before the commit
    for callback in callbacks:
        callback()
    args = [article.pk, article.scheduled_revision_id, at.isoformat()]
    assert sent == [("publish_scheduled", args, at)]


def test_a_failing_receiver_of_a_schedule_fails_neither_the_move_nor_the_queuing(
    approved, editor, sent, django_capture_on_commit_callbacks, caplog
):
    """`story_schedule_saved` is sent robustly after commit: another receiver that raises
    is logged, and the scheduler's own receiver still queues the task."""

    def broken(sender, **kwargs):
        raise RuntimeError("a receiver's bug")

    signals.story_schedule_saved.connect(broken)
    try:
        article = approved()
        at = timezone.now() + timedelta(seconds=20)
        with django_capture_on_commit_callbacks(execute=True):
            schedule(article, editor, at)
    finally:
        signals.story_schedule_saved.disconnect(broken)
    assert article.status == S.SCHEDULED
    assert sent == [("publish_scheduled", [article.pk, article.scheduled_revision_id,
                                           at.isoformat()], at)]
    assert "a receiver's bug" in caplog.text


def test_far_future_stories_wait_in_the_database_not_the_broker(
    approved, editor, sent, django_capture_on_commit_callbacks
):
    article = approved()
    now = timezone.now()
    at = now + timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        schedule(article, editor, at)
    assert sent == []
    scheduler.schedule_sweep(now=now)
    assert sent == []
    scheduler.schedule_sweep(now=at - timedelta(seconds=scheduler.horizon() - 1))
    assert [(name, eta) for name, _, eta in sent] == [("publish_scheduled", at)]
    # The next sweep's window starts where this one's ended: no second message.
    scheduler.schedule_sweep(now=at - timedelta(seconds=scheduler.horizon() / 2))
    assert len(sent) == 1


def test_a_broker_that_is_down_does_not_fail_the_schedule(
    approved, editor, django_capture_on_commit_callbacks, caplog, monkeypatch
):
    from newsroom.celery import app

    article = approved()
    # A broker that refuses connections; the app's cached pools are set aside for the test.
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")  # nothing on port 1
    monkeypatch.setattr(app, "_pool", None)
    monkeypatch.setattr(app.amqp, "_producer_pool", None)
    with django_capture_on_commit_callbacks(execute=True):
        schedule(article, editor, timezone.now() + timedelta(seconds=5))
    assert article.status == S.SCHEDULED
    assert "the sweep will do it" in caplog.text


def test_the_window_does_not_move_past_a_story_it_could_not_queue(approved, editor):
    article = approved()
    now = timezone.now()
    schedule(article, editor, now + timedelta(seconds=10))
    with mock.patch.object(scheduler, "_send", return_value=False):
        scheduler.schedule_sweep(now=now)
    assert SchedulerState.get().enqueued_until is None


# The sweep.


def test_the_sweep_publishes_what_is_overdue_and_records_its_heartbeat(approved, editor):
    stories = [approved() for _ in range(3)]
    at = timezone.now() + timedelta(minutes=1)
    for article in stories:
        schedule(article, editor, at)
    result = scheduler.schedule_sweep(now=at + timedelta(seconds=5))
    assert (result.published, result.failed) == (3, 0)
    for article in stories:
        assert events(article).get().data["trigger"] == "sweep"
    state = SchedulerState.get()
    assert state.last_sweep_at is not None and state.sweeps == 1 and state.last_published == 3
    assert scheduler.schedule_sweep(now=at + timedelta(seconds=10)).published == 0


def test_one_failing_story_does_not_hold_up_the_others(approved, editor, caplog):
    from tests.conftest import publish

    stories = [approved() for _ in range(3)]
    at = timezone.now() + timedelta(minutes=1)
    for article in stories:
        schedule(article, editor, at)
    # Another live story has taken the middle one's address since it was scheduled.
    publish(ArticleFactory(slug=f"{stories[1].slug}-x"))
    Publication.objects.filter(slug=f"{stories[1].slug}-x").update(slug=stories[1].slug)

    after = at + timedelta(seconds=1)
    with caplog.at_level(logging.ERROR, logger="newsroom.scheduler"):
        result = scheduler.schedule_sweep(now=after)
    assert (result.published, result.failed) == (2, 1)
    assert "could not be published" in caplog.text
    failure = events(stories[1], "publish_failed").get()
    assert "address" in failure.comment
    # Still scheduled, so it shows as overdue and is tried again; the failure is logged once.
    stories[1].refresh_from_db()
    assert stories[1].status == S.SCHEDULED
    assert scheduler.schedule_sweep(now=after).failed == 1
    assert events(stories[1], "publish_failed").count() == 1
    assert scheduler.overdue_count(at + timedelta(minutes=5)) == 1


def test_an_unexpected_error_is_isolated_and_retried_by_the_next_sweep(approved, editor):
    first, second = approved(), approved()
    at = timezone.now() + timedelta(minutes=1)
    for article in (first, second):
        schedule(article, editor, at)
    real = scheduler.article_publish_scheduled
    calls = []

    def flaky(**kwargs):
        calls.append(kwargs["article_id"])
        if kwargs["article_id"] == first.pk and calls.count(first.pk) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(**kwargs)

    with mock.patch.object(scheduler, "article_publish_scheduled", side_effect=flaky):
        assert scheduler.schedule_sweep(now=at).published == 1
        assert scheduler.schedule_sweep(now=at + timedelta(seconds=30)).published == 1
    assert events(first).count() == events(second).count() == 1


def test_overdue_stories_are_logged_and_alerted_after_two_intervals(approved, editor, caplog):
    late, very_late = approved(), approved()
    now = timezone.now()
    schedule(late, editor, now + timedelta(seconds=60))
    schedule(very_late, editor, now + timedelta(seconds=30))
    with caplog.at_level(logging.ERROR, logger="newsroom.scheduler"):
        scheduler.schedule_sweep(now=now + timedelta(seconds=61 + scheduler.sweep_interval()))
    messages = {(r.levelname, r.article_id) for r in caplog.records if hasattr(r, "article_id")}
    assert ("ERROR", late.pk) in messages
    assert ("CRITICAL", very_late.pk) in messages
    assert "ALERT" in caplog.text


def test_the_sweep_takes_down_live_stories_whose_time_has_come(approved, editor):
    article = approved()
    article_transition(article=article, action="publish", user=editor)
    down = timezone.now() + timedelta(minutes=1)
    article_transition(article=article, action="schedule_unpublish", user=editor, unpublish_at=down)
    result = scheduler.schedule_sweep(now=down + timedelta(seconds=1))
    assert result.unpublished == 1
    article.refresh_from_db()
    assert article.status == S.UNPUBLISHED


def test_a_story_whose_window_passed_while_waiting_goes_up_unseen_then_down(approved, editor):
    article = approved()
    now = timezone.now()
    up, down = now + timedelta(minutes=1), now + timedelta(minutes=2)
    schedule(article, editor, up, down)
    with at_time(down + timedelta(minutes=1)):
        result = scheduler.schedule_sweep()
    assert (result.published, result.unpublished) == (1, 1)
    assert events(article, "publish").count() == events(article, "unpublish").count() == 1
    assert not Publication.objects.live().filter(article=article).exists()


# Tasks: retry policy.


def test_the_task_retries_on_database_errors(approved, editor):
    from articles import tasks

    article = approved()
    at = timezone.now() - timedelta(seconds=1)
    Article.objects.filter(pk=article.pk).update(
        scheduled_revision=article.approved_revision, publish_at=at
    )
    real = scheduler.article_publish_scheduled
    attempts = []

    def flaky(**kwargs):
        attempts.append(1)
        if len(attempts) < 3:
            raise OperationalError("database is locked")
        return real(**kwargs)

    with mock.patch.object(scheduler, "article_publish_scheduled", side_effect=flaky):
        result = tasks.publish_scheduled.apply(
            args=[article.pk, article.approved_revision_id, at.isoformat()]
        )
    assert result.get() == "done" and len(attempts) == 3
    assert events(article).count() == 1


def test_a_task_for_a_deleted_story_does_nothing(approved, editor):
    from articles import tasks

    article = approved()
    at = timezone.now() + timedelta(minutes=1)
    schedule(article, editor, at)
    args = [article.pk, article.scheduled_revision_id, at.isoformat()]
    article.delete()
    assert tasks.publish_scheduled.apply(args=args).get() == "stale"


# Observability.


def test_scheduler_status_reports_heartbeat_and_overdue(approved, editor):
    status = scheduler.scheduler_status()
    assert status.stale and status.last_sweep_at is None and not status.ok
    article = approved()
    at = timezone.now() + timedelta(minutes=1)
    schedule(article, editor, at)
    scheduler.schedule_sweep()
    status = scheduler.scheduler_status()
    assert status.ok and status.scheduled == 1 and status.overdue == 0
    status = scheduler.scheduler_status(now=at + timedelta(seconds=10))
    assert status.overdue == 1 and not status.ok


def test_readyz_reports_the_scheduler_without_failing_the_web_tier(client, editor):
    client.force_login(editor)  # the details are for staff (issue 19)
    body = client.get("/readyz").json()
    assert body["ok"] is True  # no sweep yet: degraded, but this server can serve pages
    assert body["degraded"] == ["scheduler"]
    assert body["checks"]["scheduler"]["stale"] is True
    assert client.get("/readyz?strict=1").status_code == 503

    scheduler.schedule_sweep()
    response = client.get("/readyz?strict=1")
    assert response.status_code == 200, response.content
    check = response.json()["checks"]["scheduler"]
    assert check["ok"] and check["overdue"] == 0 and check["age_s"] < 5


def test_readyz_scheduler_check_does_not_need_the_broker(client, monkeypatch, editor):
    """With Redis down the heartbeat still answers (it lives in the database)."""
    from newsroom import health

    client.force_login(editor)  # the details are for staff (issue 19)
    def broken():
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    scheduler.schedule_sweep()
    monkeypatch.setitem(health.CHECKS, "broker", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["scheduler"]["ok"] is True


def test_a_starting_worker_sweeps_at_once_with_the_window_reset(approved, editor, sent):
    """A worker that died took its held exact-time tasks with it; the window had passed
    them, and stories fell due while it was down. The new worker sweeps straight away."""
    from articles import tasks

    overdue, soon = approved(), approved()
    now = timezone.now()
    schedule(overdue, editor, now + timedelta(seconds=5))
    schedule(soon, editor, now + timedelta(seconds=scheduler.sweep_interval() * 1.5))
    scheduler.schedule_sweep(now=now)
    assert len(sent) == 2
    scheduler.schedule_sweep(now=now + timedelta(seconds=1))
    assert len(sent) == 2  # the window has passed them

    with mock.patch.object(tasks.schedule_sweep, "apply_async") as sweep_soon:
        tasks._sweep_on_worker_start()
    sweep_soon.assert_called_once()
    with at_time(now + timedelta(seconds=10)):
        result = tasks.schedule_sweep.apply().get()
    assert result["published"] == 1 and events(overdue).count() == 1
    assert [args[0] for _, args, _ in sent[2:]] == [soon.pk]


def test_hook_and_sweep_queue_each_story_once(
    approved, editor, sent, django_capture_on_commit_callbacks
):
    now = timezone.now()
    scheduler.schedule_sweep(now=now)  # the window now reaches now + horizon
    stories = [approved() for _ in range(4)]
    interval = scheduler.sweep_interval()
    offsets = [interval / 2, interval * 1.5, scheduler.horizon() - 1, scheduler.horizon() + 5]
    with django_capture_on_commit_callbacks(execute=True):
        for article, offset in zip(stories, offsets, strict=True):
            schedule(article, editor, timezone.now() + timedelta(seconds=offset))
    for step in range(1, 8):
        scheduler.schedule_sweep(now=now + timedelta(seconds=step * interval / 2))
    queued = sorted(args[0] for _, args, _ in sent)
    assert queued == sorted(a.pk for a in stories)


@pytest.mark.django_db(transaction=True)
def test_claims_racing_in_parallel_publish_once(approved, editor):
    """Four connections claim the same schedule at the same moment (row locks on
    PostgreSQL, the single writer on SQLite): one publishes, the rest find it done."""
    import threading

    from django.db import connection

    article = approved()
    at = timezone.now() + timedelta(seconds=30)
    schedule(article, editor, at)
    barrier, results = threading.Barrier(4), []

    def claim_in_thread():
        try:
            barrier.wait()
            results.append(article_publish_scheduled(
                article_id=article.pk, revision_id=article.scheduled_revision_id,
                publish_at=at, now=at,
            ).result)
        finally:
            connection.close()

    threads = [threading.Thread(target=claim_in_thread) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(results) == ["done", "stale", "stale", "stale"]
    assert events(article).count() == 1


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's EXPLAIN QUERY PLAN")
def test_the_sweeps_page_cache_catch_up_reads_its_own_index():
    """The newest move readers could see is read every sweep from the partial index
    `event_public_time` alone (migration 0008), not from the event rows."""
    with CaptureQueriesContext(connection) as queries:
        scheduler.schedule_sweep()
    (sql,) = [q["sql"] for q in queries if 'MAX("articles_articleevent"."created_at")' in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "COVERING INDEX event_public_time" in plan, plan
