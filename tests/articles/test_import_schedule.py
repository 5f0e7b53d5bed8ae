"""import_story --publish-at / --embargo-until: wire copy scheduled through the workflow."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import Article, ArticleEvent, Publication, Status
from tests.conftest import REFERENCE_STORY

pytestmark = pytest.mark.django_db

HEADLINE = "US strike in Baghdad kills leader of Iran-backed militia"


def _import(*args) -> str:
    out = StringIO()
    call_command("import_story", str(REFERENCE_STORY), "--headline", HEADLINE, *args, stdout=out)
    return out.getvalue()


def test_publish_at_schedules_through_the_workflow(settings):
    settings.TIME_ZONE = "America/New_York"
    output = _import("--publish-at", "2031-03-09T03:30")  # EDT, just after the change
    article = Article.objects.get(headline=HEADLINE)
    assert article.status == Status.SCHEDULED
    assert article.publish_at == datetime(2031, 3, 9, 7, 30, tzinfo=UTC)
    assert article.scheduled_revision_id == article.approved_revision_id
    assert not Publication.objects.filter(article=article).exists()
    assert "scheduled for Sun 9 Mar 2031, 03:30 EDT (07:30 UTC)" in output
    actions = list(
        ArticleEvent.objects.filter(article=article).order_by("id").values_list("action", "user")
    )
    assert actions == [("edited", None), ("submit", None), ("approve", None), ("schedule", None)]


def test_wire_copy_under_embargo(settings):
    settings.TIME_ZONE = "America/New_York"
    output = _import(
        "--embargo-until", "2031-01-15T06:00Z", "--publish-at", "2031-01-15T01:00-05:00",
    )
    article = Article.objects.get(headline=HEADLINE)
    assert article.embargo_until == article.publish_at == datetime(2031, 1, 15, 6, tzinfo=UTC)
    assert "embargoed until Wed 15 Jan 2031, 01:00 EST (06:00 UTC)" in output


def test_an_embargoed_story_cannot_be_imported_as_published():
    later = (timezone.now() + timedelta(hours=3)).isoformat()
    with pytest.raises(CommandError, match=r"embargoed until .* --publish-at"):
        _import("--embargo-until", later, "--publish")
    assert not Article.objects.exists()


def test_a_schedule_before_the_embargo_is_refused():
    embargo = timezone.now() + timedelta(hours=3)
    with pytest.raises(CommandError, match="before the embargo lifts"):
        _import("--embargo-until", embargo.isoformat(), "--publish-at",
                (embargo - timedelta(hours=1)).isoformat())
    assert not Article.objects.exists()


def test_a_time_already_past_publishes_at_once(client):
    output = _import("--publish-at", (timezone.now() - timedelta(minutes=5)).isoformat())
    article = Article.objects.get(headline=HEADLINE)
    assert "(published)" in output and article.status == Status.PUBLISHED
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--publish-at", "9am tomorrow"], "--publish-at: .*needs a date and a time"),
        (["--publish-at", "2031-03-09"], "needs a date and a time"),
        (["--publish-at", "2031-02-30T09:00"], "not an ISO 8601"),
        (["--publish-at", "2031-03-09T02:30"], "does not exist"),
        (["--publish-at", "2031-11-02T01:30"], "happens twice"),
        (["--embargo-until", "soon"], "--embargo-until: "),
        (["--publish", "--publish-at", "2031-03-09T09:00Z"], "not both"),
    ],
)
def test_bad_times_are_refused_before_anything_is_saved(settings, args, message):
    settings.TIME_ZONE = "America/New_York"
    with pytest.raises(CommandError, match=message):
        _import(*args)
    assert not Article.objects.exists()


def test_an_importing_user_needs_the_right_to_schedule(reporter):
    with pytest.raises(CommandError, match="not allowed"):
        _import("--user", "reporter", "--publish-at", "2031-03-09T09:00Z")
    assert not Article.objects.exists()
