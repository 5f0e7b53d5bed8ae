"""Public pages at scale: a bounded number of queries whatever a story holds, and lists
paged by keys rather than offsets."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import html as lxml_html

from articles import selectors
from articles.models import Credit, Publication, RelatedLink
from tests.conftest import publish
from tests.factories import ArticleFactory, PersonFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 8


def _story(slug: str, *, bylines: int, credits: int, links: int, targets: list) -> Publication:
    world = SectionFactory(name="World", slug="world")
    tag = TagFactory(name=f"Topic {slug}", slug=f"topic-{slug}")
    article = ArticleFactory(
        slug=slug, section=world, authors=[PersonFactory() for _ in range(bylines)]
    )
    article.tags.add(tag)
    for position in range(credits):
        Credit.objects.create(
            article=article, person=PersonFactory(), role="staff writer", position=position
        )
    for position in range(links):
        if position % 2 and targets:
            RelatedLink.objects.create(
                article=article, target=targets[position % len(targets)], position=position
            )
        else:
            RelatedLink.objects.create(
                article=article, url=f"https://example.org/{position}", title="Elsewhere",
                position=position,
            )  # fmt: skip
    return publish(article)


@pytest.fixture
def shapes():
    """A story with 1 byline and nothing else, and one with 5 bylines, 12 credits and 20
    related links (half of them to other live stories), among a few other live stories."""
    others = [ArticleFactory(section=SectionFactory(name="World", slug="world")) for _ in range(6)]
    for article in others:
        publish(article)
    return {
        "small": _story("small", bylines=1, credits=0, links=0, targets=others),
        "large": _story("large", bylines=5, credits=12, links=20, targets=others),
    }


def _urls(publication: Publication) -> dict[str, str]:
    return {
        "home": "/",
        "section": "/section/world/",
        "article": publication.get_absolute_url(),
        "related": publication.get_absolute_url() + "related/",
        "author": publication.bylines.first().person.get_absolute_url(),
        "tag": publication.tags.first().get_absolute_url(),
    }


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("page", ["home", "section", "article", "related", "author", "tag"])
def test_public_pages_make_few_queries_whatever_the_story_holds(
    client, shapes, page, settings, django_assert_max_num_queries
):
    # Counted as rendered (a page-cache hit costs none), with the site state cached as
    # on a busy site: the first request for each story of an archive.
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    counts = {}
    for name, publication in shapes.items():
        url = _urls(publication)[page]
        client.get(url)  # anything loaded once per process is not the page's cost
        with django_assert_max_num_queries(MAX_QUERIES):
            counts[name] = _count(client, url)
    assert counts["small"] == counts["large"], counts
    assert counts["small"] > 0, "the page was not rendered"


def test_the_large_story_page_shows_all_its_parts(client, shapes):
    page = lxml_html.fromstring(client.get(shapes["large"].get_absolute_url()).content)
    assert len(page.xpath('//p[@class="byline"]/a')) == 5
    assert page.xpath('//p[@class="story__credits"]')


@pytest.fixture
def archive(settings):
    settings.NEWSROOM_LIST_PAGE_SIZE = 10
    world = SectionFactory(name="World", slug="world")
    start = timezone.now() - timedelta(days=30)
    for i in range(25):
        publish(
            ArticleFactory(headline=f"Story {i:02d}", section=world), now=start + timedelta(hours=i)
        )
    return world


def _headlines(client, url: str) -> tuple[list[str], dict[str, str]]:
    page = lxml_html.fromstring(client.get(url).content)
    links = {a.text: a.get("href") for a in page.xpath('//nav[@class="pager"]/a')}
    return page.xpath('//h2[@class="card__headline"]/a/text()'), links


def test_lists_page_by_keys_both_ways(client, archive):
    first, links = _headlines(client, "/section/world/")
    assert first == [f"Story {i:02d}" for i in range(24, 14, -1)]
    assert set(links) == {"Older stories"}
    second, links = _headlines(client, "/section/world/" + links["Older stories"])
    assert second == [f"Story {i:02d}" for i in range(14, 4, -1)]
    third, third_links = _headlines(client, "/section/world/" + links["Older stories"])
    assert third == [f"Story {i:02d}" for i in range(4, -1, -1)]
    assert set(third_links) == {"Newer stories"}
    back, back_links = _headlines(client, "/section/world/" + third_links["Newer stories"])
    assert back == second
    assert set(back_links) == {"Newer stories", "Older stories"}
    again, _ = _headlines(client, "/section/world/" + back_links["Newer stories"])
    assert again == first


def test_a_story_published_while_paging_shifts_nothing(client, archive):
    _, links = _headlines(client, "/section/world/")
    publish(ArticleFactory(headline="Breaking", section=archive))
    second, _ = _headlines(client, "/section/world/" + links["Older stories"])
    assert second == [f"Story {i:02d}" for i in range(14, 4, -1)]


@pytest.mark.parametrize("query", ["?before=nonsense", "?after=%%%", "?page=7", "?before="])
def test_a_bad_cursor_shows_the_first_page(client, archive, query):
    headlines, _ = _headlines(client, "/section/world/" + query)
    assert headlines[0] == "Story 24"


def test_listing_page_reads_one_range_without_count_or_offset(archive):
    queryset = selectors.live_publications().filter(section=archive)
    with CaptureQueriesContext(connection) as queries:
        page = selectors.listing_page(queryset, size=10)
        selectors.listing_page(queryset, before=page.older, size=10)
    sql = " ".join(q["sql"].upper() for q in queries.captured_queries)
    assert "COUNT(" not in sql
    assert "OFFSET" not in sql


def test_admin_change_page_queries_grow_with_the_kinds_of_parts_not_their_number(
    client, editor, shapes
):
    client.force_login(editor)
    counts = {}
    for name, publication in shapes.items():
        url = f"/admin/articles/article/{publication.article_id}/change/"
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[name] = len(queries)
    # The large story's 37 rows cost at most one query per autocomplete field of each
    # inline (byline person and outlet, credit person and organisation, link target).
    assert counts["large"] - counts["small"] <= 5, counts


def test_admin_change_list_queries_do_not_grow_with_the_rows(client, editor, shapes):
    client.force_login(editor)
    url = "/admin/articles/article/"
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for _ in range(5):
        publish(ArticleFactory(authors=[PersonFactory(), PersonFactory()]))
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)
    sql = " ".join(q["sql"].upper() for q in after.captured_queries)
    assert "DISTINCT" not in sql  # no date hierarchy, no DISTINCT people for the filter


@pytest.mark.parametrize("walk_from", [1, 10**9])
def test_tag_and_author_lists_read_the_same_stories_either_way(monkeypatch, walk_from):
    """Above WALK_FROM stories a list walks the archive newest first; below it, it reads
    the tag's or author's stories and sorts them. Both give the same pages."""
    monkeypatch.setattr(selectors, "WALK_FROM", walk_from)
    author = PersonFactory(slug="prolific")
    topic = TagFactory(name="Topic", slug="topic")
    start = timezone.now() - timedelta(days=30)
    for i in range(12):
        article = ArticleFactory(
            headline=f"Story {i:02d}", authors=[author] if i % 3 else [PersonFactory()]
        )
        if i % 2:
            article.tags.add(topic)
        publish(article, now=start + timedelta(hours=i))
    withdrawn = ArticleFactory(headline="Withdrawn", authors=[author])
    withdrawn.tags.add(topic)
    publish(withdrawn).withdrawn_at = timezone.now()
    Publication.objects.filter(article=withdrawn).update(withdrawn_at=timezone.now())

    def headlines(queryset, **cursor):
        page = selectors.listing_page(queryset, size=3, **cursor)
        return [p.headline for p in page.stories], page

    first, page = headlines(selectors.tagged(topic))
    assert first == ["Story 11", "Story 09", "Story 07"]
    second, _ = headlines(selectors.tagged(topic), before=page.older)
    assert second == ["Story 05", "Story 03", "Story 01"]
    by_author, _ = headlines(selectors.by_author(author))
    assert by_author == ["Story 11", "Story 10", "Story 08"]
