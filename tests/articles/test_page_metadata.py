"""What the reader pages tell browsers, crawlers and social sites: canonical URLs,
OpenGraph and Twitter cards, the language, and the corrections and update times."""

from __future__ import annotations

from datetime import datetime

import pytest
from lxml import html as lxml_html

from tests.conftest import publish

from .reader_site import build_site

pytestmark = pytest.mark.django_db
BASE = "http://testserver"


@pytest.fixture
def site():
    return build_site()


def _page(client, path: str):
    response = client.get(path)
    assert response.status_code == 200, path
    return lxml_html.fromstring(response.content)


def _meta(page) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for meta in page.xpath("//head/meta[@property or @name]"):
        found.setdefault(meta.get("property") or meta.get("name"), []).append(meta.get("content"))
    return found


def test_story_page_social_cards(client, site):
    page = _page(client, "/news/main-story/")
    meta = _meta(page)
    publication = site.publication("main")
    assert meta["og:type"] == ["article"]
    assert meta["og:title"] == meta["twitter:title"] == [publication.headline]
    assert meta["og:description"] == meta["description"] == [publication.dek]
    assert meta["og:url"] == [f"{BASE}/news/main-story/"]
    assert meta["og:site_name"] == ["The Newsroom"]
    assert meta["og:locale"] == ["en_US"]
    assert meta["twitter:card"] == ["summary"]
    assert meta["article:section"] == ["World"]
    assert sorted(meta["article:tag"]) == ["Iraq", "Pentagon"]
    assert meta["article:author"] == [f"{BASE}{p.get_absolute_url()}" for p in site.authors]
    assert datetime.fromisoformat(meta["article:published_time"][0]) == publication.published_at
    assert datetime.fromisoformat(meta["article:modified_time"][0]) == publication.updated_at
    assert "og:image" not in meta


def test_story_with_a_photo_gets_a_large_card_with_an_absolute_image(client, site, make_photo):
    photo = make_photo("Smoke over Baghdad", alt_text="Smoke rises over Baghdad.")
    site.main.lead_photo = photo
    site.main.save()
    publish(site.main)
    page = _page(client, "/news/main-story/")
    meta = _meta(page)
    [card] = meta["og:image"]
    assert card.startswith(f"{BASE}/media/photos/{photo.key}/w1200-40x21.")
    assert meta["twitter:image"] == [card]
    assert meta["og:image:type"] == ["image/jpeg"]
    assert meta["og:image:width"] == ["1200"] and meta["og:image:height"] == ["630"]
    assert meta["og:image:alt"] == meta["twitter:image:alt"] == ["Smoke rises over Baghdad."]
    assert meta["twitter:card"] == ["summary_large_image"]
    [lead] = page.xpath('//figure[contains(@class, "story__figure")]//img')
    assert lead.get("alt") == "Smoke rises over Baghdad."
    assert lead.get("fetchpriority") == "high" and lead.get("loading") is None
    assert lead.get("width") and lead.get("height") and lead.get("srcset")


def test_story_page_language_and_canonical(client, site):
    page = _page(client, "/news/main-story/")
    assert page.get("lang") == "en-us"
    assert page.xpath('//link[@rel="canonical"]/@href') == [f"{BASE}/news/main-story/"]
    assert page.xpath('//link[@rel="alternate"][@hreflang]/@hreflang') == ["en-us"]
    assert page.xpath('//link[@rel="alternate"][@hreflang]/@href') == [f"{BASE}/news/main-story/"]


def test_story_in_another_language_says_so(client, db):
    from tests.factories import ArticleFactory

    publish(ArticleFactory(slug="noticia", language="es"))
    page = _page(client, "/news/noticia/")
    assert page.get("lang") == "es"
    assert _meta(page)["og:locale"] == ["es"]


@pytest.mark.parametrize(
    ("path", "canonical", "title"),
    [
        ("/", "/", "The Newsroom"),
        ("/section/world/", "/section/world/", "World"),
        ("/section/world/?utm_source=x", "/section/world/", "World"),
        ("/tag/iraq/", "/tag/iraq/", "Iraq"),
        ("/author/author-0/", "/author/author-0/", "Author Number0"),
    ],
)
def test_listing_pages_have_canonical_and_social_tags(client, site, path, canonical, title):
    page = _page(client, path)
    assert page.xpath('//link[@rel="canonical"]/@href') == [BASE + canonical]
    meta = _meta(page)
    assert meta["og:url"] == [BASE + canonical]
    assert meta["og:title"] == [title]
    assert meta["og:type"] == ["website"]
    assert page.get("lang") == "en"


def test_later_pages_of_a_listing_are_their_own_canonical(client, site, settings):
    settings.NEWSROOM_LIST_PAGE_SIZE = 2
    first = _page(client, "/section/military/")
    [older] = first.xpath('//nav[@class="pager"]/a[@rel="next"]/@href')
    page = _page(client, f"/section/military/{older}")
    assert page.xpath('//link[@rel="canonical"]/@href') == [f"{BASE}/section/military/{older}"]


def test_preview_pages_are_not_canonical_or_indexed(client, site, editor):
    from django.urls import reverse

    client.force_login(editor)
    response = client.get(
        reverse("admin:articles_article_preview", kwargs={"object_id": site.main.pk})
    )
    page = lxml_html.fromstring(response.content)
    assert page.xpath('//link[@rel="canonical"]') == []
    assert page.xpath('//meta[@name="robots"]/@content') == ["noindex, nofollow"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_corrections_and_update_time_are_shown_with_dates(client, site):
    page = _page(client, "/news/main-story/")
    publication = site.publication("main")
    [aside] = page.xpath('//aside[@class="corrections"]')
    assert aside.xpath(".//h2/text()") == ["Corrections and updates"]
    [item] = aside.xpath(".//li")
    assert item.xpath("./strong/text()") == ["Correction"]
    assert "An earlier version misspelled a name." in item.text_content()
    [noted] = item.xpath("./time/@datetime")
    assert datetime.fromisoformat(noted) == datetime.fromisoformat(
        publication.corrections[0]["noted_at"]
    ).replace(microsecond=0)
    [published, updated] = page.xpath('//p[@class="story__times"]//time/@datetime')
    assert datetime.fromisoformat(published) == publication.published_at
    assert datetime.fromisoformat(updated) == publication.updated_at
    assert "Updated" in page.xpath('//span[@class="story__updated"]')[0].text_content()


def test_a_story_never_updated_shows_no_update_time(client, site):
    page = _page(client, "/news/older-0/")
    assert page.xpath('//span[@class="story__updated"]') == []
    assert len(page.xpath('//p[@class="story__times"]//time')) == 1


def test_reader_pages_have_landmarks_and_one_h1(client, site):
    for path in ("/", "/news/main-story/", "/section/world/", "/author/author-0/", "/tag/iraq/",
                 "/search/?q=story"):
        page = _page(client, path)
        assert len(page.xpath("//main")) == 1, path
        assert len(page.xpath("//header[@class='masthead']")) == 1, path
        assert len(page.xpath("//nav[@aria-label='Sections']")) == 1, path
        assert len(page.xpath("//footer")) == 1, path
        assert len(page.xpath("//h1")) == 1, path
        assert page.xpath("//a[@class='skip-link']/@href") == ["#main"], path


def test_no_render_blocking_scripts(client, site):
    for path in ("/", "/news/main-story/", "/section/world/"):
        page = _page(client, path)
        for script in page.xpath("//script[@src]"):
            assert script.get("defer") is not None or script.get("async") is not None, path
        assert page.xpath("//head/script[@src]") == []
