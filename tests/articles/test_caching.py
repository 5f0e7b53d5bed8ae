"""The public page cache: served without touching the database, stale exactly when
something readers can see changes, conditional GETs, never a draft or a preview."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from articles import caching
from articles.models import Byline, Credit, RelatedLink, Section, Tag
from articles.services import article_save_revision, article_unpublish
from contributors.models import Organisation
from devtools.workers import database_url
from tests.conftest import REPO, publish
from tests.factories import ArticleFactory, OrganisationFactory, PersonFactory

from .reader_site import build_site

pytestmark = pytest.mark.django_db

PAGES = ["/", "/news/main-story/", "/section/world/", "/tag/iraq/", "/author/author-0/",
         "/feeds/latest/rss/", "/sitemap.xml", "/sitemap-articles.xml"]


@pytest.fixture
def site():
    return build_site()


@pytest.fixture
def clock(monkeypatch):
    """`timezone.now()` under the test's control, standing still until `clock.advance(...)`,
    so no assertion depends on how fast a loaded machine runs the test."""

    class Clock:
        offset = timedelta()

        def advance(self, delta: timedelta) -> None:
            self.offset += delta

    fake = Clock()
    start = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: start + fake.offset)
    return fake


def _text(response) -> str:
    return lxml_html.fromstring(response.content).text_content()


def _hit(client, path: str, django_assert_num_queries, **headers):
    """GET `path`, which must come from the cache without a single query."""
    with django_assert_num_queries(0):
        response = client.get(path, headers=headers)
    assert response["X-Newsroom-Cache"] == "hit", path
    return response


@pytest.mark.parametrize("path", PAGES)
def test_second_request_is_served_from_the_cache(client, site, path, django_assert_num_queries):
    first = client.get(path)
    assert first.status_code == 200
    assert first["X-Newsroom-Cache"] == "miss"
    second = _hit(client, path, django_assert_num_queries)
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Type"] == first["Content-Type"]


def test_unread_query_parameters_share_the_cached_page(client, site, django_assert_num_queries):
    client.get("/section/world/")
    _hit(client, "/section/world/?utm_source=feed&x=1", django_assert_num_queries)
    assert client.get("/section/world/?before=abc")["X-Newsroom-Cache"] == "miss"
    # ?page= is not read by key-paged lists, so it cannot fill the cache either.
    assert client.get("/section/world/?page=2")["X-Newsroom-Cache"] == "hit"


def test_load_more_fragment_and_page_are_cached_apart(client, site):
    for n in range(5):
        publish(ArticleFactory(slug=f"more-{n}", section=site.main.section))
    link = "/news/main-story/related/?after=" + _next_cursor(client)
    page = client.get(link)
    fragment = client.get(link, headers={"X-Requested-With": "fetch"})
    assert b"<html" in page.content and b"<html" not in fragment.content
    assert "X-Requested-With" in fragment["Vary"]
    assert client.get(link).content == page.content


def _next_cursor(client) -> str:
    page = lxml_html.fromstring(client.get("/news/main-story/").content)
    [href] = page.xpath("//a[@data-load-more]/@href")
    return href.split("after=")[1]


# Every change a reader can see, and what the reader must then see.
def _publish_new_story(site):
    section = site.main.section
    publish(ArticleFactory(headline="Breaking news arrives", slug="breaking", section=section))
    return "/", "Breaking news arrives"


def _republish_with_new_headline(site):
    site.main.headline = "A corrected headline"
    site.main.save()
    publish(site.main)
    return "/news/main-story/", "A corrected headline"


def _add_byline_and_publish(site):
    Byline.objects.create(
        article=site.main, person=PersonFactory(name="Newly Added", slug="newly-added"), position=9
    )
    publish(site.main)
    return "/news/main-story/", "Newly Added"


def _add_credit_and_publish(site):
    Credit.objects.create(
        article=site.main, person=PersonFactory(name="Fresh Credit", slug="fresh"), position=9
    )
    publish(site.main)
    return "/news/main-story/", "Fresh Credit"


def _add_related_link_and_publish(site):
    RelatedLink.objects.create(
        article=site.main, url="https://example.org/new", title="A new external link", position=0
    )
    publish(site.main)
    return "/news/main-story/", "A new external link"


def _rename_author(site):
    person = site.authors[0]
    person.name = "Renamed Author"
    person.save()
    return "/news/main-story/", "Renamed Author"


def _rename_author_organisation(site):
    person = site.authors[0]
    person.organisation = OrganisationFactory(name="Old Outlet", slug="old-outlet")
    person.save()
    outlet = Organisation.objects.get(pk=person.organisation_id)
    outlet.name = "Brand New Outlet"
    outlet.save()
    return "/author/author-0/", "Brand New Outlet"


def _rename_section(site):
    section = Section.objects.get(slug="world")
    section.name = "Worldwide"
    section.save()
    return "/news/main-story/", "Worldwide"


def _rename_tag(site):
    tag = Tag.objects.get(slug="iraq")
    tag.name = "Republic of Iraq"
    tag.save()
    return "/news/main-story/", "Republic of Iraq"


def _related_target_goes_live(site):
    target = ArticleFactory(
        headline="Target now live", slug="target-live", section=site.main.section
    )
    RelatedLink.objects.create(article=site.main, target=target, position=0)
    publish(site.main)  # links to a story that is not live: not shown yet
    publish(target)
    return "/news/main-story/", "Target now live"


@pytest.mark.parametrize(
    "change",
    [
        _publish_new_story,
        _republish_with_new_headline,
        _add_byline_and_publish,
        _add_credit_and_publish,
        _add_related_link_and_publish,
        _rename_author,
        _rename_author_organisation,
        _rename_section,
        _rename_tag,
        _related_target_goes_live,
    ],
)
def test_change_readers_can_see_invalidates(
    client, site, change, django_capture_on_commit_callbacks
):
    before = {path: client.get(path) for path in PAGES}
    with django_capture_on_commit_callbacks(execute=True):
        path, expected = change(site)
    response = client.get(path)
    assert response["X-Newsroom-Cache"] == "miss"
    assert expected in _text(response)
    assert expected not in _text(before[path])
    for other in PAGES:  # no other page keeps a stale copy either
        if other != path:
            assert client.get(other)["X-Newsroom-Cache"] == "miss", other


@pytest.mark.parametrize(
    "path", ["/news/older-0/", "/news/main-story/", "/", "/section/military/", "/feeds/latest/rss/"]
)
def test_unpublishing_takes_a_story_off_every_page(
    client, site, path, django_capture_on_commit_callbacks
):
    before = client.get(path)
    assert b"Older story 0" in before.content
    with django_capture_on_commit_callbacks(execute=True):
        article_unpublish(article=site.articles["older-0"])
    after = client.get(path)
    if path == "/news/older-0/":
        assert after.status_code == 404
    else:
        assert b"Older story 0" not in after.content


def _edit_working_copy(site):
    site.main.headline = "An unpublished edit"
    site.main.save()
    article_save_revision(article=site.main)


def _edit_working_copy_parts(site):
    Byline.objects.create(
        article=site.main, person=PersonFactory(name="Unpublished Byline", slug="ub"), position=9
    )
    Credit.objects.filter(article=site.main).delete()
    RelatedLink.objects.create(
        article=site.main, url="https://example.org/draft", title="Draft link", position=0
    )


def _save_a_draft(site):
    draft = site.articles["draft"]
    draft.headline = "Still a draft"
    draft.save()
    article_save_revision(article=draft)


@pytest.mark.parametrize("change", [_edit_working_copy, _edit_working_copy_parts, _save_a_draft])
def test_unpublished_edits_change_nothing_for_readers(
    client, site, change, django_capture_on_commit_callbacks, django_assert_num_queries
):
    before = {path: client.get(path).content for path in PAGES}
    with django_capture_on_commit_callbacks(execute=True):
        change(site)
    for path in PAGES:
        assert _hit(client, path, django_assert_num_queries).content == before[path]


def test_scheduled_story_appears_when_its_time_comes(client, site, clock):
    from .reader_site import publish_at

    story = ArticleFactory(headline="Embargo lifts soon", slug="embargo", section=site.main.section)
    publish_at(story, now=timezone.now(), visible_from=timezone.now() + timedelta(hours=1))
    assert b"Embargo lifts soon" not in client.get("/").content
    assert client.get("/")["X-Newsroom-Cache"] == "hit"
    assert client.get("/news/embargo/").status_code == 404
    clock.advance(timedelta(hours=1, seconds=1))
    home = client.get("/")
    assert home["X-Newsroom-Cache"] == "miss"
    assert b"Embargo lifts soon" in home.content
    assert client.get("/news/embargo/").status_code == 200


def test_story_leaves_when_it_expires(client, site, clock, django_capture_on_commit_callbacks):
    publication = site.publication("older-0")
    with django_capture_on_commit_callbacks(execute=True):
        publication.visible_until = timezone.now() + timedelta(minutes=30)
        publication.save(update_fields=["visible_until"])
    assert b"Older story 0" in client.get("/section/military/").content
    assert client.get("/section/military/")["X-Newsroom-Cache"] == "hit"
    clock.advance(timedelta(minutes=31))
    assert b"Older story 0" not in client.get("/section/military/").content
    assert client.get("/news/older-0/").status_code == 404


def test_etag_and_last_modified_answer_conditional_gets(
    client, site, clock, django_assert_num_queries, django_capture_on_commit_callbacks
):
    first = client.get("/news/main-story/")
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert "Last-Modified" not in first  # its second is not over yet
    clock.advance(timedelta(seconds=2))
    with django_assert_num_queries(0):
        not_modified = client.get("/news/main-story/", headers={"If-None-Match": etag})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    last_modified = client.get("/news/main-story/")["Last-Modified"]
    assert client.get(
        "/news/main-story/", headers={"If-Modified-Since": last_modified}
    ).status_code == 304
    assert "no-cache" in first["Cache-Control"] and "public" in first["Cache-Control"]

    with django_capture_on_commit_callbacks(execute=True):
        _republish_with_new_headline(site)
    changed = client.get("/news/main-story/", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    clock.advance(timedelta(seconds=2))
    assert client.get(
        "/news/main-story/", headers={"If-Modified-Since": last_modified}
    ).status_code == 200


def test_pages_differ_in_etag(client, site):
    etags = {client.get(path)["ETag"] for path in PAGES}
    assert len(etags) == len(PAGES)


def test_preview_is_never_cached_and_never_reaches_readers(
    client, site, editor, django_capture_on_commit_callbacks
):
    public_before = client.get("/news/main-story/").content
    site.main.headline = "Draft headline only editors see"
    site.main.save()
    editor_client = client.__class__()
    editor_client.force_login(editor)
    url = reverse("admin:articles_article_preview", kwargs={"object_id": site.main.pk})
    preview = editor_client.get(url)
    assert preview.status_code == 200
    assert b"Draft headline only editors see" in preview.content
    assert "private" in preview["Cache-Control"] and "no-store" in preview["Cache-Control"]
    assert "X-Newsroom-Cache" not in preview
    public = client.get("/news/main-story/")
    assert public.content == public_before
    assert b"Draft headline only editors see" not in public.content


def test_logged_in_editor_gets_the_public_page(client, site, editor, django_assert_num_queries):
    anonymous = client.get("/news/main-story/").content
    client.force_login(editor)
    response = _hit(client, "/news/main-story/", django_assert_num_queries)
    assert response.content == anonymous
    assert client.get("/news/draft/").status_code == 404


def test_a_page_that_looked_at_the_session_is_not_cached(db):
    from django.contrib.sessions.middleware import SessionMiddleware

    calls = []

    @caching.public_page
    def personal(request):
        calls.append(request.session.get("name", "anonymous"))
        return HttpResponse(f"Hello {calls[-1]}")

    for _ in range(2):
        request = RequestFactory().get("/personal/")
        SessionMiddleware(lambda r: HttpResponse()).process_request(request)
        response = personal(request)
        assert "X-Newsroom-Cache" not in response
    assert len(calls) == 2


def test_errors_and_cookies_are_not_cached(db):
    calls = []

    @caching.public_page
    def flaky(request):
        calls.append(1)
        response = HttpResponse("x", status=404 if len(calls) == 1 else 200)
        if len(calls) == 2:
            response.set_cookie("tracking", "1")
        return response

    for _ in range(3):
        flaky(RequestFactory().get("/flaky/"))
    assert len(calls) == 3


def test_a_cache_outage_still_serves_pages(client, site, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache is down")

    monkeypatch.setattr(caching.cache, "get_many", broken)
    response = client.get("/news/main-story/")
    assert response.status_code == 200
    assert "X-Newsroom-Cache" not in response


def test_new_people_tags_and_outlets_invalidate_nothing(
    client, site, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from tests.factories import TagFactory

    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        PersonFactory(slug="new-person")
        TagFactory(slug="new-tag")
        OrganisationFactory(slug="new-outlet")
        # A new section is in the navigation only once a live story carries it (issue 19).
        sport = Section.objects.create(name="Sport", slug="sport")
    _hit(client, "/", django_assert_num_queries)
    with django_capture_on_commit_callbacks(execute=True):
        publish(ArticleFactory(headline="Sport story", slug="sport-story", section=sport))
    assert b"Sport" in client.get("/").content  # in the navigation


def test_the_cache_is_shared_between_processes(client, site, django_assert_num_queries):
    """The worker and beat are other processes: an invalidation there must reach the web
    process. (So the cache is Redis or files on disk, never local memory.)"""
    assert "locmem" not in settings.CACHES["default"]["BACKEND"].lower()
    client.get("/")
    _hit(client, "/", django_assert_num_queries)
    subprocess.run(
        [sys.executable, "-c",
         "import django; django.setup(); from articles import caching; caching.invalidate()"],
        cwd=REPO,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings.test",
             "DATABASE_URL": database_url()},  # the test database
        check=True, timeout=60,
    )
    assert client.get("/")["X-Newsroom-Cache"] == "miss"


def test_invalidation_is_repeated_after_commit(django_capture_on_commit_callbacks):
    """Once at once, once after commit: a page rendered by another process from the rows
    as they were before the commit is left behind."""
    states = [caching.site_state().generation]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        caching.invalidate()
        states.append(caching.site_state().generation)
    for callback in callbacks:
        callback()
    states.append(caching.site_state().generation)
    assert len(callbacks) == 1
    assert len(set(states)) == 3  # before, at once, after commit


def test_migrate_invalidates(db):
    from django.core.management import call_command

    before = caching.site_state().generation
    call_command("migrate", verbosity=0)
    assert caching.site_state().generation != before


def test_a_takedown_time_set_on_a_live_story_empties_the_cache_in_time(
    client, site, clock, django_capture_on_commit_callbacks
):
    """A take-down time is written with QuerySet.update(); the cache must still learn of
    it, so the page goes dark at that time even if no worker runs."""
    from articles.models import Article
    from articles.services import article_transition

    assert client.get("/news/main-story/").status_code == 200
    assert client.get("/news/main-story/")["X-Newsroom-Cache"] == "hit"
    article = Article.objects.get(slug="main-story")
    with django_capture_on_commit_callbacks(execute=True):
        article_transition(
            article=article, action="schedule_unpublish",
            unpublish_at=timezone.now() + timedelta(minutes=5),
        )
    assert client.get("/news/main-story/").status_code == 200
    clock.advance(timedelta(minutes=6))
    assert client.get("/news/main-story/").status_code == 404


# The middleware: a hit answered before sessions, CSRF, auth and the rest.


def test_a_hit_skips_the_middleware_below_the_page_cache(client, site, django_assert_num_queries):
    miss = client.get("/news/main-story/")
    assert hasattr(miss.wsgi_request, "session")  # rendered through the whole stack
    hit = _hit(client, "/news/main-story/", django_assert_num_queries)
    assert not hasattr(hit.wsgi_request, "session")
    assert not hasattr(hit.wsgi_request, "user")
    assert hit.content == miss.content


def test_a_hit_is_one_cache_round_trip(client, site, monkeypatch, django_assert_num_queries):
    """Redis answers `get_many` with one MGET (the file cache's `get_many` reads each key
    with `get`, so only the outermost calls are counted)."""
    client.get("/news/main-story/")
    calls, depth = [], [0]

    def counted(name, method):
        def call(*args, **kwargs):
            if not depth[0]:
                calls.append(name)
            depth[0] += 1
            try:
                return method(*args, **kwargs)
            finally:
                depth[0] -= 1

        return call

    for name in ("get", "get_many", "set", "add", "set_many", "delete"):
        monkeypatch.setattr(caching.cache, name, counted(name, getattr(caching.cache, name)))
    _hit(client, "/news/main-story/", django_assert_num_queries)
    assert calls == ["get_many"]


def test_a_hit_carries_the_same_headers_as_a_rendered_page(client, site, clock):
    miss = client.get("/news/main-story/")
    hit = client.get("/news/main-story/")
    assert (miss["X-Newsroom-Cache"], hit["X-Newsroom-Cache"]) == ("miss", "hit")
    assert not hasattr(hit.wsgi_request, "session")
    headers = {k: v for k, v in miss.headers.items() if k != "X-Newsroom-Cache"}
    assert {k: v for k, v in hit.headers.items() if k != "X-Newsroom-Cache"} == headers
    for name in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
                 "Referrer-Policy", "ETag", "Cache-Control", "Content-Length"):
        assert name in hit, name


def test_a_request_with_a_session_cookie_goes_through_the_whole_stack(
    client, site, editor, django_assert_num_queries
):
    client.get("/news/main-story/")
    client.force_login(editor)
    response = client.get("/news/main-story/")
    assert response["X-Newsroom-Cache"] == "hit"  # from the view's decorator
    assert hasattr(response.wsgi_request, "session")


def test_a_hit_still_refuses_a_host_not_allowed(client, site):
    client.get("/news/main-story/")
    assert client.get("/news/main-story/", headers={"host": "evil.example"}).status_code == 400


def test_a_page_cached_for_one_host_is_not_served_to_another(client, site, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    first = client.get("/news/main-story/")
    other = client.get("/news/main-story/", headers={"host": "other.example"})
    assert other["X-Newsroom-Cache"] == "miss"
    assert b"http://other.example/news/main-story/" in other.content
    assert b"http://other.example/" not in first.content


def test_a_page_is_not_served_once_a_visibility_time_passes(client, site, clock):
    """The middleware cannot know the new token without the database: it hands the
    request to the view, which reads the boundaries and renders."""
    from .reader_site import publish_at

    story = ArticleFactory(headline="Soon live", slug="soon", section=site.main.section)
    publish_at(story, now=timezone.now(), visible_from=timezone.now() + timedelta(minutes=5))
    client.get("/")
    assert client.get("/")["X-Newsroom-Cache"] == "hit"
    clock.advance(timedelta(minutes=6))
    home = client.get("/")
    assert home["X-Newsroom-Cache"] == "miss"
    assert hasattr(home.wsgi_request, "session")
    assert b"Soon live" in home.content


def test_share_links_and_admin_are_not_answered_by_the_middleware(client, site, editor):
    client.force_login(editor)
    assert "X-Newsroom-Cache" not in client.get("/admin/")
    assert "X-Newsroom-Cache" not in client.get("/preview/not-a-token/")


def test_navigation_sections_are_read_once_per_site_token(client, site, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0  # render every time: only the memo applies
    client.get("/news/main-story/")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/news/main-story/")
    assert second["X-Newsroom-Cache"] == "miss"
    assert not [q for q in queries.captured_queries if '"articles_section"."position"' in q["sql"]
                and "ORDER BY" in q["sql"] and "JOIN" not in q["sql"]]
    sport = Section.objects.create(name="Sport", slug="sport")
    assert b"Sport" not in client.get("/news/main-story/").content  # no live story yet
    publish(ArticleFactory(headline="Sport story", slug="sport-story", section=sport))
    assert b"Sport" in client.get("/news/main-story/").content


def test_page_cache_seconds_zero_renders_every_page(client, site, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    assert client.get("/")["X-Newsroom-Cache"] == "miss"
    assert client.get("/")["X-Newsroom-Cache"] == "miss"
