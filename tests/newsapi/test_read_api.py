"""The read API: live stories only, filters, cursor paging that stays stable while stories
are published, ninjs that validates, caching with ETags and 304s that a publish changes,
CORS, and a constant number of queries however many bylines, credits and links."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article, Correction, Credit, Publication, RelatedLink
from articles.services import article_commit_edit, article_transition
from newsapi import ninjs
from tests.factories import ArticleFactory, OrganisationFactory, PersonFactory, TagFactory
from tests.newsapi.conftest import ninjs_errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return Client()


def _publish(article, user=None):
    article_commit_edit(article=article, user=user, comment="ready")
    for action in ("submit", "approve", "publish"):
        article_transition(article=article, action=action, user=user)
    article.refresh_from_db()
    return article


def _all(api, url: str) -> list[dict]:
    """Every item of a paged list, following `next`."""
    items, pages = [], 0
    while url:
        response = api.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        items += body["results"]
        url, pages = body["next"], pages + 1
        assert pages < 50
    return items


def test_the_openapi_description_and_docs_are_served(api, db):
    response = api.get("/api/schema/")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/stories/", "/api/v1/ninjs/stories/{id}/", "/api/v1/people/"} <= set(
        schema["paths"]
    )
    parameters = {p["name"] for p in schema["paths"]["/api/v1/stories/"]["get"]["parameters"]}
    assert parameters == {
        "section",
        "tag",
        "author",
        "updated_since",
        "q",
        "order",
        "cursor",
        "limit",
    }
    assert api.get("/api/schema/?format=yaml").content.startswith(b"openapi: 3.")
    docs = api.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "<script>" not in html  # the site's CSP allows no inline script
    assert "swagger-ui-bundle.js" in html and "newsapi/docs.js" in html


def test_lists_and_shows_live_stories_only(api, demo, editor):
    items = _all(api, "/api/v1/stories/?limit=4")
    assert len(items) == 6
    times = [item["published_at"] for item in items]
    assert times == sorted(times, reverse=True)
    reference = next(i for i in items if i["id"] == demo.pk)
    assert reference["bylines"][0] == {
        "name": "Meghann Myers",
        "slug": "meghann-myers",
        "url": "http://testserver/author/meghann-myers/",
        "title": "Pentagon bureau chief",
        "outlet": "Military Times",
    }
    assert "body" not in reference
    detail = api.get(f"/api/v1/stories/{demo.pk}/").json()
    assert detail["body"].startswith("<p>A U.S. airstrike")
    assert detail["credit_line"].startswith("Associated Press staff writers Ali Jabar")
    assert [c["person"] for c in detail["credits"]] == [
        "Ali Jabar",
        "Tara Copp",
        "Bassem Mroue",
        "Melanie Lidman",
    ]
    assert [r["kind"] for r in detail["related"]] == ["story", "story", "external"]
    assert api.get(f"/api/v1/stories/slug/{detail['slug']}/").json() == detail

    draft = ArticleFactory(headline="A draft nobody may see", slug="secret-draft")
    article_commit_edit(article=draft, user=editor)
    for url in (
        f"/api/v1/stories/{draft.pk}/",
        "/api/v1/stories/slug/secret-draft/",
        f"/api/v1/ninjs/stories/{draft.pk}/",
    ):
        response = api.get(url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 404
    assert "secret" not in api.get("/api/v1/stories/?q=nobody").content.decode()


def test_every_ninjs_response_of_the_demo_site_validates(api, demo, ninjs_validator):
    listed = _all(api, "/api/v1/ninjs/stories/?limit=2")
    assert len(listed) == 6
    for item in listed:
        assert ninjs_errors(ninjs_validator, item) == []
        story_id = int(item["uri"].rsplit(":", 1)[1])
        one = api.get(f"/api/v1/ninjs/stories/{story_id}/").json()
        assert one == item
        assert ninjs_errors(ninjs_validator, one) == []
        slug = item["slugline"]
        assert api.get(f"/api/v1/ninjs/stories/slug/{slug}/").json() == item
    reference = api.get(f"/api/v1/ninjs/stories/{demo.pk}/").json()
    assert reference["uri"] == ninjs.story_uri(demo.pk)
    author = reference["people"][0]
    assert (author["name"], author["rel"]) == ("Meghann Myers", "author")
    assert "Pentagon bureau chief" in reference["by"]
    assert [p["name"] for p in reference["people"] if p["rel"] == "contributor"] == [
        "Ali Jabar",
        "Tara Copp",
        "Bassem Mroue",
        "Melanie Lidman",
    ]


def test_filters(api, demo):
    def ids(query):
        return {item["id"] for item in _all(api, f"/api/v1/stories/?{query}")}

    world = set(
        Publication.objects.filter(section__slug="world").values_list("article_id", flat=True)
    )
    assert ids("section=world") == world and len(world) == 3
    navy = set(Publication.objects.filter(tags__slug="navy").values_list("article_id", flat=True))
    assert ids("tag=navy") == navy and len(navy) == 1
    assert ids("author=meghann-myers") == {demo.pk}
    assert ids("q=Harakat") == {demo.pk}
    assert ids("section=world&tag=navy") == set()
    recent = timezone.now() - timedelta(hours=6)
    expected = set(
        Publication.objects.filter(published_at__gte=recent).values_list("article_id", flat=True)
    )
    stamp = recent.isoformat().replace("+00:00", "Z")
    assert ids(f"updated_since={stamp}") == expected and 0 < len(expected) < 6
    # Offsets PostgreSQL refuses (beyond ±15:59) are read as the UTC time they name.
    far_east = (recent + timedelta(hours=19, minutes=45)).isoformat().replace("+00:00", "+19:45")
    assert ids(f"updated_since={far_east.replace('+', '%2B')}") == expected
    for bad in (
        "updated_since=yesterday",
        "updated_since=2025-01-01T00:00:00",
        "section=not%20a%20slug",
        "order=sideways",
        "limit=0",
        "limit=101",
        "cursor=garbage",
    ):
        response = api.get(f"/api/v1/stories/?{bad}")
        assert response.status_code == 400, bad
        problem = response.json()
        assert response["Content-Type"] == "application/problem+json"
        assert problem["type"].endswith("problem:invalid") and problem["errors"], bad


def test_cursor_paging_is_stable_while_stories_are_published(api, demo, editor):
    first = api.get("/api/v1/stories/?limit=2").json()
    for n in range(3):  # newer stories arrive while the client pages
        _publish(ArticleFactory(headline=f"Breaking {n}", slug=f"breaking-{n}"), editor)
    rest = _all(api, first["next"])
    seen = [i["id"] for i in first["results"]] + [i["id"] for i in rest]
    assert len(seen) == len(set(seen)) == 6  # none repeated, none skipped, none new

    # Following changes: oldest change first from a time; an update moves a story to the end.
    since = (timezone.now() - timedelta(days=30)).isoformat()
    url = f"/api/v1/stories/?order=modified&updated_since={since}&limit=4"
    page = api.get(url.replace("+", "%2B")).json()
    assert len(page["results"]) == 4
    earliest = page["results"][0]["id"]
    story = Article.objects.get(pk=earliest)
    story.dek = "Updated dek."
    story.save()
    _publish(story, editor)
    tail = _all(api, page["next"])
    assert [i["id"] for i in tail][-1] == earliest  # seen again, with its update
    assert tail[-1]["dek"] == "Updated dek." and tail[-1]["version"] == 2


def test_a_cursor_of_one_order_is_refused_by_another(api, demo):
    cursor = api.get("/api/v1/stories/?limit=1").json()["next"].split("cursor=")[1]
    assert api.get(f"/api/v1/stories/?order=modified&cursor={cursor}").status_code == 400


def test_sections_people_and_corrections(api, demo, editor):
    sections = api.get("/api/v1/sections/").json()["results"]
    assert [s["slug"] for s in sections] == ["military", "world"]
    # A person only on a draft's byline is nobody's business yet.
    hidden = PersonFactory(name="Hidden Reporter", slug="hidden-reporter")
    draft = ArticleFactory(authors=[hidden])
    article_commit_edit(article=draft, user=editor)
    people = _all(api, "/api/v1/people/?limit=1")
    expected = sorted(
        Publication.objects.values_list("bylines__person__name", flat=True).distinct()
    )
    assert [p["name"] for p in people] == expected and "Meghann Myers" in expected
    assert api.get("/api/v1/people/hidden-reporter/").status_code == 404
    person = api.get("/api/v1/people/meghann-myers/").json()
    assert person["stories_url"] == "http://testserver/api/v1/stories/?author=meghann-myers"

    assert api.get("/api/v1/corrections/").json()["results"] == []
    Correction.objects.create(article=demo, note="An earlier version misspelled a name.")
    _publish(demo, editor)
    corrections = api.get("/api/v1/corrections/").json()["results"]
    assert [(c["story"], c["kind"], c["note"]) for c in corrections] == [
        (demo.pk, "correction", "An earlier version misspelled a name.")
    ]


def test_conditional_requests_and_a_publish_changes_the_etag(api, demo, editor):
    url = f"/api/v1/stories/{demo.pk}/"
    time.sleep(1.05)  # Last-Modified is sent once the second of the last change is over
    response = api.get(url)
    etag, modified = response["ETag"], response["Last-Modified"]
    assert "public" in response["Cache-Control"]
    assert api.get(url).headers["X-Newsroom-Cache"] == "hit"
    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304

    demo.headline = "A new headline"
    demo.save()
    article_commit_edit(article=demo, user=editor)
    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304  # only a draft changed
    _publish(demo, editor)
    response = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag
    assert response.json()["headline"] == "A new headline"
    listed = api.get("/api/v1/ninjs/stories/").json()["results"]
    assert listed[0]["headlines"][0]["value"] == "A new headline"


def test_cors_on_the_read_api(api, demo):
    response = api.get("/api/v1/stories/", HTTP_ORIGIN="https://app.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    cached = api.get("/api/v1/stories/", HTTP_ORIGIN="https://app.example")
    assert cached["X-Newsroom-Cache"] == "hit" and cached["Access-Control-Allow-Origin"] == "*"
    preflight = api.options(
        "/api/v1/stories/",
        HTTP_ORIGIN="https://app.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight["Access-Control-Allow-Origin"] == "*"
    page = api.get("/", HTTP_ORIGIN="https://app.example")
    assert "Access-Control-Allow-Origin" not in page


def _rich_story(n: int, editor, target):
    """A live story with `n` bylines, credits, tags and related links."""
    people = [PersonFactory(name=f"Writer {n}-{i}", slug=f"writer-{n}-{i}") for i in range(n)]
    story = ArticleFactory(
        headline=f"Story with {n} of everything", slug=f"rich-{n}", authors=people
    )
    outlet = OrganisationFactory(name="Associated Press")
    for i in range(n):
        Credit.objects.create(
            article=story,
            person=PersonFactory(name=f"Credit {n}-{i}", slug=f"credit-{n}-{i}"),
            organisation=outlet,
            role="staff writer",
            location="Baghdad",
            position=i,
        )
        RelatedLink.objects.create(
            article=story, url=f"https://example.com/{n}/{i}", title=f"Link {i}", position=2 * i
        )
        RelatedLink.objects.create(article=story, target=target, position=2 * i + 1)
    story.tags.set([TagFactory(name=f"Topic {n} {i}", slug=f"topic-{n}-{i}") for i in range(n)])
    return _publish(story, editor)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/stories/",
        "/api/v1/ninjs/stories/",
        "/api/v1/stories/{id}/",
        "/api/v1/ninjs/stories/{id}/",
        "/api/v1/stories/slug/{slug}/",
    ],
)
def test_queries_do_not_grow_with_bylines_credits_and_links(
    url, editor, django_assert_num_queries, settings
):
    settings.NEWSROOM_APPROVAL_CHECKS = []
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0  # measure the view, not the cache
    target = _publish(ArticleFactory(headline="Target", slug="target"), editor)
    counts = {}
    for n in (1, 5):
        story = _rich_story(n, editor, target)
        path = url.format(id=story.pk, slug=story.slug)
        api = Client()
        api.get(path)  # the site state is read once after a publish
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert api.get(path).status_code == 200
        counts[n] = len(queries)
    assert counts[1] == counts[5] <= 4, counts
    with django_assert_num_queries(counts[5]):
        Client().get(url.format(id=story.pk, slug=story.slug))
