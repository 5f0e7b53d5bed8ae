"""Every public page costs a small, constant number of queries, however many bylines,
credits and related links its stories have. Counted on a cold cache (a hit costs none:
see test_caching)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import caching
from articles.models import Byline, RelatedLink
from tests.conftest import publish
from tests.factories import ArticleFactory, CreditFactory, PersonFactory

from .reader_site import build_site

pytestmark = pytest.mark.django_db

MAX_QUERIES = 8
PAGES = [
    "/",
    "/news/main-story/",
    "/news/main-story/related/",
    "/section/world/",
    "/author/author-0/",
    "/tag/pentagon/",
    "/search/?q=story",
    "/feeds/latest/rss/",
    "/feeds/latest/atom/",
    "/feeds/section/world/rss/",
    "/feeds/author/author-0/atom/",
    "/feeds/tag/pentagon/rss/",
    "/sitemap.xml",
    "/sitemap-news.xml",
    "/sitemap-articles.xml",
    "/sitemap-sections.xml",
    "/sitemap-authors.xml",
]


def _count(client, path: str) -> int:
    caching.reset()  # cold: the site state and the page are both computed
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def _grow(site, to: int) -> None:
    """Give the main story and the older ones `to` bylines, and the main story `to`
    credits and curated links, and publish them again."""
    main = site.main
    for n in range(main.bylines.count(), to):
        Byline.objects.create(article=main, person=PersonFactory(slug=f"extra-{n}"), position=n)
    for n in range(main.credits.count(), to):
        CreditFactory(article=main, person=PersonFactory(slug=f"credit-{n}"), position=n)
    for n in range(main.related_links.count(), to):
        target = ArticleFactory(slug=f"extra-target-{n}", section=main.section)
        publish(target)
        RelatedLink.objects.create(article=main, target=target, position=n)
    publish(main)
    for name in ("older-0", "older-1", "older-2"):
        article = site.articles[name]
        for n in range(article.bylines.count(), to):
            Byline.objects.create(
                article=article, person=PersonFactory(slug=f"{name}-{n}"), position=n
            )
        publish(article)


def test_queries_are_few_and_do_not_grow_with_bylines_credits_or_links(client, db):
    site = build_site(bylines=1, credits=1, links=1)
    few = {path: _count(client, path) for path in PAGES}
    _grow(site, to=8)
    assert site.main.bylines.count() == site.main.credits.count() == 8
    many = {path: _count(client, path) for path in PAGES}
    assert {p: n for p, n in many.items() if n > MAX_QUERIES} == {}
    assert {p: (few[p], n) for p, n in many.items() if n > few[p]} == {}


@pytest.mark.parametrize("path", ["/", "/news/main-story/", "/section/world/", "/author/author-0/",
                                  "/tag/pentagon/", "/feeds/latest/rss/", "/sitemap.xml"])
def test_with_django_assert_max_num_queries(client, db, path, django_assert_max_num_queries):
    build_site(bylines=5, credits=5, links=5)
    caching.reset()
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(path).status_code == 200
