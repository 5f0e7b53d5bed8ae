"""The synthetic archive: realistic, deterministic, and exactly what the services write."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import reversion
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import snapshots, versioning
from articles.models import (
    Article,
    Byline,
    Correction,
    Credit,
    Publication,
    RelatedLink,
    RevisionInfo,
    Status,
)
from articles.services import article_commit_edit, article_restore_revision
from articles.services.publishing import publication_fields
from contributors.models import Person
from devtools import synthetic
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


def stored_by_reversion(obj) -> str:
    """What django-reversion itself stores for `obj` as it is now: a new revision of it
    alone, through django-reversion's public API."""
    with reversion.create_revision(manage_manually=True):
        reversion.add_to_revision(obj)
    return Version.objects.get_for_object(obj).first().serialized_data


@pytest.fixture
def archive(db):
    return synthetic.generate(articles=80, seed=7, revisions_per_article=4, batch_size=30, now=NOW)


def test_counts_and_a_mix_of_states(archive):
    assert archive.articles == Article.objects.count() == 80
    assert RevisionInfo.objects.count() == archive.revisions >= 80 * 4
    assert Version.objects.count() == archive.versions
    statuses = Counter(Article.objects.values_list("status", flat=True))
    assert statuses[Status.PUBLISHED] > 40  # most stories are published
    assert len(statuses) >= 4
    live = Publication.objects.live().count()
    assert (
        40 < live == archive.states.get("published", 0) + archive.states.get("published_draft", 0)
    )
    for article in Article.objects.prefetch_related("bylines", "credits", "related_links"):
        assert 1 <= len(article.bylines.all()) <= 5
        assert len(article.credits.all()) <= 12
        assert len(article.related_links.all()) <= 20
    assert RelatedLink.objects.filter(target__isnull=False).exists()
    assert RelatedLink.objects.filter(target__isnull=True).exists()
    years = {p.published_at.year for p in Publication.objects.all()}
    assert len(years) >= 5  # spread over the archive's fifteen years


def test_every_revision_hash_is_what_snapshots_compute(archive):
    for info in RevisionInfo.objects.select_related("revision"):
        snapshot = snapshots.of_revision(info.revision, info.article_key)
        assert snapshot.content_hash == info.content_hash


def test_the_working_copy_is_its_latest_revision_so_a_no_op_save_makes_none(archive):
    for article in Article.objects.all()[:40]:
        latest = RevisionInfo.objects.filter(article_key=article.pk).order_by("-revision_id")[0]
        assert snapshots.of_article(article).content_hash == latest.content_hash
        assert latest.status == article.status
    article = Article.objects.filter(status=Status.DRAFT).first()
    _, changed = article_commit_edit(article=article, comment="nothing changed")
    assert not changed


def test_versions_are_serialized_as_django_reversion_serializes_them(archive):
    for article in Article.objects.all()[:30]:
        latest = RevisionInfo.objects.filter(article_key=article.pk).order_by("-revision_id")[0]
        stored = {
            (v.content_type.model, v.object_id): v.serialized_data
            for v in Version.objects.filter(revision_id=latest.revision_id).select_related(
                "content_type"
            )
        }
        for model in versioning.STORY_PARTS.values():
            for part in model.objects.filter(article=article):
                expected = stored_by_reversion(part)
                assert stored[model._meta.model_name, str(part.pk)] == expected
        # The story itself changed after its last revision only in what the workflow sets
        # once the revision is saved (the edit counter, the approval).
        expected = json.loads(stored_by_reversion(article))[0]
        recorded = json.loads(stored["article", str(article.pk)])[0]
        for name in ("edit_version", "approved_revision", "approved_by", "approved_at"):
            expected["fields"].pop(name)
            recorded["fields"].pop(name)
        assert recorded == expected


def test_row_serializer_matches_django_reversion_byte_for_byte(archive):
    for model in (Article, Byline, Credit, RelatedLink, Correction):
        for obj in model.objects.all()[:20]:
            values = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}
            if model is Article:
                values["tags"] = [t.pk for t in obj.tags.all()]
            expected = stored_by_reversion(obj)
            assert synthetic.RowSerializer(model)(obj.pk, values) == expected


