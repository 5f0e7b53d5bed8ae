"""Share-draft links: signed, expiring, revocable, private, and only editors make them."""

from datetime import timedelta

import pytest
from django.core import signing
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from articles.exceptions import NotPermitted, StoryError
from articles.models import ArticleEvent, ShareLink
from articles.services import (
    article_commit_edit,
    latest_revision_info,
    share_link_create,
    share_link_path,
    share_link_revoke,
)
from tests.conftest import publish
from tests.factories import ArticleFactory

from .admin_forms import messages_of, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(reporter):
    article = ArticleFactory(
        headline="Embargoed draft about the strike",
        slug="strike-draft",
        authors=[reporter.contributor],
        created_by=reporter,
    )
    article_commit_edit(article=article, user=reporter, comment="First draft")
    return article


def _assert_private(response):
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"].startswith("noindex")
    assert response["Referrer-Policy"] == "no-referrer"


def test_a_share_link_shows_its_revision_to_anyone_privately(client, draft, editor):
    shared = latest_revision_info(draft).revision
    link = share_link_create(article=draft, user=editor, note="Legal")
    draft.headline = "A later headline"
    draft.save(update_fields=["headline"])
    article_commit_edit(article=draft, user=editor)

    response = client.get(share_link_path(link))  # anonymous
    assert response.status_code == 200
    _assert_private(response)
    page = parse(response)
    assert page.xpath("//h1/text()") == ["Embargoed draft about the strike"]  # the shared one
    assert page.xpath('//meta[@name="robots"]/@content') == ["noindex, nofollow"]
    assert not page.xpath('//link[@rel="canonical"]')
    link.refresh_from_db()
    # Showing the page changes nothing (issue 19): the view is counted by the POST its
    # script makes (tests/test_share_views.py).
    assert link.revision == shared and link.views == 0 and link.last_viewed_at is None
    # The story itself is still not public.
    assert client.get(f"/news/{draft.slug}/").status_code == 404


def test_revoked_and_expired_links_are_gone(client, draft, editor):
    link = share_link_create(article=draft, user=editor)
    path = share_link_path(link)
    share_link_revoke(link=link, user=editor)
    response = client.get(path)
    assert response.status_code == 410
    _assert_private(response)

    expired = share_link_create(
        article=draft, user=editor, expires_at=timezone.now() + timedelta(minutes=1)
    )
    ShareLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(share_link_path(expired)).status_code == 410


def test_tampered_or_foreign_tokens_are_not_found(client, draft, editor):
    link = share_link_create(article=draft, user=editor)
    token = share_link_path(link).split("/")[2]
    ours = signing.Signer(salt="articles.share-link")
    forged = ours.sign_object({"l": link.pk + 1, "r": link.revision_id})  # no such link
    other_salt = signing.Signer(salt="something-else").sign_object(
        {"l": link.pk, "r": link.revision_id}
    )
    for bad in (token[:-2] + "xx", "nonsense", other_salt, forged, ours.sign_object([1, 2])):
        response = client.get(reverse("articles:shared_draft", kwargs={"token": bad}))
        assert response.status_code == 404, bad
        _assert_private(response)
    # Deleting the story ends its links.
    draft.delete()
    assert client.get(reverse("articles:shared_draft", kwargs={"token": token})).status_code == 404


def test_only_editors_share_and_the_rules_hold(draft, reporter, editor):
    with pytest.raises(NotPermitted):
        share_link_create(article=draft, user=reporter)
    other = ArticleFactory()
    article_commit_edit(article=other, user=editor)
    with pytest.raises(StoryError, match="another story"):
        share_link_create(article=draft, user=editor, revision=latest_revision_info(other).revision)
    with pytest.raises(StoryError, match="future"):
        share_link_create(
            article=draft, user=editor, expires_at=timezone.now() - timedelta(hours=1)
        )
    with pytest.raises(StoryError, match="at most 30 days"):
        share_link_create(
            article=draft, user=editor, expires_at=timezone.now() + timedelta(days=31)
        )
    link = share_link_create(article=draft, user=editor)
    with pytest.raises(NotPermitted):
        share_link_revoke(link=link, user=reporter)
    assert ArticleEvent.objects.filter(article=draft, action="shared", user=editor).exists()


def test_editor_creates_and_revokes_links_in_the_admin(client, draft, editor):
    client.force_login(editor)
    change = reverse("admin:articles_article_change", args=[draft.pk])
    page = parse(client.get(change))
    (form,) = page.xpath('//form[@class="desk-share-form"]')
    revision = latest_revision_info(draft).revision_id
    assert form.xpath('.//input[@name="revision_id"]/@value') == [str(revision)]
    response = client.post(
        form.get("action"), {"revision_id": revision, "expires_in": "24", "note": "Lawyer"}
    )
    assert response.status_code == 302
    link = ShareLink.objects.get(article=draft)
    assert link.created_by == editor and link.note == "Lawyer"
    assert timedelta(hours=23) < link.expires_at - timezone.now() <= timedelta(hours=24)
    assert share_link_path(link) in messages_of(response)[0][1]

    page = parse(client.get(change))
    assert page.xpath('//input[contains(@class, "desk-share-url")]/@value') == [
        "http://testserver" + share_link_path(link)
    ]
    (revoke,) = page.xpath('//table[@class="desk-share-links"]//form')
    client.post(revoke.get("action"))
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_reporters_cannot_share_from_the_admin(client, draft, reporter):
    client.force_login(reporter)
    change = reverse("admin:articles_article_change", args=[draft.pk])
    assert b"desk-share-form" not in client.get(change).content
    response = client.post(
        reverse("admin:articles_article_share", args=[draft.pk]),
        {"revision_id": latest_revision_info(draft).revision_id, "expires_in": "24"},
    )
    assert response.status_code == 403
    assert not ShareLink.objects.exists()


def _public_list_urls():
    """Every URL of the site that lists stories for machines (feeds, sitemaps) and takes no
    arguments: whatever the other parts of the project add, none may show a share link."""
    found = []

    def walk(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                name = (entry.name or "").lower()
                if (
                    ("feed" in name or "sitemap" in name or "rss" in route or "sitemap" in route)
                    and "<" not in route
                    and "(" not in route
                ):
                    found.append("/" + route.lstrip("^").rstrip("$"))

    walk(get_resolver().url_patterns)
    return found


def test_share_links_never_reach_public_listings(client, draft, editor):
    link = share_link_create(article=draft, user=editor)
    publish(ArticleFactory(headline="Something public", slug="something-public"))
    token = share_link_path(link).split("/")[2]
    urls = ["/", "/section/world/", *_public_list_urls()]
    for url in urls:
        response = client.get(url)
        content = response.content.decode() if response.status_code == 200 else ""
        assert token not in content and "/preview/" not in content, url
        assert "Embargoed draft" not in content, url
