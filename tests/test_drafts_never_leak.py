"""Drafts never leak: one crawl of every public surface, as an anonymous reader.

Stories in every state a reader must not see carry a unique marker in their headline, dek,
body, slug, tag and byline person (someone on no other story). A live story links to each
of them ("In Other News") and shares a tag with them. The crawl starts from every public
URL pattern, filled in with every slug there is (hidden ones too), follows every same-site
link it finds (pages, "Load More", feeds, sitemaps), and asserts that no marker appears in
any response, that the hidden stories' addresses are 404s and that nothing is a 500. It
runs with the caches warmed while some of the stories were still live, cold, warm again,
and after a publish→unpublish cycle.
"""

from __future__ import annotations

import re
import time
from collections import deque
from datetime import timedelta
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from articles import caching
from articles.models import Article, Publication, RelatedLink, Section, ShareLink, Tag
from articles.sanitize import photo_figure
from articles.services import (
    article_commit_edit,
    article_delete,
    article_transition,
    share_link_create,
    share_link_path,
    share_link_revoke,
)
from articles.sitemaps import SITEMAPS
from contributors.models import Person
from tests.factories import ArticleFactory, PersonFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

# Every named URL pattern a reader can reach, and how the crawl fills it in. A new public
# view fails `test_the_crawl_knows_every_public_url_pattern` until it is added here.
SEEDED = {
    "articles:home", "articles:article", "articles:related", "articles:section",
    "articles:author", "articles:tag", "articles:search", "articles:robots",
    "articles:sitemap-index", "articles:sitemap-section", "articles:feed-latest-rss",
    "articles:feed-latest-atom", "articles:feed-section-rss", "articles:feed-section-atom",
    "articles:feed-author-rss", "articles:feed-author-atom", "articles:feed-tag-rss",
    "articles:feed-tag-atom", "articles:shared_draft", "healthz", "readyz",
    # The read API (newsapi), its description and docs.
    "newsapi:stories", "newsapi:story", "newsapi:story-by-slug", "newsapi:ninjs-stories",
    "newsapi:ninjs-story", "newsapi:ninjs-story-by-slug", "newsapi:sections", "newsapi:people",
    "newsapi:person", "newsapi:corrections", "newsapi:schema", "newsapi:docs",
    "newsapi:not-found",
    # POST only (a share link's view count): the crawl's GETs are answered 405.
    "articles:shared_draft_viewed",
}
# The admin, and the ingest API (a bearer token's, never a reader's).
NOT_PUBLIC = ("admin:", "newsapi:ingest")

# States a reader must never see, each with its marker (lowercase letters only, so it
# survives slugs and escaping unchanged).
HIDDEN = {
    "draft": "qzdraftmark",
    "submitted": "qzsubmittedmark",
    "changes": "qzchangesmark",
    "approved": "qzapprovedmark",
    "scheduled": "qzscheduledmark",
    "embargoed": "qzembargoedmark",
    "early": "qzearlymark",  # a publication row whose visible_from has not come
    "unpublished": "qzunpublishedmark",
    "expired": "qzexpiredmark",
    "newer_draft": "qznewerdraftmark",  # live, but its newer draft is secret
    "deleted": "qzdeletedmark",
}
# Live while the caches are first warmed, hidden afterwards.
GO_DARK = {"unpublished", "expired", "deleted"}
MAX_PAGES = 1500


def _story(state: str, marker: str, *, section: Section, shared: Tag, user) -> Article:
    person = PersonFactory(name=f"Reporter {marker.title()}", slug=f"person-{marker}")
    article = ArticleFactory(
        headline=f"Headline {marker}",
        slug=f"slug-{marker}",
        dek=f"Dek {marker}",
        body=f"<p>Body {marker} paragraph.</p>",
        section=section,
        authors=[person],
        created_by=user,
    )
    article.tags.set([TagFactory(name=f"Topic {marker}", slug=f"tag-{marker}"), shared])
    article_commit_edit(article=article, user=user, comment="First draft")
    return article


def _move(article: Article, user, *actions: str, **kwargs) -> None:
    for action in actions:
        comment = "Needs work" if action in ("request_changes", "unpublish") else ""
        article_transition(
            article=article, action=action, user=user, comment=comment,
            **(kwargs if action in ("schedule", "schedule_unpublish") else {}),
        )
        article.refresh_from_db()