def test_publications_are_what_the_publish_service_writes(archive):
    for publication in Publication.objects.select_related("revision")[:40]:
        snapshot = snapshots.of_revision(publication.revision, publication.article_id)
        fields, bylines = publication_fields(snapshot, publication.revision)
        for name, value in fields.items():
            assert getattr(publication, name) == value, name
        assert [(b.person_id, b.position, b.title, b.outlet, b.bio_line) for b in bylines] == list(
            publication.bylines.values_list("person_id", "position", "title", "outlet", "bio_line")
        )
        assert sorted(publication.tags.values_list("pk", flat=True)) == list(snapshot.tag_ids)
        article = publication.article
        assert article.approved_revision_id is not None
        if publication.withdrawn_at is None and article.status == Status.PUBLISHED:
            assert publication.revision_id == article.approved_revision_id


def test_public_pages_render_generated_stories(archive, client):
    publication = Publication.objects.live().select_related("section").latest("published_at")
    assert client.get("/").status_code == 200
    page = client.get(publication.get_absolute_url())
    assert page.status_code == 200
    assert publication.headline.encode() in page.content
    assert client.get(publication.section.get_absolute_url()).status_code == 200
    person = publication.bylines.first().person
    assert client.get(person.get_absolute_url()).status_code == 200
    tag = Publication.objects.live().filter(tags__isnull=False).first().tags.first()
    assert client.get(tag.get_absolute_url()).status_code == 200


def test_revisions_restore_and_show_in_the_admin_history(archive, client, superuser):
    for article in Article.objects.filter(status=Status.DRAFT, publication__isnull=False):
        infos = list(RevisionInfo.objects.filter(article_key=article.pk).order_by("revision_id"))
        first = infos[0]
        if first.content_hash != infos[-1].content_hash:
            break  # a live story with a newer draft, whose first draft differs from both
    else:
        pytest.fail("No story with several different revisions.")
    client.force_login(superuser)
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert history.status_code == 200
    assert history.content.count(b"/history/") >= len(infos)
    version = Version.objects.get(revision_id=first.revision_id, object_id=str(article.pk))
    # django-reversion's revision page sends editors to the desk's own revision page.
    old = client.get(
        reverse("admin:articles_article_revision", args=[article.pk, version.pk]), follow=True
    )
    assert old.status_code == 200
    assert old.redirect_chain[-1][0].endswith(f"/history/revision/{first.revision_id}/")

    _, notes = article_restore_revision(article=article, revision=first.revision, user=superuser)
    assert notes == []
    article.refresh_from_db()
    assert snapshots.of_article(article).content_hash == first.content_hash
    assert article.status == Status.DRAFT


def test_the_same_seed_writes_the_same_archive(db):
    def shape(first_id: int) -> list[tuple]:
        return [
            (
                a.headline,
                a.status,
                a.body,
                a.section_id,
                tuple(b.person.name for b in a.bylines.all()),
                len(a.credits.all()),
                len(a.related_links.all()),
                tuple(t.name for t in a.tags.all()),
                a.created_at,
            )
            for a in Article.objects.filter(pk__gte=first_id)
            .order_by("pk")
            .prefetch_related("bylines__person", "credits", "related_links", "tags")
        ]

    fixed = datetime(2025, 6, 1, tzinfo=UTC)
    synthetic.generate(articles=25, seed=3, now=fixed)
    second_start = Article.objects.order_by("-pk").first().pk + 1
    synthetic.generate(articles=25, seed=3, now=fixed)
    third_start = Article.objects.order_by("-pk").first().pk + 1
    synthetic.generate(articles=25, seed=4, now=fixed)
    first, second = shape(0)[:25], shape(second_start)[:25]
    assert first == second
    assert shape(third_start) != first


def test_ids_keep_working_after_generation(archive):
    article = ArticleFactory()  # the database's id sequences were moved past the given ids
    assert article.pk > max(Article.objects.exclude(pk=article.pk).values_list("pk", flat=True))
    assert Person.objects.filter(user__isnull=False).exists()


def test_one_revision_per_story_still_makes_a_consistent_archive(db):
    summary = synthetic.generate(articles=40, seed=1, revisions_per_article=1, now=NOW)
    assert summary.revisions == RevisionInfo.objects.count() == 40
    for publication in Publication.objects.all():
        assert publication.article.approved_revision_id == publication.revision_id
    assert not Article.objects.filter(
        status__in=[Status.APPROVED, Status.SCHEDULED], approved_revision__isnull=True
    ).exists()


def test_the_command_reports_what_it_wrote(db):
    out = StringIO()
    call_command("generate_newsroom", "--articles", "12", "--seed", "2", stdout=out, stderr=out)
    assert "Wrote 12 stories" in out.getvalue()
    assert Article.objects.count() == 12
    assert Publication.objects.filter(visible_from__gt=timezone.now() + timedelta(0)).count() == 0
