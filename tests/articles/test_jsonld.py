"""Structured data on story pages, expanded offline and checked against the schema.org
vocabulary (`tests.schemaorg_vocab`), then read for what it must say."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from lxml import html as lxml_html
from PIL import Image

from articles import conf
from tests.schemaorg_vocab import SCHEMA, expand, problems

from .reader_site import build_site

pytestmark = pytest.mark.django_db
BASE = "http://testserver"


def _jsonld(client, path: str) -> dict[str, dict]:
    page = lxml_html.fromstring(client.get(path).content)
    blocks = [json.loads(s.text) for s in page.xpath('//script[@type="application/ld+json"]')]
    return {block["@type"]: block for block in blocks}


@pytest.fixture
def site():
    return build_site()


@pytest.fixture
def blocks(client, site):
    return _jsonld(client, "/news/main-story/")


def _values(node: dict, prop: str) -> list:
    return [v.get("@value", v.get("@id")) for v in node.get(SCHEMA + prop, [])]


def test_story_page_structured_data_is_valid_schema_org(blocks):
    assert set(blocks) == {"NewsArticle", "BreadcrumbList"}
    for block in blocks.values():
        assert problems(block) == []


def test_news_article_says_what_the_story_is(blocks, site):
    publication = site.publication("main")
    [article] = expand(blocks["NewsArticle"])
    assert article["@type"] == [SCHEMA + "NewsArticle"]
    assert _values(article, "headline") == [publication.headline]
    assert _values(article, "description") == [publication.dek]
    assert _values(article, "url") == [f"{BASE}/news/main-story/"]
    assert _values(article, "articleSection") == ["World"]
    assert sorted(_values(article, "keywords")) == ["Iraq", "Pentagon"]
    assert _values(article, "isAccessibleForFree") == [True]
    assert _values(article, "inLanguage") == ["en-us"]
    assert _values(article, "dateline") == ["BAGHDAD"]
    [published] = _values(article, "datePublished")
    [modified] = _values(article, "dateModified")
    assert datetime.fromisoformat(published) == publication.published_at
    assert datetime.fromisoformat(modified) == publication.updated_at


def test_authors_contributors_and_publisher(blocks, site):
    [article] = expand(blocks["NewsArticle"])
    authors = article[SCHEMA + "author"]
    assert [_values(a, "name")[0] for a in authors] == [p.name for p in site.authors]
    assert [_values(a, "url")[0] for a in authors] == [
        f"{BASE}{p.get_absolute_url()}" for p in site.authors
    ]
    assert _values(authors[0], "jobTitle") == ["Pentagon bureau chief"]
    assert _values(authors[0][SCHEMA + "worksFor"][0], "name") == ["Military Times"]

    contributors = article[SCHEMA + "contributor"]
    assert [_values(c, "name")[0] for c in contributors] == ["Credited Person0", "Credited Person1"]
    assert _values(contributors[0][SCHEMA + "affiliation"][0], "name") == ["Associated Press"]
    assert _values(contributors[0][SCHEMA + "workLocation"][0], "name") == ["Baghdad"]

    [publisher] = article[SCHEMA + "publisher"]
    assert _values(publisher, "name") == [conf.get("NEWSROOM_SITE_NAME")]
    [logo] = publisher[SCHEMA + "logo"]
    [logo_url] = _values(logo, "url")
    assert logo_url == f"{BASE}/static/newsroom/logo.png"


def test_publisher_logo_is_a_png_google_accepts(client, blocks):
    logo_url = blocks["NewsArticle"]["publisher"]["logo"]["url"]
    response = client.get(logo_url.removeprefix(BASE))
    assert response.status_code == 200
    path = Path(settings.BASE_DIR) / "static" / "newsroom" / "logo.png"
    with Image.open(path) as logo:
        assert logo.format == "PNG"
        assert logo.width <= 600 and logo.height <= 60


def test_corrections_are_correction_comments(blocks, site):
    [article] = expand(blocks["NewsArticle"])
    [correction] = article[SCHEMA + "correction"]
    assert correction["@type"] == [SCHEMA + "CorrectionComment"]
    assert _values(correction, "text") == ["An earlier version misspelled a name."]
    [noted] = _values(correction, "datePublished")
    assert datetime.fromisoformat(noted) == site.now - timedelta(hours=1)


def test_breadcrumbs_lead_from_home_through_section(blocks, site):
    [crumbs] = expand(blocks["BreadcrumbList"])
    items = crumbs[SCHEMA + "itemListElement"]
    assert [_values(i, "position")[0] for i in items] == [1, 2, 3]
    assert [_values(i, "name")[0] for i in items] == [
        "Home", "World", site.publication("main").headline
    ]
    assert [_values(i, "item")[0] for i in items] == [
        f"{BASE}/", f"{BASE}/section/world/", f"{BASE}/news/main-story/"
    ]


def test_the_lead_photo_is_three_image_objects_with_its_credit_and_rights(
    client, site, make_photo
):
    from tests.conftest import publish

    photo = make_photo(
        "Smoke over Baghdad", alt_text="Smoke rises over rooftops.",
        license_url="https://example.org/licence",
    )
    article = site.main
    article.lead_photo = photo
    article.save()
    publish(article)
    data = _jsonld(client, "/news/main-story/")["NewsArticle"]
    assert problems(data) == []
    assert [(i["width"]["value"], i["height"]["value"]) for i in data["image"]] == [
        (1200, 675), (1200, 900), (1000, 1000)
    ]
    for image in data["image"]:
        assert image["@type"] == "ImageObject"
        assert image["url"].startswith(f"{BASE}/media/photos/{photo.key}/")
        assert image["url"].endswith(".jpg")
        assert image["creditText"] == "AP Photo/Hadi Mizban"
        assert image["caption"] == "Smoke rises after a strike in Baghdad, Iraq, Sunday."
        assert image["copyrightNotice"].startswith("Copyright 2024 The Associated Press")
        assert image["creator"] == {"@type": "Person", "name": "Hadi Mizban"}
        assert image["license"] == "https://example.org/licence"
    [expanded] = expand(data)
    [first, *_] = expanded[SCHEMA + "image"]
    assert first["@type"] == [SCHEMA + "ImageObject"]


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ({"@type": "NewsArticle", "headlin": "typo"}, "headlin: unknown property"),
        ({"@type": "NewsArticel", "headline": "x"}, "unknown type"),
        ({"@type": "NewsArticle", "jobTitle": "x"}, "jobTitle: not a property of"),
        (
            {"@type": "NewsArticle", "author": {"@type": "Place", "name": "Baghdad"}},
            "author[0]: a http://schema.org/Place where",
        ),
        ({"@type": "NewsArticle", "author": {"name": "Nobody"}}, "a node without @type"),
        ({"@type": "NewsArticle", "datePublished": "last week"}, "not an ISO 8601 date"),
    ],
)
def test_the_vocabulary_check_catches_mistakes(document, problem):
    found = problems({"@context": "https://schema.org", **document})
    assert any(problem in p for p in found), found


def test_expansion_never_fetches_another_context():
    with pytest.raises(Exception, match="loading remote context failed"):
        expand({"@context": "https://example.org/context.jsonld", "name": "x"})
