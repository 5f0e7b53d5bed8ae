"""Sections are public only while a live story carries them (issue 19, finding 5).

The review found that a section created for a draft appeared in every public page's
navigation, and its page and feeds answered 200 (empty), while tags and authors used
only by drafts were already 404 (`articles.selectors.hidden_until_live`, now one rule for
all three). The navigation is cached with the pages: a section going live or dark must
show there at once, including when it goes live by time alone.
"""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles import caching
from articles.models import Publication
from articles.services import article_commit_edit, article_transition
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

SECRET = "Merger Desk"
ADDRESSES = ["/section/merger-desk/", "/feeds/section/merger-desk/rss/",
             "/feeds/section/merger-desk/atom/"]


@pytest.fixture
def stories(editor, settings):
    settings.NEWSROOM_APPROVAL_CHECKS = []
    live = ArticleFactory(headline="Something live", slug="something-live")
    article_commit_edit(article=live, user=editor)
    _move(live, editor, "submit", "approve", "publish")
    draft = ArticleFactory(
        headline="The merger", slug="the-merger",
        section=SectionFactory(name=SECRET, slug="merger-desk"),
    )
    article_commit_edit(article=draft, user=editor)
    return draft


def _move(article, user, *actions):
    for action in actions:
        article_transition(article=article, action=action, user=user, comment="Legal asked")
    article.refresh_from_db()


def _public(client: Client) -> tuple[bool, list[int]]:
    """Whether the home page's navigation names the section, and its addresses' statuses."""
    home = client.get("/").content.decode()
    return SECRET in home, [client.get(url).status_code for url in ADDRESSES]


def test_a_section_only_a_draft_carries_is_nowhere_public(stories):
    client = Client()
    named, statuses = _public(client)
    assert not named
    assert statuses == [404, 404, 404]
    assert SECRET not in client.get("/news/something-live/").content.decode()
    assert SECRET not in client.get("/sitemap-sections.xml").content.decode()


def test_the_navigation_follows_publishing_with_the_pages_cached(stories, editor):
    client = Client()
    assert _public(client) == (False, [404, 404, 404])  # and the home page is cached
    _move(stories, editor, "submit", "approve", "publish")
    assert _public(client) == (True, [200, 200, 200])
    _move(stories, editor, "unpublish")
    assert _public(client) == (False, [404, 404, 404])


def test_a_section_goes_live_in_the_navigation_when_its_story_does_by_time(stories, editor):
    _move(stories, editor, "submit", "approve", "publish")
    soon = timezone.now() + timedelta(seconds=1.5)
    Publication.objects.filter(article=stories).update(visible_from=soon)
    caching.invalidate()  # as a scheduled publication made now would
    client = Client()
    assert _public(client) == (False, [404, 404, 404])
    time.sleep(max(0.0, (soon - timezone.now()).total_seconds()) + 0.05)
    assert _public(client) == (True, [200, 200, 200])  # no write: the time passed
