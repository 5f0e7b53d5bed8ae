"""A GET on a share link changes nothing (issue 19, finding 7).

The review found that fetching a share-draft link counted a view, a state change on GET:
link previews in chat apps and mail scanners that fetch every link inflated it, and a
prefetch was a write. The page now counts a view with a POST its script makes once it has
loaded (`shared_draft_viewed`), which nothing that only fetches pages sends.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import ShareLink
from articles.services import (
    article_commit_edit,
    share_link_create,
    share_link_path,
    share_link_revoke,
)
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(editor):
    draft = ArticleFactory(headline="A shared draft", slug="a-shared-draft")
    article_commit_edit(article=draft, user=editor)
    return share_link_create(article=draft, user=editor)


def _counted(link) -> tuple[int, object]:
    fresh = ShareLink.objects.get(pk=link.pk)
    return fresh.views, fresh.last_viewed_at


def _viewed_url(page: str) -> str:
    (url,) = re.findall(r'data-viewed-url="([^"]+)"', page)
    return url


def test_fetching_a_share_link_changes_nothing(link):
    client = Client()
    for _ in range(3):  # a person, a chat app's link preview, a mail scanner
        assert client.get(share_link_path(link)).status_code == 200
        assert client.head(share_link_path(link)).status_code == 200
    assert _counted(link) == (0, None)


def test_the_page_counts_its_view_with_a_post(link):
    client = Client(enforce_csrf_checks=True)  # as a browser: no token to borrow
    page = client.get(share_link_path(link)).content.decode()
    assert "articles/share-viewed" in page
    url = _viewed_url(page)
    assert url == reverse("articles:shared_draft_viewed", args=[share_link_path(link).split("/")[2]])
    response = client.post(url)
    assert response.status_code == 204
    assert response["Referrer-Policy"] == "no-referrer"
    views, when = _counted(link)
    assert views == 1 and when is not None
    assert client.get(url).status_code == 405  # counting is a POST, never a GET


def test_a_revoked_or_forged_link_counts_nothing(link, editor):
    client = Client()
    url = _viewed_url(client.get(share_link_path(link)).content.decode())
    share_link_revoke(link=link, user=editor)
    assert client.post(url).status_code == 410
    assert client.post(reverse("articles:shared_draft_viewed", args=["forged"])).status_code == 404
    assert _counted(link) == (0, None)
