"""Library photos in stories (issue 14, phase B): the lead photo and photos in the body,
from the sanitiser through revisions, publication, the page, feeds and the cache, to the
approval gate and the library's refusal to delete a photo a story shows."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import feedparser
import pytest
from django.urls import reverse
from lxml import html as lxml_html

from articles import caching
from articles.exceptions import ApprovalBlocked
from articles.images import lead_photo_renditions
from articles.models import Article, Publication
from articles.sanitize import photo_figure, photo_ids, sanitize_body
from articles.services import (
    article_commit_edit,
    article_restore_revision,
    article_transition,
)
from articles.snapshots import of_article
from photos.exceptions import PhotoInUse
from photos.services import photo_delete, photo_update
from tests.articles.admin_forms import form_data
from tests.conftest import publish
from tests.factories import ArticleFactory
from tests.photos import images

pytestmark = pytest.mark.django_db

CAPTION = "Barriers close Palestine Street."
PHOTO_CHECK = "articles.photo_checks.photos_without_alt"


@pytest.fixture
def lead(make_photo):
    return make_photo("Smoke over Baghdad", alt_text="Smoke rises over rooftops in Baghdad.")


@pytest.fixture
def inline(make_photo):
    return make_photo("Palestine Street", alt_text="Concrete barriers across a wide street.")


def _story(lead=None, inline=None, **fields) -> Article:
    body = "<p>First paragraph.</p>"
    if inline is not None:
        body += photo_figure(inline.pk, CAPTION)
    body += "<p>Second paragraph.</p>"
    return ArticleFactory(body=body, lead_photo=lead, **fields)


def _page(client, path: str):
    response = client.get(path)
    assert response.status_code == 200, path
    return lxml_html.fromstring(response.content)


# The body's HTML policy.


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ('<figure data-photo-id="7"><figcaption>Smoke.</figcaption></figure>',
         '<figure data-photo-id="7"><figcaption>Smoke.</figcaption></figure>'),
        # Everything else of a figure goes: other attributes, images, markup in the caption.
        ('<figure data-photo-id="7" class="x" onclick="alert(1)"><img src="http://evil/x.jpg">'
         "<figcaption>A <em>big</em> &amp; <b>bold</b>\u00a0one</figcaption><p>x</p></figure>",
         '<figure data-photo-id="7"><figcaption>A big &amp; bold one</figcaption></figure>'),
        ('<figure data-photo-id="7"></figure>', '<figure data-photo-id="7"></figure>'),
        # A figure without a photo's id is no figure; a forged id is no id.
        ("<figure><figcaption>Loose</figcaption></figure>", "Loose"),
        ('<figure data-photo-id="7 onerror=alert(1)">x</figure>', "x"),
        ('<figure data-photo-id="-1">x</figure>', "x"),
        # Nested figures: the outer one's photo, nothing of the inner one.
        ('<figure data-photo-id="4"><figure data-photo-id="5"></figure></figure>',
         '<figure data-photo-id="4"></figure>'),
        ("<p>Text &lt;figure data-photo-id=\"9\"&gt;</p>",
         "<p>Text &lt;figure data-photo-id=\"9\"&gt;</p>"),
    ],
)
def test_the_body_keeps_a_photo_as_its_id_and_a_plain_caption(given, kept):
    assert sanitize_body(given) == kept
    assert sanitize_body(kept) == kept


def test_photo_ids_are_read_from_the_stored_body():
    body = sanitize_body(
        photo_figure(3, "a") + "<p>x</p>" + photo_figure(12) + photo_figure(3, "again")
    )
    assert photo_ids(body) == [3, 12]


def test_a_story_without_photos_hashes_as_it_did_before_photos():
    """Stored content hashes decide whether a save changed anything: they must not change
    for the stories that have no photo (the payload before 0009, written out by hand)."""
    article = ArticleFactory(headline="Same as ever", body="<p>Text.</p>")
    snapshot = of_article(article)
    before = {
        "article_id": article.pk, "headline": "Same as ever", "slug": article.slug,
        "dek": article.dek, "body": "<p>Text.</p>", "dateline": "", "language": "en-us",
        "section_id": article.section_id, "lead_image": "", "lead_image_alt": "",
        "lead_image_caption": "", "lead_image_credit": "", "tag_ids": (),
        "bylines": tuple(dict(vars(b)) for b in snapshot.bylines), "credits": (),
        "links": (), "corrections": (),
    }
    payload = json.dumps(before, sort_keys=True, ensure_ascii=False, default=str)
    assert snapshot.content_hash == hashlib.sha256(payload.encode()).hexdigest()


def test_a_photo_counts_in_the_content_hash(lead, inline):
    article = _story()
    plain = of_article(article).content_hash
    article.lead_photo = lead
    article.save()
    with_lead = of_article(article).content_hash
    article.lead_photo_caption = "Our own caption."
    article.save()
    with_caption = of_article(article).content_hash
    article.body += photo_figure(inline.pk)
    article.save()
    assert len({plain, with_lead, with_caption, of_article(article).content_hash}) == 4


# What readers see.


def test_the_page_draws_the_lead_and_the_body_photo_with_renditions(client, lead, inline, media):
    publish(_story(lead, inline, slug="photos"))
    page = _page(client, "/news/photos/")
    lead_figure, body_figure = page.xpath('//figure[contains(@class, "story__figure")]')

    [lead_img] = lead_figure.xpath(".//img")
    assert lead_img.get("alt") == "Smoke rises over rooftops in Baghdad."
    assert lead_img.get("fetchpriority") == "high" and lead_img.get("loading") is None
    assert (lead_img.get("width"), lead_img.get("height")) == ("960", "600")
    widths = [int(w) for w in re.findall(r" (\d+)w", lead_img.get("srcset"))]
    assert widths == [320, 640, 960, 1280]  # as wide as the 1600 px photo allows
    assert lead_figure.xpath(".//source[@type='image/webp']/@srcset")
    caption = " ".join(lead_figure.xpath(".//figcaption")[0].text_content().split())
    assert caption == "Smoke rises after a strike in Baghdad, Iraq, Sunday. (AP Photo/Hadi Mizban)"

    [body_img] = body_figure.xpath(".//img")
    assert body_img.get("loading") == "lazy" and body_img.get("fetchpriority") is None
    assert body_img.get("alt") == "Concrete barriers across a wide street."
    assert body_img.get("srcset") and body_img.get("width") and body_img.get("height")
    words = body_figure.xpath(".//figcaption")[0].text_content().split()
    assert " ".join(words) == f"{CAPTION} (AP Photo/Hadi Mizban)"
    # Every file the page names is the library's, and none says where it was taken.
    urls = set(page.xpath("//img/@src"))
    for srcset in page.xpath("//img/@srcset | //source/@srcset"):
        urls |= {part.split()[0] for part in srcset.split(",")}
    assert len(urls) > 10
    for url in urls:
        assert url.startswith("/media/photos/")
        assert images.betrayals((media / url.removeprefix("/media/")).read_bytes()) == [], url


def test_a_live_story_keeps_the_photo_text_it_was_published_with(client, lead, inline):
    publish(_story(lead, inline, slug="photos"))
    photo_update(photo=lead, alt_text="Changed alt text.", caption="Changed caption.",
                 credit="Someone else")
    photo_update(photo=inline, alt_text="Changed inline alt.", credit="Someone else")
    publication = Publication.objects.get(slug="photos")
    assert publication.lead_photo == lead
    assert publication.lead_image_alt == "Smoke rises over rooftops in Baghdad."
    assert publication.inline_photos == [
        {"id": inline.pk, "alt": "Concrete barriers across a wide street.",
         "credit": "AP Photo/Hadi Mizban"}
    ]
    text = client.get("/news/photos/").content.decode()
    assert "Smoke rises over rooftops in Baghdad." in text
    assert "Concrete barriers across a wide street." in text
    assert "Changed" not in text and "Someone else" not in text


def test_a_preview_shows_the_library_as_it_is_now(client, editor, lead):
    article = _story(lead)
    photo_update(photo=lead, alt_text="Rewritten alt text.")
    article.lead_photo_caption = "This story's own caption."
    article.save()
    client.force_login(editor)
    page = _page(client, reverse("admin:articles_article_preview", args=[article.pk]))
    [figure] = page.xpath('//figure[contains(@class, "story__figure")]')
    assert figure.xpath(".//img/@alt") == ["Rewritten alt text."]
    assert "This story's own caption." in figure.text_content()
    assert "(AP Photo/Hadi Mizban)" in figure.text_content()


def test_a_photo_that_left_the_library_is_not_drawn(client, editor, lead):
    article = _story()
    article.body += photo_figure(999999, "Gone") + photo_figure(lead.pk, "Here")
    article.save()
    client.force_login(editor)
    page = _page(client, reverse("admin:articles_article_preview", args=[article.pk]))
    assert [f.text_content().split()[0] for f in page.xpath("//figure")] == ["Here"]


def test_feeds_carry_the_photos_at_absolute_addresses(client, lead, inline):
    publish(_story(lead, inline, slug="photos"))
    rss = client.get("/feeds/latest/rss/").content
    [item] = feedparser.parse(rss).entries
    contents = item["media_content"]
    assert [c["url"].rsplit("/", 1)[-1].split(".")[0] for c in contents] == ["w960", "w960"]
    for media_item in contents:
        assert media_item["url"].startswith("http://testserver/media/photos/")
        assert media_item["type"] == "image/jpeg" and media_item["medium"] == "image"
        assert int(media_item["width"]) == 960 and int(media_item["filesize"]) > 1000
    assert item["media_credit"][0]["content"] == "AP Photo/Hadi Mizban"
    body = lxml_html.fromstring(item["content"][0]["value"])
    sources = body.xpath("//img/@src")
    assert len(sources) == 2 and all(s.startswith("http://testserver/media/") for s in sources)
    assert body.xpath("//img/@alt") == [
        "Smoke rises over rooftops in Baghdad.", "Concrete barriers across a wide street."
    ]
    assert CAPTION in body.text_content()

    atom = feedparser.parse(client.get("/feeds/latest/atom/").content).entries[0]
    enclosures = [link for link in atom["links"] if link["rel"] == "enclosure"]
    assert [e["href"] for e in enclosures] == [c["url"] for c in contents]


def test_a_changed_photo_reaches_the_cached_pages_of_the_stories_showing_it(
    client, lead, inline, make_photo, django_capture_on_commit_callbacks
):
    publish(_story(lead, inline, slug="photos"))
    before = client.get("/news/photos/")
    assert client.get("/news/photos/")["X-Newsroom-Cache"] == "hit"
    token = caching.site_state().token

    unused = make_photo("Not in any story", alt_text="Nothing here.")
    with django_capture_on_commit_callbacks(execute=True):
        photo_update(photo=unused, focal_x=0.2, focal_y=0.2)
    assert caching.site_state().token == token  # nothing readers see changed

    # New rights are written into every file, so every rendition gets a new name.
    old_file = inline.renditions.get(spec="w640.jpeg").file.name
    with django_capture_on_commit_callbacks(execute=True):
        photo_update(photo=inline, copyright_notice="Copyright 2025 The Associated Press")
    assert caching.site_state().token != token
    after = client.get("/news/photos/")
    assert after["X-Newsroom-Cache"] == "miss"
    assert old_file in before.content.decode() and old_file not in after.content.decode()
    assert inline.renditions.get(spec="w640.jpeg").file.name in after.content.decode()


# The desk.


@pytest.fixture
def submitted(settings, reporter, lead, inline):
    settings.NEWSROOM_APPROVAL_CHECKS = [PHOTO_CHECK]

    def submit(**photos) -> Article:
        article = _story(**photos, authors=[reporter.contributor], created_by=reporter)
        article_commit_edit(article=article, user=reporter)
        article_transition(article=article, action="submit", user=reporter)
        return article

    return submit


@pytest.mark.parametrize("where", ["lead", "inline"])
def test_approval_is_refused_while_a_photo_has_no_alt_text(where, submitted, editor, make_photo):
    bare = make_photo("No description yet")
    article = submitted(**{where: bare})
    with pytest.raises(ApprovalBlocked, match="“No description yet”, has no alt text"):
        article_transition(article=article, action="approve", user=editor)
    article.refresh_from_db()
    assert article.status == "submitted"

    photo_update(photo=bare, decorative=True)  # or alt text: either describes it fully
    article_transition(article=article, action="approve", user=editor)
    article.refresh_from_db()
    assert article.status == "approved"


def test_approval_with_photos_described_passes_and_an_override_is_logged(
    submitted, editor, lead, inline, make_photo
):
    article_transition(article=submitted(lead=lead, inline=inline), action="approve", user=editor)

    article = submitted(lead=make_photo("Bare lead"))
    article.refresh_from_db()
    article.body += photo_figure(424242, "A photo deleted since")
    article.save()
    article_commit_edit(article=article, user=editor)
    with pytest.raises(ApprovalBlocked) as refused:
        article_transition(article=article, action="approve", user=editor)
    assert "the lead photo, “Bare lead”, has no alt text" in str(refused.value)
    assert "photo 424242" in str(refused.value) and "no longer in the library" in str(refused.value)
    event = article_transition(
        article=article, action="approve", user=editor, override_reason="Alt text to follow"
    )
    assert event.data["override_reason"] == "Alt text to follow"
    assert "Bare lead" in event.data["overridden"][0]


def test_a_photo_a_story_shows_cannot_be_deleted_and_the_stories_are_named(
    client, editor, lead, inline
):
    live = _story(lead, headline="Live with the photo")
    publish(live)
    _story(None, inline, headline="Draft with the photo")
    with pytest.raises(PhotoInUse) as refused:
        photo_delete(photo=lead, user=editor)
    assert [u.label for u in refused.value.usages] == ["“Live with the photo” (live)"]
    with pytest.raises(PhotoInUse, match="“Draft with the photo” \\(working copy\\)"):
        photo_delete(photo=inline, user=editor)

    client.force_login(editor)
    page = client.get(reverse("admin:photos_photo_delete", args=[lead.pk])).content.decode()
    assert "Cannot delete photo" in page and "“Live with the photo” (live)" in page
    change = client.get(reverse("admin:photos_photo_change", args=[lead.pk])).content.decode()
    assert reverse("admin:articles_article_change", args=[live.pk]) in change

    live.lead_photo = None
    live.save()  # the working copy no longer shows it, but the live story still does
    with pytest.raises(PhotoInUse):
        photo_delete(photo=lead, user=editor)


def test_restoring_a_revision_restores_its_photos(editor, lead, inline):
    article = _story(lead, inline)
    article.lead_photo_caption = "Our caption."
    article.save()
    first, _ = article_commit_edit(article=article, user=editor, comment="With photos")
    article.lead_photo = None
    article.lead_photo_caption = ""
    article.body = "<p>No photos now.</p>"
    article.save()
    article_commit_edit(article=article, user=editor, comment="Without")

    _, notes = article_restore_revision(article=article, revision=first, user=editor)
    article.refresh_from_db()
    assert notes == []
    assert article.lead_photo == lead and article.lead_photo_caption == "Our caption."
    assert photo_ids(article.body) == [inline.pk]
    assert CAPTION in article.body


def test_restoring_a_revision_whose_photo_was_deleted_says_so(editor, lead, make_photo):
    gone = make_photo("Deleted later", alt_text="Soon gone.")
    article = _story(gone)
    first, _ = article_commit_edit(article=article, user=editor)
    article.lead_photo = lead
    article.save()
    article_commit_edit(article=article, user=editor)
    photo_delete(photo=gone, user=editor)

    _, notes = article_restore_revision(article=article, revision=first, user=editor)
    article.refresh_from_db()
    assert article.lead_photo is None
    assert notes == ["The lead photo is no longer in the photo library and was left out."]


def test_the_roles_can_use_the_photo_library(reporter, editor):
    assert reporter.has_perms(["photos.add_photo", "photos.change_photo", "photos.view_photo"])
    assert not reporter.has_perm("photos.delete_photo")
    assert editor.has_perm("photos.delete_photo")


def test_the_story_form_chooses_the_lead_from_the_library_and_the_editor_can_insert_photos(
    client, reporter, lead
):
    article = _story(authors=[reporter.contributor], created_by=reporter)
    article_commit_edit(article=article, user=reporter)
    client.force_login(reporter)
    change = reverse("admin:articles_article_change", args=[article.pk])
    response = client.get(change)
    page = lxml_html.fromstring(response.content)
    [lookup] = page.xpath('//a[@id="lookup_id_lead_photo"]')
    assert lookup.get("href") == reverse("admin:photos_photo_chooser") + "?_to_field=id"
    [body] = page.xpath('//textarea[@name="body"][@data-django-prose-editor-configurable]')
    config = json.loads(body.get("data-django-prose-editor-configurable"))
    assert any(m.endswith("articles/editor/news-photo.js") for m in config["js_modules"])
    assert config["extensions"]["NewsPhoto"]["chooserUrl"] == reverse("admin:photos_photo_chooser")
    static = Path(__file__).parents[2] / "articles" / "static"
    assert (static / "articles" / "editor" / "news-photo.js").is_file()

    data = form_data(response)
    data["lead_photo"] = str(lead.pk)
    data["body"] = "<p>Text.</p>" + photo_figure(lead.pk, "Inline caption")
    response = client.post(change, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.lead_photo == lead and photo_ids(article.body) == [lead.pk]
    # The form shows the chosen photo and its credit.
    page = lxml_html.fromstring(client.get(change).content)
    assert "(AP Photo/Hadi Mizban)" in page.xpath('//div[@class="lead-photo-preview"]')[0].text_content()


def test_finding_the_stories_showing_a_photo_matches_its_id_exactly(lead):
    """Finding the stories that show photo 1 must not find those that show photo 12."""
    other = _story(None, headline="Shows another photo")
    other.body = photo_figure(int(f"{lead.pk}2"))
    other.save()
    assert not Article.objects.showing_photo(lead.pk).exists()
    assert list(Article.objects.showing_photo(int(f"{lead.pk}2"))) == [other]


def test_a_rendition_made_for_a_live_page_carries_the_librarys_credit(client, lead, media):
    """The page shows the credit as published, but a rendition it makes on demand is the
    library's file: it must say the library's credit, never a story's older copy of it."""
    publish(_story(lead, slug="photos"))
    photo_update(photo=lead, credit="AP Photo/Corrected Name")  # drops every rendition
    assert not lead.renditions.exists()
    page = client.get("/news/photos/").content.decode()
    assert "(AP Photo/Hadi Mizban)" in page  # as published
    made = lead.renditions.get(spec="w640.jpeg")
    data = (media / made.file.name).read_bytes()
    assert b"AP Photo/Corrected Name" in data and b"Hadi Mizban</photoshop:Credit>" not in data


def test_machine_interfaces_get_the_lead_photos_files_with_absolute_addresses(lead):
    publication = publish(_story(lead, slug="photos"))
    files = lead_photo_renditions(publication, absolute=lambda url: f"https://news.example{url}")
    assert [(f["name"], f["width"], f["height"]) for f in files] == [
        ("w320.jpeg", 320, 200), ("w640.jpeg", 640, 400), ("w960.jpeg", 960, 600),
        ("w1280.jpeg", 1280, 800), ("w1200-16x9.jpeg", 1200, 675),
        ("w1200-4x3.jpeg", 1200, 900), ("w1200-1x1.jpeg", 1000, 1000),  # never enlarged
    ]
    assert all(f["href"].startswith("https://news.example/media/photos/") for f in files)
    assert {f["contentType"] for f in files} == {"image/jpeg"}
    assert lead_photo_renditions(publish(_story(slug="plain")), absolute=str) == []
