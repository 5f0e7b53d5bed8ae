"""The publish service: readers see exactly the published revision, and only while live."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.exceptions import NotReadyToPublish, StoryError
from articles.models import Byline, Publication, Status
from articles.services import (
    article_commit_edit,
    article_publish_revision,
    article_save_revision,
    article_transition,
    article_unpublish,
)
from tests.conftest import publish
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_edits_to_the_working_copy_stay_private_until_published(client):
    article = ArticleFactory(headline="Original headline", slug="story")
    publish(article)
    article.headline = "Edited headline"
    article.body = "<p>New secret paragraph.</p>"
    article.save()
    article_save_revision(article=article, comment="edit")

    page = client.get("/news/story/").content.decode()
    assert "Original headline" in page
    assert "Edited headline" not in page and "New secret paragraph" not in page

    publish(article)
    page = client.get("/news/story/").content.decode()
    assert "Edited headline" in page and "New secret paragraph" in page


def test_the_published_revision_is_the_one_readers_see_even_if_newer_exist(client):
    article = ArticleFactory(headline="Approved text", slug="story")
    approved, _ = article_save_revision(article=article, comment="approved")
    article.headline = "Later draft"
    article.save()
    article_save_revision(article=article, comment="later")
    article_publish_revision(article=article, revision=approved)
    assert "Approved text" in client.get("/news/story/").content.decode()
    assert "Later draft" not in client.get("/news/story/").content.decode()


def test_publishing_the_live_revision_again_changes_nothing():
    article = ArticleFactory()
    revision, _ = article_save_revision(article=article)
    first = article_publish_revision(article=article, revision=revision)
    again = article_publish_revision(article=article, revision=revision)
    assert first.pk == again.pk
    assert again.version == 1 and again.updated_at is None


def test_republishing_sets_updated_time_and_keeps_first_publication_time():
    article = ArticleFactory()
    t0 = timezone.now() - timedelta(hours=3)
    publication = publish(article, now=t0)
    article.dek = "Changed dek"
    article.save()
    publication = publish(article)
    assert publication.published_at == t0
    assert publication.updated_at > t0
    assert publication.version == 2


def test_unpublished_stories_disappear_and_keep_their_record(client):
    article = ArticleFactory(slug="gone")
    article_commit_edit(article=article, comment="draft")
    for action in ("submit", "approve", "publish"):
        article_transition(article=article, action=action)
    assert client.get("/news/gone/").status_code == 200
    # The publish service writes the public record; the `unpublish` move sets the state.
    article_transition(article=article, action="unpublish", comment="withdrawn")
    assert client.get("/news/gone/").status_code == 404
    article.refresh_from_db()
    assert article.status == Status.UNPUBLISHED
    assert Publication.objects.get(article=article).withdrawn_at is not None
    with pytest.raises(StoryError):
        article_unpublish(article=article)


def test_visibility_times_are_enforced_by_the_query_itself(client):
    article = ArticleFactory(slug="timed")
    revision, _ = article_save_revision(article=article)
    publication = article_publish_revision(
        article=article, revision=revision, visible_from=timezone.now() + timedelta(hours=1)
    )
    assert client.get("/news/timed/").status_code == 404
    assert not Publication.objects.live().filter(pk=publication.pk).exists()
    Publication.objects.filter(pk=publication.pk).update(
        visible_from=timezone.now() - timedelta(hours=2),
        visible_until=timezone.now() - timedelta(minutes=1),
    )
    assert client.get("/news/timed/").status_code == 404
    Publication.objects.filter(pk=publication.pk).update(visible_until=None)
    assert client.get("/news/timed/").status_code == 200


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"headline": ""}, "headline"),
        ({"body": ""}, "body"),
    ],
)
def test_incomplete_revisions_cannot_be_published(change, message):
    article = ArticleFactory(**change)
    revision, _ = article_save_revision(article=article)
    with pytest.raises(NotReadyToPublish, match=message):
        article_publish_revision(article=article, revision=revision)
    assert not Publication.objects.exists()


def test_a_story_without_a_byline_cannot_be_published():
    article = ArticleFactory(authors=[])
    revision, _ = article_save_revision(article=article)
    with pytest.raises(NotReadyToPublish, match="byline"):
        article_publish_revision(article=article, revision=revision)


def test_a_save_that_changes_nothing_makes_no_revision():
    article = ArticleFactory()
    first, created = article_save_revision(article=article, comment="one")
    again, created_again = article_save_revision(article=article, comment="two")
    assert created and not created_again
    assert again.pk == first.pk
    Byline.objects.create(article=article, person=PersonFactory(), position=5)
    third, created_third = article_save_revision(article=article, comment="three")
    assert created_third and third.pk != first.pk


def test_bylines_are_published_in_order_with_per_story_title():
    first, second = PersonFactory(name="Zed First"), PersonFactory(name="Amy Second")
    article = ArticleFactory(authors=[])
    Byline.objects.create(article=article, person=second, position=2, title="reporter")
    Byline.objects.create(article=article, person=first, position=1, title="bureau chief")
    publication = publish(article)
    assert [(b.person.name, b.title) for b in publication.bylines.all()] == [
        ("Zed First", "bureau chief"),
        ("Amy Second", "reporter"),
    ]


def test_the_publish_service_leaves_the_workflow_state_to_the_transitions():
    """Only the workflow's moves set `status`: publishing or withdrawing the public record
    directly leaves the working copy's state as it was."""
    article = ArticleFactory()
    revision, _ = article_save_revision(article=article)
    article_publish_revision(article=article, revision=revision)
    article.refresh_from_db()
    assert article.status == Status.DRAFT and article.is_live
    article_unpublish(article=article)
    article.refresh_from_db()
    assert article.status == Status.DRAFT and not article.is_live
