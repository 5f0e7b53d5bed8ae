"""RSS and Atom feeds, read with feedparser, plus checks of what feedparser forgives:
absolute links, RFC 822 dates, permalink guids, the `atom:link rel="self"`."""

from __future__ import annotations

import email.utils

import feedparser
import pytest
from lxml import etree
from lxml import html as lxml_html

from tests.conftest import publish

from .reader_site import LIVE, build_site

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "http://testserver"


@pytest.fixture
def site():
    return build_site()


def _parse(client, path: str):
    response = client.get(path)
    assert response.status_code == 200, path
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed, etree.fromstring(response.content), response


def _text(html: str) -> str:
    return lxml_html.fragment_fromstring(html, create_parent="div").text_content()


def test_rss_latest_lists_live_stories_newest_first(client, site):
    parsed, _, response = _parse(client, "/feeds/latest/rss/")
    assert parsed.version == "rss20"
    assert response["Content-Type"].startswith("application/rss+xml")
    titles = [entry.title for entry in parsed.entries]
    expected = [site.publication(name) for name in LIVE]
    expected.sort(key=lambda p: p.published_at, reverse=True)
    assert titles == [p.headline for p in expected]
    for forbidden in ("Secret draft", "Withdrawn story", "Embargoed story", "Expired story"):
        assert forbidden not in titles


def test_rss_entries_are_absolute_permalinks_with_rfc822_dates(client, site):
    parsed, xml, _ = _parse(client, "/feeds/latest/rss/")
    [self_link] = xml.findall(f"channel/{ATOM}link")
    assert self_link.get("rel") == "self"
    assert self_link.get("href") == f"{BASE}/feeds/latest/rss/"
    assert parsed.feed.link == f"{BASE}/"
    for item, entry in zip(xml.iter("item"), parsed.entries, strict=True):
        link = item.findtext("link")
        assert link.startswith(f"{BASE}/news/")
        guid = item.find("guid")
        assert guid.get("isPermaLink") == "true"
        assert guid.text == link == entry.id == entry.link
        assert entry.guidislink is False  # the guid is given, and it is the link
        pub_date = item.findtext("pubDate")
        moment = email.utils.parsedate_to_datetime(pub_date)  # raises unless RFC 822
        assert email.utils.format_datetime(moment) == pub_date
    channel_date = xml.findtext("channel/lastBuildDate")
    assert email.utils.format_datetime(email.utils.parsedate_to_datetime(channel_date)) == (
        channel_date
    )


def test_rss_entry_has_authors_categories_summary_and_full_text(client, site):
    parsed, _, _ = _parse(client, "/feeds/latest/rss/")
    publication = site.publication("main")
    [entry] = [e for e in parsed.entries if e.link.endswith("/news/main-story/")]
    assert [a["name"] for a in entry.authors] == [p.name for p in site.authors]
    assert [t.term for t in entry.tags] == ["World", "Iraq", "Pentagon"]
    assert entry.title == publication.headline
    assert _text(entry.summary) == publication.dek
    [content] = entry.content
    body = lxml_html.fragment_fromstring(content.value, create_parent="div")
    assert body.xpath("//p/strong/text()") == ["bold"]
    assert body.xpath("//a/@href") == ["https://example.org/x"]
    published = email.utils.parsedate_to_datetime(entry.published)
    assert published == publication.published_at
    assert entry.updated_parsed[:6] == publication.updated_at.utctimetuple()[:6]


def test_full_text_can_be_switched_off(client, site, settings):
    settings.NEWSROOM_FEED_FULL_TEXT = False
    for path in ("/feeds/latest/rss/", "/feeds/latest/atom/"):
        parsed, _, _ = _parse(client, path)
        assert all("content" not in entry for entry in parsed.entries)
        assert all(entry.summary for entry in parsed.entries if "main-story" in entry.link)


