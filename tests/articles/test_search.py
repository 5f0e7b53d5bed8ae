"""Search over live stories: PostgreSQL full-text search, or the plain fallback."""

from __future__ import annotations

import pytest
from django.db import connection
from lxml import html as lxml_html

from articles.search import full_text_available, search_publications
from tests.conftest import publish
from tests.factories import ArticleFactory

from .reader_site import LIVE, NOT_LIVE, build_site

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search"
)


@pytest.fixture
def site():
    return build_site()


def _results(client, query: str) -> list[str]:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    page = lxml_html.fromstring(response.content)
    return page.xpath('//main//h2[@class="card__headline"]/a/text()')


def test_finds_live_stories_by_headline_dek_and_body(client, site):
    assert _results(client, "counterstrike") == [site.publication("main").headline]
    assert _results(client, "ampersand") == [site.publication("main").headline]
    assert set(_results(client, "Second paragraph")) == {
        site.publication(name).headline for name in LIVE
    }


def test_every_word_must_match(client, site):
    assert _results(client, "counterstrike Older") == []
    assert _results(client, "Older story") == ["Older story 0", "Older story 1", "Older story 2"]


@pytest.mark.parametrize("name", NOT_LIVE)
def test_never_finds_what_readers_cannot_see(client, site, name):
    headline = {
        "draft": "Secret draft",
        "withdrawn": "Withdrawn story",
        "scheduled": "Embargoed story",
        "expired": "Expired story",
    }[name]
    assert _results(client, headline) == []
    assert not search_publications(headline).exists()


def test_empty_query_finds_nothing_and_shows_the_form(client, site):
    response = client.get("/search/")
    page = lxml_html.fromstring(response.content)
    assert page.xpath('//main//input[@type="search"][@name="q"]')
    assert page.xpath('//main//h2[@class="card__headline"]') == []
    assert not search_publications("   ").exists()


def test_query_is_shown_escaped_and_page_is_not_indexed(client, site):
    response = client.get("/search/", {"q": '<script>alert("x")</script>'})
    page = lxml_html.fromstring(response.content)
    assert page.xpath("//main//script") == []
    assert page.xpath('//main//input[@name="q"]/@value') == ['<script>alert("x")</script>']
    assert page.xpath('//meta[@name="robots"]/@content') == ["noindex, follow"]
    assert page.xpath('//p[@class="search-summary"]/text()')[0].startswith("0 stories")


def test_results_are_paginated_keeping_the_query(client, db, settings):
    settings.NEWSROOM_LIST_PAGE_SIZE = 2
    for n in range(5):
        publish(ArticleFactory(headline=f"Budget talks day {n}", slug=f"budget-{n}"))
    page = lxml_html.fromstring(client.get("/search/", {"q": "budget"}).content)
    [older] = page.xpath('//a[@rel="next"]/@href')
    assert older == "?q=budget&page=2"
    second = lxml_html.fromstring(client.get("/search/" + older).content)
    assert len(second.xpath('//h2[@class="card__headline"]')) == 2


@postgres_only
def test_postgres_ranks_headline_matches_first_and_understands_web_syntax(client, db):
    body_only = ArticleFactory(
        headline="Weather update", slug="weather", body="<p>Drones were seen over the sea.</p>"
    )
    in_headline = ArticleFactory(headline="Drones downed over sea", slug="drones")
    publish(body_only)
    publish(in_headline)
    assert full_text_available()
    assert _results(client, "drone") == ["Drones downed over sea", "Weather update"]  # stemmed
    assert _results(client, "drones -weather") == ["Drones downed over sea"]
    assert _results(client, '"drones were seen"') == ["Weather update"]


@postgres_only
def test_postgres_search_uses_the_gin_index(db):
    from django.contrib.postgres.search import SearchQuery

    from articles.models import Publication
    from articles.search import search_vector

    publish(ArticleFactory(headline="Indexed story", slug="indexed"))
    assert list(search_publications("indexed").values_list("slug", flat=True)) == ["indexed"]
    # The text condition alone, as search_publications builds it: on a table this small the
    # planner would otherwise answer the live-story conditions from their own index first.
    query = Publication.objects.annotate(document=search_vector()).filter(
        document=SearchQuery("indexed", config="english", search_type="websearch")
    )
    with connection.cursor() as cursor:
        # Leave the planner no way to answer but an index made for the query: no scan of
        # the table, nor of another index in full (the table is tiny, so it would).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_indexonlyscan = off")
        sql, params = query.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "publication_search" in plan, plan


def test_html_tags_in_the_body_are_not_words(client, db):
    publish(ArticleFactory(headline="Plain", slug="plain", body="<p><strong>Loud</strong></p>"))
    if full_text_available():
        assert _results(client, "strong") == []
    assert _results(client, "loud") == ["Plain"]