def _publish(article: Article, user) -> None:
    _move(article, user, "submit", "approve", "publish")


# Photos a reader must never see: shown only by hidden versions. Their alt text and
# caption are markers too, and so is each photo's random key, which is in the name of
# every file the library stores for it: a page that never names the key gives no way to
# guess the files' addresses.
PHOTO_MARKERS = {
    "draft_photo": "qzdraftphotoaltmark",
    "draft_inline": "qzdraftinlinealtmark",
    "newer_draft_photo": "qznewerdraftphotoaltmark",
}


@pytest.fixture
def newsroom(editor, settings, make_photo):
    settings.NEWSROOM_APPROVAL_CHECKS = []  # the style gate is not what this tests
    now = timezone.now()
    section = SectionFactory(name="World", slug="world")
    # A section only hidden stories carry (issue 19): named with the draft's marker, so the
    # crawl fails if any page's navigation, breadcrumb or feed list names it.
    quiet = SectionFactory(name=f"Quiet {HIDDEN['draft']}", slug=f"quiet-{HIDDEN['draft']}")
    shared = TagFactory(name="Shared topic", slug="shared-topic")
    stories = {}
    for state, marker in HIDDEN.items():
        home = quiet if state in ("draft", "embargoed") else section
        stories[state] = _story(state, marker, section=home, shared=shared, user=editor)
    s = stories
    photos = {
        name: make_photo(f"Photo {marker}", alt_text=f"Alt {marker}", caption=f"Caption {marker}")
        for name, marker in PHOTO_MARKERS.items()
    }
    draft = s["draft"]
    draft.lead_photo = photos["draft_photo"]
    draft.body += photo_figure(photos["draft_inline"].pk, f"Body caption {HIDDEN['draft']}")
    draft.save()
    article_commit_edit(article=draft, user=editor, comment="Photos")
    _move(s["submitted"], editor, "submit")
    _move(s["changes"], editor, "submit", "request_changes")
    _move(s["approved"], editor, "submit", "approve")
    _move(
        s["scheduled"], editor, "submit", "approve", "schedule", publish_at=now + timedelta(days=1)
    )
    s["embargoed"].embargo_until = now + timedelta(days=1)
    s["embargoed"].save(update_fields=["embargo_until"])
    _move(s["embargoed"], editor, "submit", "approve")
    _move(
        s["embargoed"], editor, "schedule", publish_at=now + timedelta(days=1, hours=1)
    )
    _publish(s["early"], editor)
    Publication.objects.filter(article=s["early"]).update(visible_from=now + timedelta(hours=2))
    caching.invalidate()
    for state in ("unpublished", "deleted", "expired"):
        _publish(s[state], editor)
    _move(
        s["expired"], editor, "schedule_unpublish",
        unpublish_at=timezone.now() + timedelta(seconds=2),
    )

    # Live, with a public headline; then a newer draft with secrets in every field.
    newer = s["newer_draft"]
    marker = HIDDEN["newer_draft"]
    newer.headline, newer.slug, newer.dek = "Public headline", "public-story", "Public dek"
    newer.body = "<p>Public body.</p>"
    newer.save()
    newer.tags.set([shared])
    newer.bylines.all().delete()
    public_person = PersonFactory(name="Paula Public", slug="paula-public")
    newer.bylines.create(person=public_person, position=0)
    article_commit_edit(article=newer, user=editor)
    _publish(newer, editor)
    newer.headline, newer.slug = f"Headline {marker}", f"slug-{marker}"
    newer.dek, newer.body = f"Dek {marker}", f"<p>Body {marker}.</p>"
    newer.lead_photo = photos["newer_draft_photo"]
    newer.save()
    newer.tags.add(Tag.objects.get(slug=f"tag-{marker}"))
    newer.bylines.create(person=Person.objects.get(slug=f"person-{marker}"), position=1)
    article_commit_edit(article=newer, user=editor, comment="Secret rewrite")

    # The live story that links to every hidden one and shares their tag.
    live = ArticleFactory(
        headline="The live story", slug="the-live-story", section=section,
        body="<p>Live body.</p>", created_by=editor,
    )
    live.tags.set([shared])
    live.lead_photo = make_photo("The live story's photo", alt_text="Alt of the live photo")
    live.save()
    for position, hidden in enumerate(s.values()):
        RelatedLink.objects.create(article=live, target=hidden, position=position)
    article_commit_edit(article=live, user=editor)
    _publish(live, editor)
    for n in range(7):  # enough live stories for "Load More" and listings to page
        other = ArticleFactory(
            headline=f"Other live story {n}", slug=f"other-live-{n}", section=section,
            created_by=editor,
        )
        other.tags.set([shared])
        article_commit_edit(article=other, user=editor)
        _publish(other, editor)

    # Share links: one still valid (seen before the crawl), one revoked, one expired.
    draft = s["draft"]
    links = {
        "valid": share_link_create(article=draft, user=editor),
        "revoked": share_link_create(article=draft, user=editor),
        "expired": share_link_create(
            article=draft, user=editor, expires_at=timezone.now() + timedelta(minutes=5)
        ),
    }
    links["of_deleted"] = share_link_create(article=s["deleted"], user=editor)
    share_link_revoke(link=links["revoked"], user=editor)
    ShareLink.objects.filter(pk=links["expired"].pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    markers = {**HIDDEN, **PHOTO_MARKERS}
    markers |= {f"{name}_key": photo.key for name, photo in photos.items()}
    return {
        "stories": s, "live": live, "links": {k: share_link_path(v) for k, v in links.items()},
        "markers": markers,
    }


def _named_patterns(resolver=None, prefix: str = "") -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names |= _named_patterns(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(prefix + entry.name)
    return names


def test_the_crawl_knows_every_public_url_pattern():
    public = {name for name in _named_patterns() if not name.startswith(NOT_PUBLIC)}
    assert public <= SEEDED, f"Add these to the leak crawl: {sorted(public - SEEDED)}"


def _seeds(hidden_markers) -> list[str]:
    sections = list(Section.objects.values_list("slug", flat=True))
    people = list(Person.objects.values_list("slug", flat=True))
    tags = list(Tag.objects.values_list("slug", flat=True))
    slugs = set(Article.objects.values_list("slug", flat=True))
    slugs |= set(Publication.objects.values_list("slug", flat=True))
    slugs |= {f"slug-{m}" for m in HIDDEN.values()}  # the deleted story's too
    urls = ["/", "/robots.txt", "/sitemap.xml", "/feeds/latest/rss/", "/feeds/latest/atom/",
            "/healthz", "/readyz", "/search/?q=qzbaseline"]
    urls += [f"/sitemap-{name}.xml" for name in SITEMAPS]
    for slug in sorted(slugs):
        urls += [f"/news/{slug}/", f"/news/{slug}/related/"]
    for kind, values in (("section", sections), ("author", people), ("tag", tags)):
        for slug in sorted(values):
            urls.append(f"/{kind}/{slug}/")
            urls += [f"/feeds/{kind}/{slug}/{form}/" for form in ("rss", "atom")]
    urls += [f"/search/?q={m}" for m in hidden_markers]
    urls += [f"/search/?q=reporter+{m}" for m in hidden_markers]
    return urls + _api_seeds(hidden_markers, sections, people, tags, slugs)


def _api_seeds(hidden_markers, sections, people, tags, slugs) -> list[str]:
    """The read API at every address the pages have, in both representations."""
    ids = set(Article.objects.values_list("pk", flat=True))
    ids |= set(Publication.objects.values_list("article_id", flat=True))
    ids |= {max(ids, default=0) + 1}  # the deleted story's id, once it is gone
    urls = ["/api/schema/", "/api/docs/", "/api/v1/sections/", "/api/v1/people/",
            "/api/v1/corrections/", "/api/v1/nothing-here/"]
    for base in ("/api/v1/stories/", "/api/v1/ninjs/stories/"):
        urls += [base, f"{base}?order=-modified", f"{base}?order=modified&limit=2"]
        urls += [f"{base}{pk}/" for pk in sorted(ids)]
        urls += [f"{base}slug/{slug}/" for slug in sorted(slugs)]
        urls += [f"{base}?section={slug}" for slug in sections]
        urls += [f"{base}?tag={slug}" for slug in tags]
        urls += [f"{base}?author={slug}" for slug in people]
        urls += [f"{base}?q={m}" for m in hidden_markers]
    urls += [f"/api/v1/people/{slug}/" for slug in people]
    return urls


def _story_id(url: str) -> str | None:
    """The story id an API address names (`/api/v1/.../stories/<id>/`), if any."""
    match = re.search(r"/stories/(\d+)/", url)
    return match.group(1) if match else None


_HREF = re.compile(rb"""(?:href|src|action)\s*=\s*["']([^"'#]+)""", re.I)
_LOC = re.compile(rb"<(?:loc|link|id)>\s*([^<\s]+)\s*</", re.I)
_ATOM_LINK = re.compile(rb"<link[^>]+href=\"([^\"]+)\"", re.I)
_JSON_URL = re.compile(rb'"(http://testserver/[^"\\]*)"')  # links in the API's JSON


def _links(base: str, content: bytes) -> set[str]:
    found = set()
    found_raw = _HREF.findall(content) + _LOC.findall(content) + _ATOM_LINK.findall(content)
    for raw in found_raw + _JSON_URL.findall(content):
        link = raw.decode(errors="replace").replace("&amp;", "&")
        url = urljoin("http://testserver" + base, link)
        parts = urlsplit(url)
        # Files (static, and media, which the web server serves) are not pages to crawl;
        # a hidden photo's files are caught by its key, a marker in every page checked.
        if parts.netloc not in ("testserver", "") or parts.path.startswith(
            ("/admin", "/static", "/media")
        ):
            continue
        found.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def _crawl(
    markers: dict[str, str], *, allowed: frozenset = frozenset(), validators: dict | None = None
) -> dict[str, int]:
    """Fetch every seed and every same-site link found, anonymously, twice for pages that
    vary on `X-Requested-With`. Returns the status of each URL. Fails on a 500 or on any
    marker of a state not in `allowed` in a body or header. `validators` collects, for each
    page that showed an allowed marker, the ETag and Last-Modified a browser would keep."""
    client = Client()
    checked = {state: m for state, m in markers.items() if state not in allowed}
    baseline = None
    queue, seen, statuses = deque(_seeds(markers.values())), set(), {}
    linked: dict[str, str] = {}  # a URL found on a page: the page it was found on
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        assert len(seen) <= MAX_PAGES, "The crawl ran away"
        variants = [{}]
        if "/related/" in url:
            variants.append({"HTTP_X_REQUESTED_WITH": "fetch"})
        for headers in variants:
            response = client.get(url, **headers)
            status = response.status_code
            assert status in (200, 301, 302, 304, 404, 410) or (
                url == "/readyz" and status == 503
            ), (url, status)
            statuses[url] = status
            content = getattr(response, "content", b"") or b"".join(response.streaming_content)
            text = content.decode("utf-8", errors="replace").lower()
            head = " ".join(f"{k}: {v}" for k, v in response.items()).lower()
            if url.startswith("/search/"):
                # The query is echoed back; count it against a query that matches nothing.
                if baseline is None:
                    baseline = client.get("/search/?q=qzbaseline").content.decode().count(
                        "qzbaseline"
                    )
                query = url.partition("q=")[2].split("&")[0].split("+")[-1]
                for state, marker in checked.items():
                    expected = baseline if marker == query else 0
                    assert text.count(marker) == expected, (url, state)
                continue
            for state, marker in checked.items():
                assert marker not in text, f"{state} marker in {url} ({status})"
                assert marker not in head, f"{state} marker in headers of {url}"
            if validators is not None and any(markers[state] in text for state in allowed):
                kept = {"HTTP_IF_NONE_MATCH": response.get("ETag")}
                if response.get("Last-Modified"):
                    kept["HTTP_IF_MODIFIED_SINCE"] = response["Last-Modified"]
                validators[(url, tuple(headers.items()))] = {
                    k: v for k, v in kept.items() if v
                } | headers
            if status == 200:
                for link in _links(url, content) - seen:
                    linked.setdefault(link, url)
                    queue.append(link)
            elif status in (301, 302):
                queue.append(response["Location"])
    # Nothing a reader can follow leads to a story that is not there (a 404 would also
    # tell them its address).
    # (A story allowed to go dark may do so mid-crawl: links to it are not counted.)
    # The API names stories by id, which carries no marker: excuse those stories' ids too.
    dark_ids = {
        str(pk) for pk in Article.objects.filter(
            slug__in=[f"slug-{markers[s]}" for s in allowed]
        ).values_list("pk", flat=True)
    }
    broken = {
        url: page for url, page in linked.items()
        if statuses.get(url, 200) >= 400
        and not any(markers[s] in url for s in allowed)
        and _story_id(url) not in dark_ids
    }
    assert not broken, f"links to missing pages (url: found on): {broken}"
    return statuses


def _assert_hidden_urls_are_404(statuses: dict[str, int], states) -> None:
    for state in states:
        marker = HIDDEN[state]
        for url in (f"/news/slug-{marker}/", f"/news/slug-{marker}/related/",
                    f"/tag/tag-{marker}/", f"/author/person-{marker}/",
                    f"/feeds/tag/tag-{marker}/rss/", f"/feeds/author/person-{marker}/atom/"):
            assert statuses.get(url) == 404, (state, url, statuses.get(url))
    quiet = HIDDEN["draft"]  # the section only hidden stories carry
    for url in (f"/section/quiet-{quiet}/", f"/feeds/section/quiet-{quiet}/rss/",
                f"/feeds/section/quiet-{quiet}/atom/"):
        assert statuses.get(url) == 404, (url, statuses.get(url))


def test_no_hidden_story_reaches_any_public_surface(newsroom, editor):
    stories, links, markers = newsroom["stories"], newsroom["links"], newsroom["markers"]
    client = Client()
    # A valid share link shows the draft, privately (with its photos, whose files are named
    # by their key); revoked and expired ones show nothing.
    shared = client.get(links["valid"]).content.decode().lower()
    assert HIDDEN["draft"] in shared
    assert markers["draft_photo_key"] in shared and markers["draft_inline_key"] in shared
    assert newsroom["live"].lead_photo.key in client.get("/news/the-live-story/").content.decode()
    for kind in ("revoked", "expired"):
        response = client.get(links[kind])
        assert response.status_code == 410, kind
        assert HIDDEN["draft"] not in response.content.decode().lower()

    deleted_link = links.pop("of_deleted")
    assert client.get(deleted_link).status_code == 200

    # Warm every cache while three of the stories are still live.
    validators: dict = {}
    statuses = _crawl(markers, allowed=frozenset(GO_DARK), validators=validators)
    assert statuses["/news/the-live-story/"] == 200
    assert statuses["/news/public-story/"] == 200
    assert statuses[f"/news/slug-{HIDDEN['unpublished']}/"] == 200

    # They go dark three ways: unpublished, taken down by time alone, deleted.
    _move(stories["unpublished"], editor, "unpublish")
    article_delete(article=stories["deleted"], user=editor)
    response = client.get(deleted_link)  # a link to a story since deleted works no more
    assert response.status_code == 404
    assert HIDDEN["deleted"] not in response.content.decode().lower()
    publication = Publication.objects.get(article=stories["expired"])
    time.sleep(max(0.0, (publication.visible_until - timezone.now()).total_seconds()) + 0.05)

    # A browser revalidating a page that showed them is not told to keep its copy.
    assert len(validators) > 20
    for (url, _), headers in validators.items():
        response = client.get(url, **headers)
        assert response.status_code != 304, f"{url} still valid for a browser"
        text = response.content.decode(errors="replace").lower()
        assert not any(HIDDEN[state] in text for state in GO_DARK), url

    hidden_states = [state for state in HIDDEN if state != "newer_draft"]
    for _phase in ("warm from when they were live", "cold", "warm"):
        statuses = _crawl(markers)
        _assert_hidden_urls_are_404(statuses, hidden_states)
        assert statuses["/news/public-story/"] == 200
        if _phase == "warm from when they were live":
            caching.reset()

    # One more publish→unpublish cycle, with the caches warm in between.
    cycle = stories["approved"]
    _move(cycle, editor, "publish")
    assert Client().get(f"/news/slug-{HIDDEN['approved']}/").status_code == 200
    _crawl(markers, allowed=frozenset({"approved"}))
    _move(cycle, editor, "unpublish")
    statuses = _crawl(markers)
    _assert_hidden_urls_are_404(statuses, hidden_states)
