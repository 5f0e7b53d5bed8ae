"""The admin's Scheduled list: who sees and changes what, rescheduling and cancelling
through the workflow, times across a daylight-saving change, the scheduler's health."""

import re
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleEvent, Publication, Status
from articles.services import article_commit_edit, article_transition
from articles.services.scheduling import schedule_sweep
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

LIST = reverse("admin:articles_scheduledstory_changelist")


def reschedule_url(article):
    return reverse("admin:articles_scheduledstory_reschedule", args=[article.pk])


def cancel_url(article, what="publish"):
    return reverse("admin:articles_scheduledstory_cancel", args=[article.pk]) + f"?what={what}"


@pytest.fixture
def scheduled(reporter, editor):
    """A story by `reporter`, approved and scheduled by `editor` `ahead` from now."""

    def make(ahead=timedelta(hours=2), headline=None, **kwargs):
        article = ArticleFactory(
            authors=[reporter.contributor], created_by=reporter,
            **({"headline": headline} if headline else {}),
        )
        article_commit_edit(article=article, user=reporter)
        article_transition(article=article, action="submit", user=reporter)
        article_transition(article=article, action="approve", user=editor)
        article_transition(
            article=article, action="schedule", user=editor,
            publish_at=ahead if isinstance(ahead, datetime) else timezone.now() + ahead, **kwargs,
        )
        article.refresh_from_db()
        return article

    return make


def test_editors_see_scheduled_stories_soonest_first_with_both_times(client, editor, scheduled):
    later = scheduled(timedelta(hours=5), headline="Later story")
    sooner = scheduled(timedelta(minutes=10), headline="Sooner story")
    ArticleFactory(headline="Not scheduled")
    client.force_login(editor)
    page = client.get(LIST).content.decode()
    assert page.index("Sooner story") < page.index("Later story")
    assert "Not scheduled" not in page
    assert "UTC)" in page and "data-countdown" in page
    assert re.search(r"in (9|10) min", page)
    assert reschedule_url(sooner) in page and cancel_url(later) in page
    assert "Scheduler:" in page and "has never run" in page


def test_the_list_is_on_the_admin_index(client, editor, reporter):
    for user in (editor, reporter):
        client.force_login(user)
        assert LIST in client.get("/admin/").content.decode()


def test_reporters_see_their_own_scheduled_stories_but_cannot_change_them(
    client, reporter, other_reporter, scheduled
):
    mine = scheduled(headline="Mine, scheduled")
    client.force_login(other_reporter)
    assert "Mine, scheduled" not in client.get(LIST).content.decode()

    client.force_login(reporter)
    page = client.get(LIST).content.decode()
    assert "Mine, scheduled" in page
    assert reschedule_url(mine) not in page and "Cancel the schedule" not in page
    publish_at = mine.publish_at
    assert client.get(reschedule_url(mine)).status_code == 403
    response = client.post(reschedule_url(mine), {"publish_at": "2031-01-01T09:00"})
    assert response.status_code == 403
    assert client.post(cancel_url(mine), {"what": "publish"}).status_code == 403
    response = client.post(LIST, {"action": "cancel_schedules", "_selected_action": [mine.pk]})
    mine.refresh_from_db()
    assert (mine.status, mine.publish_at) == (Status.SCHEDULED, publish_at)


