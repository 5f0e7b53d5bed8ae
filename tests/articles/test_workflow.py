"""The workflow: every transition from every state for every role, and the rules that
keep readers on approved text."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.exceptions import InvalidTransition, StoryError, TransitionNotPermitted
from articles.models import (
    ArticleEvent,
    Byline,
    Credit,
    Publication,
    RelatedLink,
    ReviewComment,
    Status,
)
from articles.services import (
    article_commit_edit,
    article_recover,
    article_restore_revision,
    article_transition,
    latest_revision_info,
)
from tests.factories import ArticleFactory, PersonFactory, TagFactory

pytestmark = pytest.mark.django_db

S = Status
SOON = timedelta(hours=2)


def move(article, *actions, user=None, **kwargs):
    for action in actions:
        kwargs.setdefault("comment", "because")
        if action == "schedule":
            kwargs.setdefault("publish_at", timezone.now() + SOON)
        if action == "schedule_unpublish":
            kwargs.setdefault("unpublish_at", timezone.now() + SOON)
        article_transition(article=article, action=action, user=user, **kwargs)
    article.refresh_from_db()
    return article


PATHS = {
    S.DRAFT: (),
    S.SUBMITTED: ("submit",),
    S.CHANGES_REQUESTED: ("submit", "request_changes"),
    S.APPROVED: ("submit", "approve"),
    S.SCHEDULED: ("submit", "approve", "schedule"),
    S.PUBLISHED: ("submit", "approve", "publish"),
    S.UNPUBLISHED: ("submit", "approve", "publish", "unpublish"),
}

# Where each move may start, written out by hand (not derived from the code under test).
ALLOWED_FROM = {
    "submit": {S.DRAFT, S.CHANGES_REQUESTED},
    "request_changes": {S.SUBMITTED, S.APPROVED, S.SCHEDULED},
    "approve": {S.SUBMITTED},
    "publish": {S.APPROVED, S.SCHEDULED, S.UNPUBLISHED},
    "schedule": {S.APPROVED, S.SCHEDULED, S.UNPUBLISHED},
    "unschedule": {S.SCHEDULED},
    "unpublish": {S.PUBLISHED},
    "schedule_unpublish": {S.PUBLISHED},
}
RESULT = {
    "submit": S.SUBMITTED,
    "request_changes": S.CHANGES_REQUESTED,
    "approve": S.APPROVED,
    "publish": S.PUBLISHED,
    "schedule": S.SCHEDULED,
    "unschedule": S.APPROVED,
    "unpublish": S.UNPUBLISHED,
    "schedule_unpublish": S.PUBLISHED,
}
REPORTER_MAY = {"submit"}


@pytest.fixture
def story_in(reporter):
    def make(status):
        article = ArticleFactory(authors=[reporter.contributor], created_by=reporter)
        article_commit_edit(article=article, user=reporter, comment="first draft")
        return move(article, *PATHS[status])

    return make


@pytest.mark.parametrize("status", list(PATHS))
@pytest.mark.parametrize("action", list(ALLOWED_FROM))
@pytest.mark.parametrize("role", ["editor", "reporter", "other_reporter", "reader"])
def test_transition_matrix(request, story_in, status, action, role):
    user = request.getfixturevalue(role)
    article = story_in(status)
    assert article.status == status
    allowed_by_role = role == "editor" or (role == "reporter" and action in REPORTER_MAY)
    allowed = allowed_by_role and status in ALLOWED_FROM[action]
    events_before = ArticleEvent.objects.filter(article=article, action=action).count()
    if allowed:
        move(article, action, user=user)
        assert article.status == RESULT[action]
        assert (
            ArticleEvent.objects.filter(article=article, action=action).count() == events_before + 1
        )
        event = ArticleEvent.objects.filter(article=article, action=action).first()
        assert event.user == user and event.from_status == status
    else:
        expected = TransitionNotPermitted if not allowed_by_role else InvalidTransition
        with pytest.raises(expected):
            move(article, action, user=user)
        article.refresh_from_db()
        assert article.status == status
        assert ArticleEvent.objects.filter(article=article, action=action).count() == events_before


def test_unknown_action_is_refused(story_in, editor):
    with pytest.raises(InvalidTransition):
        move(story_in(S.DRAFT), "delete_everything", user=editor)


@pytest.mark.parametrize("action", ["request_changes", "unpublish"])
def test_some_moves_need_a_reason(story_in, editor, action):
    article = story_in(S.SUBMITTED if action == "request_changes" else S.PUBLISHED)
    with pytest.raises(StoryError, match="comment is required"):
        move(article, action, user=editor, comment="  ")


def test_changes_requested_comment_reaches_the_reporter(story_in, editor):
    article = move(
        story_in(S.SUBMITTED), "request_changes", user=editor, comment="Source the claim"
    )
    note = ReviewComment.objects.get(article=article)
    assert note.is_change_request and note.body == "Source the claim" and note.author == editor


def _edit(article, user, **fields):
    for name, value in fields.items():
        setattr(article, name, value)
    article.save()
    return article_commit_edit(article=article, user=user, comment="edit")


def test_live_story_keeps_serving_approved_text_while_next_draft_is_written(
    client, story_in, reporter, editor
):
    article = story_in(S.PUBLISHED)
    live_headline = article.headline
    _edit(article, reporter, headline="Rewritten headline")
    article.refresh_from_db()
    assert article.status == S.DRAFT
    page = client.get(f"/news/{article.slug}/").content.decode()
    assert live_headline in page and "Rewritten headline" not in page

    move(article, "submit", user=reporter)
    move(article, "approve", user=editor)
    page = client.get(f"/news/{article.slug}/").content.decode()
    assert "Rewritten headline" not in page  # approved is not published
    move(article, "publish", user=editor)
    assert "Rewritten headline" in client.get(f"/news/{article.slug}/").content.decode()
    assert article.status == S.PUBLISHED


def test_the_approved_revision_goes_live_not_a_newer_draft(client, story_in, reporter, editor):
    article = story_in(S.SUBMITTED)
    move(article, "approve", user=editor)
    approved_headline = article.headline
    _edit(article, reporter, headline="Saved after approval")
    article.refresh_from_db()
    assert article.status == S.DRAFT and article.approved_revision_id
    move(article, "publish", user=editor)
    page = client.get(f"/news/{article.slug}/").content.decode()
    assert approved_headline in page and "Saved after approval" not in page
    assert article.status == S.DRAFT  # the newer draft still needs its own approval


def test_a_save_that_changes_nothing_keeps_the_approval(story_in, reporter):
    article = story_in(S.APPROVED)
    _, changed = article_commit_edit(article=article, user=reporter, comment="no-op")
    article.refresh_from_db()
    assert not changed and article.status == S.APPROVED


def test_editing_a_scheduled_story_keeps_the_schedule(story_in, reporter):
    article = story_in(S.SCHEDULED)
    scheduled, publish_at = article.scheduled_revision_id, article.publish_at
    _edit(article, reporter, dek="A late fix")
    article.refresh_from_db()
    assert article.status == S.DRAFT
    assert (article.scheduled_revision_id, article.publish_at) == (scheduled, publish_at)


def test_approving_a_stale_revision_is_refused(story_in, reporter, editor):
    article = story_in(S.SUBMITTED)
    reviewed = latest_revision_info(article).revision_id
    _edit(article, reporter, headline="Changed while the editor read")
    with pytest.raises(InvalidTransition, match="changed since"):
        move(article, "approve", user=editor, revision_id=reviewed)
    move(article, "approve", user=editor, revision_id=latest_revision_info(article).revision_id)
    assert article.status == S.APPROVED


def test_second_editor_rule(settings, story_in, editor, roles):
    from tests.factories import UserFactory

    settings.NEWSROOM_REQUIRE_SECOND_EDITOR = True
    article = story_in(S.SUBMITTED)
    _edit(article, editor, headline="Editor rewrote it")
    assert article.status == S.SUBMITTED  # still in review
    with pytest.raises(InvalidTransition, match="Another editor"):
        move(article, "approve", user=editor)
    second = UserFactory(username="second_editor")
    second.groups.add(roles["Editors"])
    move(article, "approve", user=second)
    assert article.status == S.APPROVED
    settings.NEWSROOM_REQUIRE_SECOND_EDITOR = False


def test_embargo_blocks_publication_by_anyone(story_in, editor, superuser):
    article = story_in(S.APPROVED)
    article.embargo_until = timezone.now() + timedelta(hours=1)
    article.save(update_fields=["embargo_until"])
    for user in (editor, superuser, None):
        with pytest.raises(InvalidTransition, match="embargoed"):
            move(article, "publish", user=user)
    with pytest.raises(StoryError, match="embargo"):
        move(article, "schedule", user=editor, publish_at=timezone.now() + timedelta(minutes=30))
    move(article, "schedule", user=editor, publish_at=article.embargo_until + timedelta(minutes=1))
    assert article.status == S.SCHEDULED


@pytest.mark.parametrize(
    ("publish_at", "unpublish_at", "message"),
    [
        (None, None, "time the story should go live"),
        ("naive", None, "time zone"),
        (+2, +1, "come down after"),
    ],
)
def test_bad_schedule_times_get_clear_errors(story_in, editor, publish_at, unpublish_at, message):
    from datetime import datetime

    now = timezone.now()
    article = story_in(S.APPROVED)
    kwargs = {
        "publish_at": datetime(2030, 1, 1, 12)
        if publish_at == "naive"
        else (now + timedelta(hours=publish_at) if publish_at else None),
        "unpublish_at": now + timedelta(hours=unpublish_at) if unpublish_at else None,
    }
    with pytest.raises(StoryError, match=message):
        article_transition(article=article, action="schedule", user=editor, **kwargs)
    article.refresh_from_db()
    assert article.status == S.APPROVED and article.publish_at is None


def test_a_schedule_in_the_past_publishes_at_once(client, story_in, editor):
    article = story_in(S.APPROVED)
    move(article, "schedule", user=editor, publish_at=timezone.now() - timedelta(minutes=5))
    assert article.status == S.PUBLISHED and article.publish_at is None
    assert client.get(f"/news/{article.slug}/").status_code == 200


def test_every_transition_makes_a_revision_with_who_and_why(story_in, editor):
    article = story_in(S.SUBMITTED)
    before = latest_revision_info(article).revision_id
    move(article, "request_changes", user=editor, comment="Needs a second source")
    info = latest_revision_info(article)
    assert info.revision_id > before
    assert info.revision.user == editor
    assert info.revision.comment == "Request changes: Needs a second source"
    assert info.status == S.CHANGES_REQUESTED


def test_restore_brings_back_bylines_credits_tags_and_links_including_deleted_rows(
    story_in, reporter, editor
):
    article = story_in(S.DRAFT)
    first_author = article.bylines.get().person
    tag = TagFactory(name="Iraq", slug="iraq")
    target = ArticleFactory(headline="Target")
    article.tags.add(tag)
    Credit.objects.create(
        article=article, person=PersonFactory(name="Credit One"), role="writer", location="Baghdad"
    )
    RelatedLink.objects.create(article=article, target=target)
    old, _ = article_commit_edit(article=article, user=reporter, comment="with parts")
    old_headline = article.headline

    # Change everything: new byline, credits and links removed, tags replaced.
    article.bylines.all().delete()
    Byline.objects.create(article=article, person=PersonFactory(name="New Author"))
    article.credits.all().delete()
    article.related_links.all().delete()
    article.tags.set([TagFactory(name="Syria", slug="syria")])
    _edit(article, reporter, headline="Everything changed")

    new_revision, notes = article_restore_revision(article=article, revision=old, user=editor)
    article.refresh_from_db()
    assert notes == []
    assert article.headline == old_headline
    assert [b.person for b in article.bylines.all()] == [first_author]
    assert [(c.person.name, c.location) for c in article.credits.all()] == [
        ("Credit One", "Baghdad")
    ]
    assert [link.target for link in article.related_links.all()] == [target]
    assert list(article.tags.all()) == [tag]
    assert new_revision.pk > old.pk and article.status == S.DRAFT
    assert latest_revision_info(article).kind == "restore"


def test_restore_of_a_live_story_is_a_draft_until_approved(client, story_in, reporter, editor):
    article = story_in(S.PUBLISHED)
    first = latest_revision_info(article).revision
    _edit(article, reporter, headline="Second version")
    move(article, "submit", user=reporter)
    move(article, "approve", user=editor)
    move(article, "publish", user=editor)
    article_restore_revision(article=article, revision=first, user=editor)
    article.refresh_from_db()
    assert article.status == S.DRAFT
    assert "Second version" in client.get(f"/news/{article.slug}/").content.decode()


def test_a_deleted_story_can_be_recovered(story_in, editor):
    article = story_in(S.PUBLISHED)
    key, headline = article.pk, article.headline
    author = article.bylines.get().person
    article.delete()
    assert not Publication.objects.filter(article_id=key).exists()
    recovered = article_recover(article_key=key, user=editor)
    assert recovered.pk == key and recovered.headline == headline
    assert recovered.status == S.DRAFT
    assert [b.person for b in recovered.bylines.all()] == [author]
    with pytest.raises(StoryError):
        article_recover(article_key=key, user=editor)
