"""A shared draft counts its view when a browser shows it, and only then (issue 19): the
page's script posts the view, under the site's Content Security Policy, while fetching the
page as a link preview or a mail scanner does changes nothing."""

import time
import urllib.request

import pytest

from articles.models import ShareLink
from articles.services import article_commit_edit, share_link_create, share_link_path
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _views(link) -> int:
    return ShareLink.objects.get(pk=link.pk).views


def test_a_browser_counts_the_view_and_a_fetch_does_not(page, live_server, editor):
    draft = ArticleFactory(headline="Draft for the lawyers", slug="draft-for-the-lawyers")
    article_commit_edit(article=draft, user=editor)
    link = share_link_create(article=draft, user=editor)
    url = f"{live_server.url}{share_link_path(link)}"

    with urllib.request.urlopen(url) as response:  # a link preview: no scripts run
        assert response.status == 200 and b"Draft for the lawyers" in response.read()
    assert _views(link) == 0

    page.goto(url)
    assert page.locator("h1").inner_text() == "Draft for the lawyers"
    deadline = time.monotonic() + 10
    while _views(link) == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _views(link) == 1
    assert page.js_errors == []