def test_editors_reschedule_in_newsroom_time(client, editor, scheduled, settings):
    settings.TIME_ZONE = "America/New_York"
    article = scheduled()
    client.force_login(editor)
    assert client.get(reschedule_url(article)).status_code == 200
    response = client.post(reschedule_url(article), {
        "publish_at": "2031-03-09T01:30", "unpublish_at": "2031-03-09T03:30",
    })
    assert response.status_code == 302, response.content.decode()
    article.refresh_from_db()
    # Across the March change: 01:30 EST and 03:30 EDT, one real hour apart.
    assert article.publish_at == datetime(2031, 3, 9, 6, 30, tzinfo=UTC)
    assert article.unpublish_at == datetime(2031, 3, 9, 7, 30, tzinfo=UTC)
    event = ArticleEvent.objects.filter(article=article, action="schedule").first()
    assert event.user == editor
    page = client.get(LIST).content.decode()
    assert "Sun 9 Mar 2031, 01:30 EST (06:30 UTC)" in page
    assert "Sun 9 Mar 2031, 03:30 EDT (07:30 UTC)" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"publish_at": "2031-03-09T02:30"}, "does not exist"),
        ({"publish_at": "2031-11-02T01:30"}, "happens twice"),
        ({"publish_at": "2031-01-01T10:00", "unpublish_at": "2031-01-01T09:00"}, "come down after"),
        ({"publish_at": ""}, "Give the time"),
        ({"publish_at": "next tuesday"}, "needs a date and a time"),
    ],
)
def test_bad_times_are_refused_with_a_clear_message(
    client, editor, scheduled, settings, data, message
):
    settings.TIME_ZONE = "America/New_York"
    article = scheduled()
    before = article.publish_at
    client.force_login(editor)
    response = client.post(reschedule_url(article), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    article.refresh_from_db()
    assert article.publish_at == before


def test_editors_cancel_a_scheduled_publication(client, editor, scheduled):
    article = scheduled()
    client.force_login(editor)
    assert "go live" in client.get(cancel_url(article)).content.decode()
    assert client.post(cancel_url(article), {"what": "publish"}).status_code == 302
    article.refresh_from_db()
    assert article.status == Status.APPROVED
    assert (article.publish_at, article.scheduled_revision) == (None, None)
    assert ArticleEvent.objects.filter(article=article, action="unschedule", user=editor).exists()


def test_a_take_down_is_listed_rescheduled_and_cancelled(client, editor, scheduled):
    article = scheduled()
    article_transition(article=article, action="publish", user=editor)
    down = timezone.now() + timedelta(hours=3)
    article_transition(article=article, action="schedule_unpublish", user=editor, unpublish_at=down)
    client.force_login(editor)
    page = client.get(LIST).content.decode()
    assert "Come down" in page and cancel_url(article, "takedown") in page

    client.post(reschedule_url(article), {"unpublish_at": "2031-06-01T12:00"})
    article.refresh_from_db()
    assert article.unpublish_at == datetime(2031, 6, 1, 16, 0, tzinfo=UTC)
    assert Publication.objects.get(article=article).visible_until == article.unpublish_at

    client.post(cancel_url(article, "takedown"), {"what": "takedown"})
    article.refresh_from_db()
    assert article.unpublish_at is None
    assert Publication.objects.live().filter(article=article).exists()


def test_bulk_cancel(client, editor, scheduled):
    stories = [scheduled(), scheduled()]
    client.force_login(editor)
    response = client.post(LIST, {
        "action": "cancel_schedules", "_selected_action": [a.pk for a in stories],
    })
    assert response.status_code == 302
    ids = [a.pk for a in stories]
    assert not Article.objects.filter(pk__in=ids, publish_at__isnull=False).exists()


def test_overdue_and_failed_stories_stand_out(client, editor, scheduled):
    from tests.conftest import publish

    article = scheduled(timedelta(minutes=1))
    publish(ArticleFactory(slug=f"{article.slug}-x"))
    Publication.objects.filter(slug=f"{article.slug}-x").update(slug=article.slug)
    later = timezone.now() + timedelta(minutes=5)
    with mock.patch("django.utils.timezone.now", return_value=later):
        schedule_sweep()
        client.force_login(editor)
        page = client.get(LIST).content.decode()
    assert "scheduler-overdue" in page and "1 overdue" in page
    assert "Failed" in page and "address" in page
    assert "last sweep 0 s ago" in page


def test_a_time_in_the_repeated_hour_survives_a_round_trip(client, editor, scheduled, settings):
    """The form shows the offset, so saving it unchanged keeps the second 01:30 (EST)."""
    settings.TIME_ZONE = "America/New_York"
    second = datetime(2031, 11, 2, 6, 30, tzinfo=UTC)  # 01:30 EST, after the clocks go back
    article = scheduled(second)
    client.force_login(editor)
    form = client.get(reschedule_url(article)).content.decode()
    assert 'value="2031-11-02 01:30-05:00"' in form
    client.post(reschedule_url(article), {"publish_at": "2031-11-02 01:30-05:00"})
    article.refresh_from_db()
    assert article.publish_at == second
