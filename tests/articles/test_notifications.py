"""Notifications: who is told what, queued only after the transaction commits, sent once,
and a broker outage never costs the editor their transition."""

import logging
from datetime import timedelta
from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from articles import notifications
from articles.models import ArticleEvent
from articles.services import article_commit_edit, article_transition
from articles.tasks import notify_pending, notify_story_event
from tests.factories import ArticleFactory, UserFactory
from tests.worker import wait_for_files


@pytest.fixture
def story(reporter, other_reporter):
    """Created by the reporter, with the other reporter on the byline too."""
    article = ArticleFactory(
        headline="Drone strikes & the Red Sea",
        created_by=reporter,
        authors=[reporter.contributor, other_reporter.contributor],
    )
    article_commit_edit(article=article, user=reporter)
    return article


@pytest.fixture
def second_editor(roles):
    user = UserFactory(username="second_editor", first_name="Sam", last_name="Second")
    user.groups.add(roles["Editors"])
    return user


def _event(article, action):
    return ArticleEvent.objects.filter(article=article, action=action).first()


@pytest.mark.django_db
def test_queued_only_after_commit_and_only_for_moves_people_hear_about(
    story, reporter, editor, django_capture_on_commit_callbacks
):
    with mock.patch.object(notify_story_event, "apply_async") as enqueue:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            event = article_transition(article=story, action="submit", user=reporter)
            assert not enqueue.called  # not while the transaction is open
        assert len(callbacks) == 1
        enqueue.assert_called_once()
        assert enqueue.call_args.args[0] == (event.pk,)

        enqueue.reset_mock()
        with django_capture_on_commit_callbacks(execute=True):
            story.dek = "An edit nobody is mailed about"
            story.save(update_fields=["dek"])
            article_commit_edit(article=story, user=reporter)
        assert not enqueue.called


@pytest.mark.django_db
def test_submission_mails_every_editor_but_the_submitter(story, reporter, editor, second_editor):
    UserFactory(username="lapsed_editor", is_active=False).groups.add(*second_editor.groups.all())
    UserFactory(username="no_mail_editor", email="").groups.add(*second_editor.groups.all())
    event = article_transition(article=story, action="submit", user=reporter, comment="Ready")
    assert notify_story_event(event.pk) == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "editor@example.com",
        "second_editor@example.com",
    ]
    message = mail.outbox[0]
    assert message.subject == "[The Newsroom] Submitted for review: Drone strikes & the Red Sea"
    assert "reporter submitted “Drone strikes & the Red Sea” for review." in message.body
    assert "“Ready”" in message.body
    assert f"http://localhost:8000/admin/articles/article/{story.pk}/change/" in message.body
    assert "&amp;" not in message.body


@pytest.mark.django_db
def test_reporters_hear_about_requests_approval_and_publication(
    story, reporter, other_reporter, editor
):
    article_transition(article=story, action="submit", user=reporter)
    for action, subject in (
        ("request_changes", "Changes requested"),
        ("submit", None),
        ("approve", "Approved"),
        ("publish", "Published"),
    ):
        mail.outbox.clear()
        event = article_transition(
            article=story,
            action=action,
            user=reporter if action == "submit" else editor,
            comment="Source the quote",
        )
        notify_story_event(event.pk)
        if subject is None:
            continue
        assert sorted(m.to[0] for m in mail.outbox) == [
            "other_reporter@example.com",
            "reporter@example.com",
        ], action
        assert all(m.subject.startswith(f"[The Newsroom] {subject}: ") for m in mail.outbox)
        assert "“Source the quote”" in mail.outbox[0].body
    assert "Read it on the site: http://localhost:8000/news/" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_schedule_that_publishes_at_once_and_the_scheduler_are_announced(story, reporter, editor):
    article_transition(article=story, action="submit", user=reporter)
    article_transition(article=story, action="approve", user=editor)
    event = article_transition(
        article=story,
        action="schedule",
        user=None,
        publish_at=timezone.now() - timedelta(minutes=1),
    )
    assert notifications.kind_of(event) == "published"
    notify_story_event(event.pk)
    assert len(mail.outbox) == 2
    assert "The newsroom's scheduler published" in mail.outbox[0].body
    # A schedule for later is not a publication.
    article_transition(article=story, action="unpublish", user=editor, comment="Pull it")
    later = article_transition(
        article=story,
        action="schedule",
        user=editor,
        publish_at=timezone.now() + timedelta(hours=1),
    )
    assert notifications.kind_of(later) is None


