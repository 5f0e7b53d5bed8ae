"""The workflow through the admin: the buttons each role sees in each state, and every
transition posted by every role straight at its URL, allowed or refused."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticleEvent, Status
from articles.services import article_commit_edit, latest_revision_info
from tests.factories import UserFactory

from .admin_forms import form_data, messages_of, workflow_buttons
from .test_workflow import ALLOWED_FROM, PATHS, REPORTER_MAY, RESULT, move

pytestmark = pytest.mark.django_db

S = Status
NEWSROOM = ZoneInfo("America/New_York")


@pytest.fixture
def story_in(reporter):
    from tests.factories import ArticleFactory

    def make(status):
        article = ArticleFactory(authors=[reporter.contributor], created_by=reporter)
        article_commit_edit(article=article, user=reporter, comment="first draft")
        return move(article, *PATHS[status])

    return make


@pytest.fixture
def no_role(db):
    """Staff, so the admin lets them in, but in no newsroom group."""
    return UserFactory(username="norole", is_staff=True)


def _url(article, action):
    return reverse("admin:articles_article_transition", args=[article.pk, action])


def _post_data(article, action):
    data = {"comment": "because"}
    if action == "schedule":
        data["publish_at"] = (
            (timezone.now() + timedelta(hours=3)).astimezone(NEWSROOM).strftime("%Y-%m-%dT%H:%M")
        )
    if action == "approve":
        data["revision_id"] = latest_revision_info(article).revision_id
    return data


@pytest.mark.parametrize("status", list(PATHS))
@pytest.mark.parametrize("action", list(ALLOWED_FROM))
@pytest.mark.parametrize("role", ["editor", "reporter", "other_reporter"])
def test_every_transition_posted_by_every_newsroom_role(
    client, request, story_in, status, action, role
):
    user = request.getfixturevalue(role)
    article = story_in(status)
    events = ArticleEvent.objects.filter(article=article).count()
    client.force_login(user)
    response = client.post(_url(article, action), _post_data(article, action))
    article.refresh_from_db()

    if role == "other_reporter":
        # Someone else's story does not exist for a reporter.
        assert response.status_code == 404
    elif role == "reporter" and action not in REPORTER_MAY:
        assert response.status_code == 403
    elif status not in ALLOWED_FROM[action]:
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])
        assert [level for level, _ in messages_of(response)] == ["error"]
    else:
        assert response.status_code == 302
        assert [level for level, _ in messages_of(response)] == ["success"]
        assert article.status == RESULT[action]
        event = ArticleEvent.objects.filter(article=article, action=action).first()
        assert event.user == user and event.from_status == status
        return
    assert article.status == status
    assert ArticleEvent.objects.filter(article=article).count() == events


@pytest.mark.parametrize("action", list(ALLOWED_FROM))
@pytest.mark.parametrize("role", ["anonymous", "reader", "no_role"])
def test_outsiders_cannot_move_stories(client, request, story_in, role, action):
    article = story_in(S.SUBMITTED if action in ("approve", "request_changes") else S.APPROVED)
    before = article.status
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.post(_url(article, action), _post_data(article, action))
    if role == "no_role":
        assert response.status_code in (403, 404)
    else:
        # The admin sends anyone who is not staff to its login page.
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    article.refresh_from_db()
    assert article.status == before


@pytest.mark.parametrize("status", list(PATHS))
@pytest.mark.parametrize("role", ["editor", "reporter"])
def test_change_page_shows_only_the_moves_the_user_may_make(
    client, request, story_in, role, status
):
    user = request.getfixturevalue(role)
    article = story_in(status)
    client.force_login(user)
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    may = set(ALLOWED_FROM) if role == "editor" else REPORTER_MAY
    expected = {action for action in may if status in ALLOWED_FROM[action]}
    assert workflow_buttons(response) == expected


def test_reporters_never_approve_or_publish_whatever_they_send(client, story_in, reporter):
    article = story_in(S.SUBMITTED)
    client.force_login(reporter)
    for action in ("approve", "publish", "schedule", "request_changes", "unpublish", "unschedule"):
        data = {**_post_data(article, action), "status": "published", "user": "1"}
        assert client.post(_url(article, action), data).status_code == 403
    # Nor through the change form, whose workflow fields are not editable.
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url))
    data.update(
        status="published",
        approved_revision=latest_revision_info(article).revision_id,
        edit_version="999",
        headline="Reporter tweak",
    )
    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Reporter tweak"
    assert article.status == S.SUBMITTED and article.approved_revision_id is None
    assert not hasattr(article, "publication") or article.publication is None


def test_transitions_need_a_csrf_token(story_in, editor):
    article = story_in(S.SUBMITTED)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(_url(article, "approve"), {})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == S.SUBMITTED


def test_transition_urls_refuse_get_and_unknown_actions_get_a_message(client, story_in, editor):
    article = story_in(S.SUBMITTED)
    client.force_login(editor)
    assert client.get(_url(article, "approve")).status_code == 405
    response = client.post(_url(article, "delete-everything"), {})
    assert response.status_code == 302
    assert messages_of(response)[0][0] == "error"
    assert "no workflow action" in messages_of(response)[0][1]


def test_a_missing_reason_is_a_message_not_an_error_page(client, story_in, editor):
    article = story_in(S.SUBMITTED)
    client.force_login(editor)
    response = client.post(_url(article, "request_changes"), {"comment": "  "})
    assert response.status_code == 302
    assert messages_of(response) == [
        ("error", "Say why: a comment is required to request changes.")
    ]


def test_approve_posts_the_revision_the_editor_read(client, story_in, reporter, editor):
    article = story_in(S.SUBMITTED)
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    read = latest_revision_info(article).revision_id
    assert f'name="revision_id" value="{read}"' in page.content.decode()
    article.headline = "Changed while the editor read"
    article.save(update_fields=["headline"])
    article_commit_edit(article=article, user=reporter)
    response = client.post(_url(article, "approve"), {"revision_id": read})
    assert "changed since the revision you reviewed" in messages_of(response)[0][1]
    article.refresh_from_db()
    assert article.status == S.SUBMITTED


@pytest.mark.parametrize(
    ("typed", "utc"),
    [
        ("2030-01-15T09:30", datetime(2030, 1, 15, 14, 30, tzinfo=ZoneInfo("UTC"))),  # EST
        ("2030-07-15T09:30", datetime(2030, 7, 15, 13, 30, tzinfo=ZoneInfo("UTC"))),  # EDT
    ],
)
def test_schedule_times_are_read_in_newsroom_time(client, story_in, editor, typed, utc):
    article = story_in(S.APPROVED)
    client.force_login(editor)
    with timezone.override("Asia/Tokyo"):  # whatever zone is active, newsroom time is used
        response = client.post(_url(article, "schedule"), {"publish_at": typed})
    article.refresh_from_db()
    assert article.status == S.SCHEDULED and article.publish_at == utc
    ((level, text),) = messages_of(response)
    assert (
        level == "success"
        and f"{utc:%Y-%m-%d %H:%M} UTC" in text
        and typed.replace("T", " ") in text
    )


@pytest.mark.parametrize("typed", ["2030-03-10T02:30", "not a time"])
def test_impossible_schedule_times_are_refused_with_a_message(client, story_in, editor, typed):
    # 02:30 on 10 March 2030 does not exist in New York: the clocks jump from 2:00 to 3:00.
    article = story_in(S.APPROVED)
    client.force_login(editor)
    response = client.post(_url(article, "schedule"), {"publish_at": typed})
    assert response.status_code == 302 and messages_of(response)[0][0] == "error"
    article.refresh_from_db()
    assert article.status == S.APPROVED and article.publish_at is None


def test_change_page_shows_schedule_in_newsroom_time_and_utc(client, story_in, editor):
    article = story_in(S.APPROVED)
    client.force_login(editor)
    client.post(_url(article, "schedule"), {"publish_at": "2030-01-15T09:30"})
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "2030-01-15 09:30 EST" in page and "2030-01-15 14:30 UTC" in page
    assert 'data-time-zone="America/New_York"' in page


def test_with_a_second_editor_required_an_editor_cannot_approve_their_own_changes(
    client, settings, story_in, editor, roles
):
    settings.NEWSROOM_REQUIRE_SECOND_EDITOR = True
    article = story_in(S.SUBMITTED)
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url))
    data["headline"] = "The editor's own rewrite"
    assert client.post(url, data).status_code == 302
    page = client.get(url)
    assert "approve" not in workflow_buttons(page)
    response = client.post(_url(article, "approve"), _post_data(article, "approve"))
    assert "Another editor must approve" in messages_of(response)[0][1]
    article.refresh_from_db()
    assert article.status == S.SUBMITTED

    second = UserFactory(username="second_editor")
    second.groups.add(roles["Editors"])
    client.force_login(second)
    assert "approve" in workflow_buttons(client.get(url))
    client.post(_url(article, "approve"), _post_data(article, "approve"))
    article.refresh_from_db()
    assert article.status == S.APPROVED and article.approved_by == second
