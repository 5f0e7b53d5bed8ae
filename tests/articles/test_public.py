"""Public pages: what anonymous readers can and cannot see, and In Other News paging."""

from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import html as lxml_html

from articles.models import RelatedLink
from articles.services import article_save_revision
from tests.conftest import publish
from tests.factories import ArticleFactory, PersonFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    """A published story in World tagged Iraq, a draft, and an author on both."""
    world = SectionFactory(name="World", slug="world")
    iraq = TagFactory(name="Iraq", slug="iraq")
    author = PersonFactory(name="Pat Author", slug="pat-author")
    live = ArticleFactory(headline="Live story", slug="live", section=world, authors=[author])
    live.tags.add(iraq)
    publish(live)
    draft = ArticleFactory(headline="Secret draft", slug="draft", section=world, authors=[author])
    draft.tags.add(iraq)
    article_save_revision(article=draft)
    return {"live": live, "draft": draft}


@pytest.mark.parametrize("path", ["/", "/section/world/", "/tag/iraq/", "/author/pat-author/"])
def test_listings_show_live_stories_and_never_drafts(client, newsroom, path):
    response = client.get(path)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Live story" in content
    assert "Secret draft" not in content


def test_draft_article_page_is_404(client, newsroom):
    assert client.get("/news/draft/").status_code == 404
    assert client.get("/news/draft/related/").status_code == 404
    assert client.get("/news/live/").status_code == 200


@pytest.mark.parametrize("path", ["/section/nope/", "/tag/nope/", "/author/nope/", "/news/nope/"])
def test_unknown_pages_are_404(client, db, path):
    assert client.get(path).status_code == 404


def test_article_page_shows_byline_links_and_times(client, newsroom):
    page = lxml_html.fromstring(client.get("/news/live/").content)
    assert page.xpath('//p[@class="byline"]/a[@href="/author/pat-author/"]/text()') == [
        "Pat Author"
    ]
    assert page.xpath("//h1/text()") == ["Live story"]
    assert page.xpath('//p[@class="story__times"]/time/@datetime')
    assert page.xpath('//link[@rel="canonical"]/@href')[0].endswith("/news/live/")


def test_public_pages_refuse_writes(client, newsroom):
    assert client.post("/news/live/").status_code == 405


@pytest.fixture
def story_with_related():
    """A story with two curated links (one to a draft) and seven automatic candidates."""
    world = SectionFactory(name="World", slug="world")
    base = timezone.now() - timedelta(days=1)
    others = []
    for n in range(7):
        other = ArticleFactory(headline=f"Auto {n}", slug=f"auto-{n}", section=world)
        publish(other, now=base + timedelta(minutes=n))
        others.append(other)
    draft = ArticleFactory(headline="Unpublished target", slug="unpub", section=world)
    story = ArticleFactory(headline="Main", slug="main", section=world)
    RelatedLink.objects.create(article=story, target=others[0], position=0)
    RelatedLink.objects.create(article=story, target=draft, position=1)
    RelatedLink.objects.create(
        article=story, url="https://example.org/report", title="External report", position=2
    )
    publish(story, now=base + timedelta(hours=1))
    return story


def _titles(content: bytes) -> list[str]:
    page = lxml_html.fromstring(content)
    return [a.text_content() for a in page.xpath('//li[@class="related__item"]/a')]


def _next(content: bytes) -> str | None:
    hrefs = lxml_html.fromstring(content).xpath("//a[@data-load-more]/@href")
    return hrefs[0] if hrefs else None


def test_in_other_news_pages_curated_first_then_automatic_without_repeats(
    client, story_with_related
):
    response = client.get("/news/main/")
    first = _titles(response.content)
    assert first[:2] == ["Auto 0", "External report"]
    assert "Unpublished target" not in first
    assert first[2:] == ["Auto 6", "Auto 5", "Auto 4"]

    seen = list(first)
    link = _next(response.content)
    while link:
        page = client.get(link)
        assert page.status_code == 200
        seen += _titles(page.content)
        link = _next(page.content)
    assert seen == [
        "Auto 0",
        "External report",
        "Auto 6",
        "Auto 5",
        "Auto 4",
        "Auto 3",
        "Auto 2",
        "Auto 1",
    ]


def test_load_more_is_stable_while_new_stories_are_published(client, story_with_related):
    link = _next(client.get("/news/main/").content)
    # A new story arrives between two clicks of Load More.
    publish(
        ArticleFactory(headline="Breaking", slug="breaking", section=story_with_related.section)
    )
    rest = _titles(client.get(link).content)
    assert rest == ["Auto 3", "Auto 2", "Auto 1"]


def test_load_more_fragment_for_javascript(client, story_with_related):
    link = _next(client.get("/news/main/").content)
    fragment = client.get(link, headers={"X-Requested-With": "fetch"})
    assert fragment.status_code == 200
    assert b"<html" not in fragment.content
    assert b'class="related__item"' in fragment.content


def test_bad_cursor_is_harmless(client, story_with_related):
    for cursor in ["", "%%%", "YXw=", "Ynw=", "YXxub3RhZGF0ZXwx"]:
        assert client.get(f"/news/main/related/?after={cursor}").status_code == 200


def test_external_links_open_safely(client, story_with_related):
    page = lxml_html.fromstring(client.get("/news/main/").content)
    [external] = page.xpath('//a[@href="https://example.org/report"]')
    assert "noopener" in external.get("rel")