def test_atom_feed(client, site):
    parsed, xml, response = _parse(client, "/feeds/latest/atom/")
    assert parsed.version == "atom10"
    assert response["Content-Type"].startswith("application/atom+xml")
    links = {link.get("rel"): link.get("href") for link in xml.findall(f"{ATOM}link")}
    assert links == {"self": f"{BASE}/feeds/latest/atom/", "alternate": f"{BASE}/"}
    publication = site.publication("main")
    [entry] = [e for e in parsed.entries if e.link.endswith("/news/main-story/")]
    assert entry.id == entry.link == f"{BASE}/news/main-story/"
    assert [(a["name"], a.get("href")) for a in entry.authors] == [
        (p.name, f"{BASE}{p.get_absolute_url()}") for p in site.authors
    ]
    assert entry.published_parsed[:6] == publication.published_at.utctimetuple()[:6]
    assert entry.updated_parsed[:6] == publication.updated_at.utctimetuple()[:6]
    assert entry.content[0].type == "text/html"
    assert "First paragraph" in _text(entry.content[0].value)
    for item in xml.iter(f"{ATOM}entry"):  # Atom requires these in every entry
        assert item.find(f"{ATOM}updated") is not None
        assert item.find(f"{ATOM}author/{ATOM}name") is not None


def test_updated_story_updates_its_entry(client, site, django_capture_on_commit_callbacks):
    before, _, _ = _parse(client, "/feeds/latest/atom/")
    [old] = [e for e in before.entries if e.link.endswith("/older-0/")]
    article = site.articles["older-0"]
    article.headline = "Older story 0, with a new development"
    article.save()
    with django_capture_on_commit_callbacks(execute=True):
        publish(article)
    after, _, _ = _parse(client, "/feeds/latest/atom/")
    [new] = [e for e in after.entries if e.link.endswith("/older-0/")]
    assert new.id == old.id  # the same entry ...
    assert new.title == "Older story 0, with a new development"  # ... updated
    assert new.published == old.published
    assert new.updated_parsed > old.updated_parsed
    assert [e.id for e in after.entries] == [e.id for e in before.entries]  # order kept


def test_withdrawn_story_leaves_the_feed(client, site, django_capture_on_commit_callbacks):
    from articles.services import article_unpublish

    with django_capture_on_commit_callbacks(execute=True):
        article_unpublish(article=site.articles["older-1"])
    parsed, _, _ = _parse(client, "/feeds/latest/rss/")
    assert "Older story 1" not in [e.title for e in parsed.entries]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/feeds/section/military/{fmt}/", {"Older story 0", "Older story 1", "Older story 2"}),
        ("/feeds/tag/iraq/{fmt}/", {"Strike & counterstrike: what <we> know now"}),
        (
            "/feeds/author/author-0/{fmt}/",
            {"Strike & counterstrike: what <we> know now", "Older story 0", "Older story 1",
             "Older story 2"},
        ),
        ("/feeds/author/author-1/{fmt}/", {"Strike & counterstrike: what <we> know now"}),
    ],
)
@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_section_tag_and_author_feeds(client, site, path, expected, fmt):
    parsed, _, _ = _parse(client, path.format(fmt=fmt))
    assert {entry.title for entry in parsed.entries} == expected
    assert parsed.feed.links[0].href.startswith(BASE)


@pytest.mark.parametrize("kind", ["section", "tag", "author"])
def test_unknown_feed_is_404(client, db, kind):
    assert client.get(f"/feeds/{kind}/nope/rss/").status_code == 404


def _alternates(client, path: str) -> list[tuple[str, str]]:
    page = lxml_html.fromstring(client.get(path).content)
    return [
        (link.get("type"), link.get("href"))
        for link in page.xpath('//head/link[@rel="alternate"][@type]')
    ]


@pytest.mark.parametrize(
    ("page", "own_feed"),
    [
        ("/", None),
        ("/section/world/", "/feeds/section/world/"),
        ("/tag/iraq/", "/feeds/tag/iraq/"),
        ("/author/author-0/", "/feeds/author/author-0/"),
        ("/news/main-story/", "/feeds/section/world/"),
        ("/search/?q=strike", None),
    ],
)
def test_pages_name_their_feeds_in_the_head(client, site, page, own_feed):
    alternates = _alternates(client, page)
    expected = []
    if own_feed:
        expected += [
            ("application/rss+xml", f"{own_feed}rss/"),
            ("application/atom+xml", f"{own_feed}atom/"),
        ]
    expected += [
        ("application/rss+xml", "/feeds/latest/rss/"),
        ("application/atom+xml", "/feeds/latest/atom/"),
    ]
    assert alternates == expected
    for _, href in alternates:  # every advertised feed exists and parses
        _parse(client, href)
