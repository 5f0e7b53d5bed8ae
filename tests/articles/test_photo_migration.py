"""Migrations 0009-0011: lead image files become library photos, in the working copy, the
publication and the revisions, with their GPS removed and old stories still showing them."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from lxml import html as lxml_html
from PIL import ExifTags, Image
from reversion.models import Revision, Version

from articles import snapshots
from articles.models import Article, Publication, RevisionInfo
from articles.services import article_restore_revision
from photos.models import Photo
from tests.photos import images

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("articles", "0009_lead_photo")]
AFTER = [("articles", "0011_remove_lead_image_files")]
FILE = "lead-images/2024/01/strike.jpg"


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _old_story(apps, slug: str, **fields):
    Section = apps.get_model("articles", "Section")
    Article = apps.get_model("articles", "Article")
    section, _ = Section.objects.get_or_create(slug="world", defaults={"name": "World"})
    return Article.objects.create(headline=f"Story {slug}", slug=slug, section=section, **fields)


def _old_revision(apps, article, content_hash="stale"):
    """A revision as django-reversion stored it before 0009 (the lead image fields in it).
    (django-reversion's and contenttypes' tables are as they are today.)"""
    RevisionInfo = apps.get_model("articles", "RevisionInfo")
    article_type = ContentType.objects.get_for_model(Article)
    revision = Revision.objects.create(date_created=timezone.now(), comment="Old")
    Version.objects.create(
        revision=revision, object_id=str(article.pk), content_type=article_type, db="default",
        format="json", serialized_data=serializers.serialize("json", [article]),
        object_repr=article.headline,
    )
    RevisionInfo.objects.create(
        revision_id=revision.pk, article=article, article_key=article.pk,
        content_hash=content_hash,
    )
    return revision.pk


def test_lead_images_become_library_photos_everywhere(media, client):
    apps = _migrate(BEFORE)
    (media / FILE).parent.mkdir(parents=True)
    (media / FILE).write_bytes(images.wire_jpeg((1800, 1200)))
    old = {
        "lead_image": FILE, "lead_image_alt": "Smoke rises over Baghdad.",
        "lead_image_caption": "Smoke rises after the strike.", "lead_image_credit": "AP Photo/X",
    }
    article = _old_story(apps, "with-image", **old)
    missing = _old_story(apps, "missing-file", lead_image="lead-images/gone.jpg")
    plain = _old_story(apps, "no-image")
    revision_id = _old_revision(apps, article)
    plain_revision = _old_revision(apps, plain, content_hash="untouched")
    apps.get_model("articles", "Publication").objects.create(
        article=article, revision_id=revision_id, slug="with-image", headline="Story with-image",
        language="en-us", section=article.section, lead_image=FILE,
        lead_image_alt="As published.", lead_image_caption="Published caption.",
        lead_image_credit="AP Photo/X", published_at=timezone.now(),
        visible_from=timezone.now(),
    )

    _migrate(AFTER)

    [photo] = Photo.objects.all()  # one file, one photo, however many rows named it
    assert (photo.alt_text, photo.caption, photo.credit) == (
        "Smoke rises over Baghdad.", "Smoke rises after the strike.", "AP Photo/X"
    )
    stored = (media / photo.file.name).read_bytes()
    assert images.betrayals(stored) == []
    assert Image.open(media / photo.file.name).getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}

    article = Article.objects.get(slug="with-image")
    assert article.lead_photo == photo and article.lead_photo_caption == ""
    assert Article.objects.get(slug="missing-file").lead_photo is None
    assert missing.pk  # (its file was gone: it loses a picture it could not show)

    publication = Publication.objects.get(slug="with-image")
    assert publication.lead_photo == photo
    assert publication.lead_image_alt == "As published."  # what readers saw, kept
    page = lxml_html.fromstring(client.get("/news/with-image/").content)
    [img] = page.xpath('//figure[contains(@class, "story__figure")]//img')
    assert img.get("alt") == "As published." and img.get("srcset")
    assert "Published caption." in page.xpath("//figure")[0].text_content()

    # The old revision names the photo now, and its hash is the one a save would compute.
    info = RevisionInfo.objects.get(revision_id=revision_id)
    snapshot = snapshots.of_revision(info.revision, article.pk)
    assert snapshot.lead_photo_id == photo.pk
    assert info.content_hash == snapshot.content_hash
    assert RevisionInfo.objects.get(revision_id=plain_revision).content_hash == "untouched"

    article.lead_photo = None
    article.save()
    article_restore_revision(article=article, revision=info.revision)
    article.refresh_from_db()
    assert article.lead_photo == photo


def test_the_migration_runs_backwards(media):
    apps = _migrate(BEFORE)
    (media / FILE).parent.mkdir(parents=True)
    (media / FILE).write_bytes(images.wire_jpeg((800, 600)))
    _old_story(apps, "round-trip", lead_image=FILE, lead_image_alt="Alt.")
    _migrate(AFTER)
    photo = Photo.objects.get()

    apps = _migrate(BEFORE)
    article = apps.get_model("articles", "Article").objects.get(slug="round-trip")
    assert article.lead_image.name == photo.file.name  # the sanitised original
    assert article.lead_image_alt == "Alt."
    _migrate(AFTER)
    assert Article.objects.get(slug="round-trip").lead_photo == photo  # not a second copy
    assert Photo.objects.count() == 1