@pytest.mark.django_db
def test_nobody_is_mailed_about_their_own_move(editor, second_editor):
    article = ArticleFactory(created_by=editor, authors=[editor.contributor])
    article_commit_edit(article=article, user=editor)
    event = article_transition(article=article, action="submit", user=editor)
    notify_story_event(event.pk)
    assert [m.to for m in mail.outbox] == [["second_editor@example.com"]]
    mail.outbox.clear()
    event = article_transition(article=article, action="approve", user=editor)
    notify_story_event(event.pk)
    assert mail.outbox == []


@pytest.mark.django_db
def test_sent_once_even_if_the_task_runs_twice_and_retried_after_a_failure(story, reporter, editor):
    event = article_transition(article=story, action="submit", user=reporter)
    with (
        mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=SMTPException("down"),
        ),
        pytest.raises(SMTPException),
    ):
        notifications.event_notify(event_id=event.pk)
    event.refresh_from_db()
    assert event.notified_at is None and mail.outbox == []  # released for the retry
    assert notify_story_event(event.pk) == 1
    assert notify_story_event(event.pk) == 0
    assert len(mail.outbox) == 1
    assert notify_story_event(10**9) == 0  # an event that is gone is nothing to do


@pytest.mark.django_db
def test_the_sweep_sends_what_was_never_queued(story, reporter, editor):
    event = article_transition(article=story, action="submit", user=reporter)
    edit = _event(story, "edited")
    assert notify_pending() == 0  # too recent: its own task is still on the way
    ArticleEvent.objects.update(created_at=timezone.now() - timedelta(minutes=10))
    assert notifications.pending_event_ids() == [event.pk]
    assert edit is not None and edit.pk not in notifications.pending_event_ids()
    assert notify_pending() == 1 and notify_pending() == 0
    assert [m.to for m in mail.outbox] == [["editor@example.com"]]


@pytest.fixture
def broker_down():
    """Point Celery at a port where no broker listens, then restore it."""
    from newsroom.celery import app

    def reset(url):
        app.conf.broker_url = url
        app._pool = None
        app.amqp._producer_pool = None

    original = app.conf.broker_url
    reset("redis://127.0.0.1:9/0")
    yield
    reset(original)


@pytest.mark.django_db(transaction=True)
def test_a_broker_outage_does_not_fail_the_transition(client, story, reporter, broker_down, caplog):
    client.force_login(reporter)
    with caplog.at_level(logging.ERROR, logger="articles.receivers"):
        response = client.post(
            reverse("admin:articles_article_transition", args=[story.pk, "submit"])
        )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == "submitted"
    assert "notify_pending will send them" in caplog.text
    event = _event(story, "submit")
    assert event.notified_at is None  # still owed, so the sweep will send it


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_mail_after_commit(mail_worker, story, reporter, editor):
    article_transition(article=story, action="submit", user=reporter, comment="Over to you")
    (sent,) = wait_for_files(mail_worker)
    text = sent.read_text()
    assert "To: editor@example.com" in text
    assert "Submitted for review: Drone strikes & the Red Sea" in text
    assert "Over to you" in text
    event = _event(story, "submit")
    for _ in range(50):
        event.refresh_from_db()
        if event.notified_at:
            break
        import time

        time.sleep(0.1)
    assert event.notified_at is not None
