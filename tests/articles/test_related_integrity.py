"""In Other News: never a link to a story readers cannot open, and Load More pages that
never repeat or skip an item while stories are published, withdrawn or go live."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import html as lxml_html

from articles.models import Publication, RelatedLink
from articles.services import article_save_revision, article_unpublish
from tests.conftest import publish
from tests.factories import ArticleFactory, SectionFactory

from .reader_site import publish_at

pytestmark = pytest.mark.django_db


def _make_not_live(kind: str, section) -> object:
    """A story in `section` that readers cannot open, for each way that can be."""
    now = timezone.now()
    article = ArticleFactory(headline=f"Not live: {kind}", slug=f"not-live-{kind}", section=section)
    if kind == "draft":
        article_save_revision(article=article)
    elif kind == "unpublished":
        publish(article, now=now - timedelta(hours=3))
        article_unpublish(article=article)
    elif kind in ("scheduled", "embargoed"):
        publish_at(article, now=now - timedelta(hours=3), visible_from=now + timedelta(hours=2))
    elif kind == "expired":
        publish(article, now=now - timedelta(hours=3))
        publication = Publication.objects.get(article=article)
        publication.visible_until = now - timedelta(minutes=1)
        publication.save()
    return article


KINDS = ["draft", "unpublished", "scheduled", "embargoed", "expired"]


def _page_items(content: bytes) -> tuple[list[str], str | None]:
    page = lxml_html.fromstring(content)
    titles = [a.text_content() for a in page.xpath('//li[@class="related__item"]/a')]
    hrefs = page.xpath("//a[@data-load-more]/@href")
    return titles, (hrefs[0] if hrefs else None)


def _all_items(client, path: str, between=None) -> list[str]:
    titles, link = _page_items(client.get(path).content)
    step = 0
    while link:
        if between:
            between(step)
        more, link = _page_items(client.get(link).content)
        titles += more
        step += 1
    return titles


@pytest.mark.parametrize("kind", KINDS)
def test_no_link_to_a_story_that_is_not_live(client, db, kind):
    world = SectionFactory(name="World", slug="world")
    hidden = _make_not_live(kind, world)
    story = ArticleFactory(headline="Main", slug="main", section=world)
    RelatedLink.objects.create(article=story, target=hidden, position=0)
    for n in range(8):
        publish(ArticleFactory(headline=f"Auto {n}", slug=f"auto-{n}", section=world))
    publish(story)
    seen = _all_items(client, "/news/main/")
    assert f"Not live: {kind}" not in seen
    assert sorted(seen) == [f"Auto {n}" for n in range(8)]
    page = lxml_html.fromstring(client.get("/news/main/").content)
    assert f"/news/not-live-{kind}/" not in page.xpath("//a/@href")
    assert client.get(f"/news/not-live-{kind}/").status_code == 404


@pytest.fixture
def many_related(db, settings):
    """A story with six curated links (the first and fifth to stories not live yet) and
    nine automatic ones, two to a page, so the curated links take three pages."""
    settings.NEWSROOM_RELATED_PAGE_SIZE = 2
    world = SectionFactory(name="World", slug="world")
    base = timezone.now() - timedelta(days=1)
    autos = []
    for n in range(9):
        auto = ArticleFactory(headline=f"Auto {n}", slug=f"auto-{n}", section=world)
        publish(auto, now=base + timedelta(minutes=n))
        autos.append(auto)
    curated = []
    for n in range(6):
        target = ArticleFactory(headline=f"Curated {n}", slug=f"curated-{n}", section=world)
        if n not in (0, 4):
            publish(target, now=base - timedelta(hours=n + 1))
        curated.append(target)
    story = ArticleFactory(headline="Main", slug="main", section=world)
    for position, target in enumerate(curated):
        RelatedLink.objects.create(article=story, target=target, position=position)
    publish(story, now=base + timedelta(hours=1))
    return {"story": story, "curated": curated, "autos": autos, "section": world}


def test_curated_target_going_live_between_pages_repeats_and_skips_nothing(
    client, many_related, django_capture_on_commit_callbacks
):
    def publish_targets(step):
        if step == 0:  # the reader has seen Curated 1 and 2
            with django_capture_on_commit_callbacks(execute=True):
                publish(many_related["curated"][0])  # before the cursor: not shown now
                publish(many_related["curated"][4])  # after it: shown in its place

    seen = _all_items(client, "/news/main/", between=publish_targets)
    assert len(seen) == len(set(seen))
    expected_curated = ["Curated 1", "Curated 2", "Curated 3", "Curated 4", "Curated 5"]
    assert [t for t in seen if t.startswith("Curated")] == expected_curated
    assert [t for t in seen if t.startswith("Auto")] == [f"Auto {n}" for n in range(8, -1, -1)]


def test_curated_target_going_dark_between_pages_skips_nothing_else(
    client, many_related, django_capture_on_commit_callbacks
):
    def withdraw(step):
        if step == 0:  # the reader has seen Curated 1 and 2
            with django_capture_on_commit_callbacks(execute=True):
                article_unpublish(article=many_related["curated"][2])

    seen = _all_items(client, "/news/main/", between=withdraw)
    assert len(seen) == len(set(seen))
    assert [t for t in seen if t.startswith("Curated")] == [
        "Curated 1", "Curated 2", "Curated 3", "Curated 5"
    ]
    assert [t for t in seen if t.startswith("Auto")] == [f"Auto {n}" for n in range(8, -1, -1)]


def test_new_stories_published_while_paging_never_repeat_or_skip(
    client, many_related, django_capture_on_commit_callbacks
):
    def breaking_news(step):
        with django_capture_on_commit_callbacks(execute=True):
            publish(
                ArticleFactory(
                    headline=f"Breaking {step}", slug=f"breaking-{step}",
                    section=many_related["section"],
                )
            )

    seen = _all_items(client, "/news/main/", between=breaking_news)
    assert len(seen) == len(set(seen))
    assert [t for t in seen if t.startswith("Auto")] == [f"Auto {n}" for n in range(8, -1, -1)]
    assert not [t for t in seen if t.startswith("Breaking")]  # newer than the first page
