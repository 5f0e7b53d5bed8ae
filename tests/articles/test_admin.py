"""The admin desk: who sees and edits which stories, saving makes revisions, preview."""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Byline, RevisionInfo
from tests.factories import ArticleFactory, PersonFactory, SectionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


def _change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def stories(reporter, other_reporter):
    mine = ArticleFactory(headline="Mine", authors=[reporter.contributor])
    theirs = ArticleFactory(headline="Theirs", authors=[other_reporter.contributor])
    created_by_me = ArticleFactory(headline="Started by me", created_by=reporter, authors=[])
    return {"mine": mine, "theirs": theirs, "created": created_by_me}


def test_reporter_sees_only_own_stories(client, reporter, stories):
    client.force_login(reporter)
    content = client.get(CHANGELIST).content.decode()
    assert "Mine" in content and "Started by me" in content
    assert "Theirs" not in content
    assert client.get(_change_url(stories["mine"])).status_code == 200
    # Someone else's story is as if it did not exist.
    assert client.get(_change_url(stories["theirs"])).status_code in (302, 403, 404)
    response = client.post(_change_url(stories["theirs"]), {"headline": "Hijacked"})
    assert response.status_code in (302, 403, 404)
    assert Article.objects.get(pk=stories["theirs"].pk).headline == "Theirs"


def test_editor_sees_every_story(client, editor, stories):
    client.force_login(editor)
    content = client.get(CHANGELIST).content.decode()
    assert "Mine" in content and "Theirs" in content
    assert client.get(_change_url(stories["theirs"])).status_code == 200


def test_anonymous_and_readers_are_kept_out(client, reader, stories):
    assert client.get(CHANGELIST).status_code == 302
    client.force_login(reader)
    assert client.get(CHANGELIST).status_code == 302  # not staff: back to the login page


def test_reporter_cannot_delete(client, reporter, stories):
    client.force_login(reporter)
    url = reverse("admin:articles_article_delete", args=[stories["mine"].pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=stories["mine"].pk).exists()


def _formset(prefix, rows, total=None):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows) if total is None else total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def test_reporter_drafts_a_story_with_bylines_and_a_revision_is_made(client, reporter):
    section = SectionFactory(name="World", slug="world")
    colleague = PersonFactory(name="Colin Colleague")
    client.force_login(reporter)
    data = {
        "headline": "Drafted in the admin",
        "slug": "drafted-in-the-admin",
        "dek": "",
        "section": section.pk,
        "dateline": "BAGHDAD",
        "body": "<p>Hello <script>alert(1)</script><strong>world</strong></p>",
        "language": "en-us",
        "lead_photo": "",
        "lead_photo_caption": "",
        "revision_comment": "First draft",
        **_formset(
            "bylines",
            [
                {
                    "person": reporter.contributor.pk,
                    "position": "0",
                    "title": "reporter",
                    "bio_line": "",
                },
                {"person": colleague.pk, "position": "1", "title": "", "bio_line": ""},
            ],
        ),
        **_formset("credits", []),
        **_formset("related_links", []),
        **_formset("corrections", []),
    }
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(slug="drafted-in-the-admin")
    assert article.created_by == reporter
    assert "<script" not in article.body and "<strong>world</strong>" in article.body
    assert [b.person.name for b in article.bylines.all()] == ["Rita Reporter", "Colin Colleague"]
    info = RevisionInfo.objects.get(article=article)
    assert info.revision.comment == "First draft"
    assert info.revision.user == reporter
    # The revision holds the whole story: the article and both bylines.
    models = {v.content_type.model for v in Version.objects.filter(revision=info.revision)}
    assert models == {"article", "byline"}
    # The reporter now sees it in their list.
    assert "Drafted in the admin" in client.get(CHANGELIST).content.decode()


def test_preview_renders_the_working_copy_never_cached(client, reporter, stories):
    client.force_login(reporter)
    url = reverse("admin:articles_article_preview", args=[stories["mine"].pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"Mine" in response.content
    assert b'name="robots" content="noindex' in response.content
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert response["X-Robots-Tag"].startswith("noindex")
    other = reverse("admin:articles_article_preview", args=[stories["theirs"].pk])
    assert client.get(other).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_autocomplete_finds_people_for_reporters(client, reporter):
    PersonFactory(name="Findable Person")
    client.force_login(reporter)
    response = client.get(
        "/admin/autocomplete/",
        {
            "term": "Findable",
            "app_label": "articles",
            "model_name": "byline",
            "field_name": "person",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Findable Person"]


def test_filters_by_status_section_and_author(client, editor, stories):
    client.force_login(editor)
    person = stories["mine"].bylines.get().person
    content = client.get(CHANGELIST, {"author": person.pk}).content.decode()
    assert "Mine" in content and "Theirs" not in content
    assert client.get(CHANGELIST, {"status__exact": "draft"}).status_code == 200
    assert client.get(CHANGELIST, {"q": "Theirs"}).status_code == 200
    assert Byline.objects.count() == 2


def test_related_link_lookup_offers_published_stories_but_not_others_drafts(
    client, reporter, other_reporter
):
    from tests.conftest import publish

    publish(ArticleFactory(headline="Earlier published", authors=[other_reporter.contributor]))
    ArticleFactory(headline="Earlier secret draft", authors=[other_reporter.contributor])
    ArticleFactory(headline="Earlier own draft", authors=[reporter.contributor])
    client.force_login(reporter)
    response = client.get(
        "/admin/autocomplete/",
        {
            "term": "Earlier",
            "app_label": "articles",
            "model_name": "relatedlink",
            "field_name": "target",
        },
    )
    assert response.status_code == 200
    assert sorted(r["text"] for r in response.json()["results"]) == [
        "Earlier own draft",
        "Earlier published",
    ]
