"""Sitemaps, validated against the sitemaps.org and Google News schemas with lxml, and
robots.txt, read with the standard library's robots.txt parser."""

from __future__ import annotations

import urllib.robotparser
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree

from articles.sitemaps import news_language

from .reader_site import LIVE, NOT_LIVE, build_site, publish_at

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
BASE = "http://testserver"


@cache
def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


@pytest.fixture
def site():
    return build_site()


def _get(client, url: str, schema_name: str):
    response = client.get(urlsplit(url).path)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    document = etree.fromstring(response.content)
    schema(schema_name).assertValid(document)
    return document


def _time(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    assert moment.tzinfo is not None, text
    return moment


def _urls(document) -> dict[str, datetime | None]:
    urls = {}
    for url in document.iter(f"{SM}url"):
        loc = url.findtext(f"{SM}loc")
        assert loc.startswith(f"{BASE}/"), loc
        lastmod = url.findtext(f"{SM}lastmod")
        urls[urlsplit(loc).path] = _time(lastmod) if lastmod else None
    return urls


def test_index_names_every_sitemap_and_each_is_valid(client, site):
    index = _get(client, "/sitemap.xml", "siteindex.xsd")
    locs = [s.findtext(f"{SM}loc") for s in index.iter(f"{SM}sitemap")]
    assert locs == [
        f"{BASE}/sitemap-{name}.xml" for name in ("news", "articles", "sections", "authors")
    ]
    newest = max(site.publication(name).last_modified for name in LIVE)
    for entry in index.iter(f"{SM}sitemap"):
        assert _time(entry.findtext(f"{SM}lastmod")) == newest
        loc = entry.findtext(f"{SM}loc")
        _get(client, loc, "news-sitemap.xsd" if "news" in loc else "sitemap.xsd")


def test_article_sitemap_lists_live_stories_with_last_modified(client, site):
    urls = _urls(_get(client, "/sitemap-articles.xml", "sitemap.xsd"))
    assert set(urls) == {site.publication(name).get_absolute_url() for name in LIVE}
    for name in LIVE:
        publication = site.publication(name)
        assert urls[publication.get_absolute_url()] == publication.last_modified
    main = site.publication("main")
    assert urls["/news/main-story/"] == main.updated_at > main.published_at


def test_section_and_author_sitemaps(client, site):
    sections = _urls(_get(client, "/sitemap-sections.xml", "sitemap.xsd"))
    assert sections == {
        "/section/world/": site.publication("main").last_modified,
        "/section/military/": site.publication("older-0").last_modified,
    }
    authors = _urls(_get(client, "/sitemap-authors.xml", "sitemap.xsd"))
    assert authors == {
        "/author/author-0/": site.publication("main").last_modified,
        "/author/author-1/": site.publication("main").last_modified,
        # The factory's default author of the stale story, with no other stories.
        site.publication("stale").bylines.get().person.get_absolute_url(): (
            site.publication("stale").last_modified
        ),
    }


def test_news_sitemap_lists_the_last_two_days(client, site, settings):
    settings.NEWSROOM_SITE_NAME = "The Daily Test"
    document = _get(client, "/sitemap-news.xml", "news-sitemap.xsd")
    entries = {}
    for url in document.iter(f"{SM}url"):
        news = url.find(f"{NEWS}news")
        entries[urlsplit(url.findtext(f"{SM}loc")).path] = {
            "name": news.findtext(f"{NEWS}publication/{NEWS}name"),
            "language": news.findtext(f"{NEWS}publication/{NEWS}language"),
            "date": _time(news.findtext(f"{NEWS}publication_date")),
            "title": news.findtext(f"{NEWS}title"),
        }
    recent = [name for name in LIVE if name != "stale"]
    assert set(entries) == {site.publication(name).get_absolute_url() for name in recent}
    for name in recent:
        publication = site.publication(name)
        entry = entries[publication.get_absolute_url()]
        assert entry == {
            "name": "The Daily Test",
            "language": "en",
            "date": publication.published_at,
            "title": publication.headline,
        }
        assert entry["date"] >= site.now - timedelta(days=2)


def test_news_sitemap_stops_at_its_limit_newest_first(client, site, settings):
    settings.NEWSROOM_NEWS_SITEMAP_LIMIT = 2
    urls = list(_urls(_get(client, "/sitemap-news.xml", "news-sitemap.xsd")))
    assert urls == ["/news/main-story/", "/news/older-0/"]


def test_news_sitemap_default_limits_are_googles():
    from articles import conf

    assert conf.DEFAULTS["NEWSROOM_NEWS_SITEMAP_LIMIT"] == 1000
    assert conf.DEFAULTS["NEWSROOM_NEWS_SITEMAP_DAYS"] == 2


def test_news_sitemap_language_of_each_story(client, db):
    from tests.factories import ArticleFactory

    for slug, language in [("english", "en-us"), ("brazil", "pt-br"), ("taiwan", "zh-tw")]:
        article = ArticleFactory(slug=slug, language=language)
        publish_at(article, now=None)
    document = _get(client, "/sitemap-news.xml", "news-sitemap.xsd")
    languages = {
        urlsplit(url.findtext(f"{SM}loc")).path: url.findtext(
            f"{NEWS}news/{NEWS}publication/{NEWS}language"
        )
        for url in document.iter(f"{SM}url")
    }
    assert languages == {"/news/english/": "en", "/news/brazil/": "pt", "/news/taiwan/": "zh-tw"}


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en-us", "en"), ("en", "en"), ("EN_gb", "en"), ("zh-cn", "zh-cn"), ("zh-hant", "zh-tw"),
     ("fil", "fil"), ("", "en")],
)
def test_news_language(code, expected):
    assert news_language(code) == expected


@pytest.mark.parametrize("path", ["/sitemap-articles.xml", "/sitemap-news.xml"])
def test_sitemaps_never_list_what_readers_cannot_see(client, site, path):
    urls = _urls(_get(client, path, "news-sitemap.xsd" if "news" in path else "sitemap.xsd"))
    for name in NOT_LIVE:
        assert f"/news/{name}/" not in urls


def test_unknown_sitemap_section_is_404(client, db):
    assert client.get("/sitemap-nope.xml").status_code == 404


def test_robots_txt_names_the_sitemap_index(client, site):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(response.content.decode().splitlines())
    assert robots.site_maps() == [f"{BASE}/sitemap.xml"]
    assert robots.can_fetch("*", f"{BASE}/news/main-story/")
    assert robots.can_fetch("*", f"{BASE}/sitemap.xml")
    assert not robots.can_fetch("*", f"{BASE}/admin/")
    _get(client, robots.site_maps()[0], "siteindex.xsd")
