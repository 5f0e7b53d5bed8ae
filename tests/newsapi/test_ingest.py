"""The ingest API: tokens and scopes, ninjs and wire text in, idempotent by uri (a
write-thru is a new revision of the same story), the desk's changes kept with the wire
version on record to compare, size and rate limits, RFC 9457 problems."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from articles import snapshots
from articles.comparison import compare
from articles.models import Article, Publication, RevisionInfo
from articles.services import article_commit_edit
from newsapi.models import ApiToken, IngestItem
from newsapi.tokens import api_token_issue, api_token_revoke
from tests.conftest import REFERENCE_STORY
from tests.factories import OrganisationFactory, SectionFactory

pytestmark = pytest.mark.django_db

URI = "urn:ap:item:4b1e7c3a"
HEADLINE = "US strike in Baghdad kills militia leader"


@pytest.fixture(autouse=True)
def _quiet(settings):
    settings.NEWSROOM_APPROVAL_CHECKS = []  # the style gate is not what this tests
    for name in ("Associated Press", "Military Times"):  # outlets reporters may not add
        OrganisationFactory(name=name)
    for name in ("World", "Military", "News"):  # and sections
        SectionFactory(name=name, slug=name.lower())


def _token(user, *scopes):
    return api_token_issue(user=user, name="wire", scopes=list(scopes))[1]


def _post_text(token, text, **params):
    query = "&".join(
        f"{k}={v}"
        for k, values in params.items()
        for v in (values if isinstance(values, list) else [values])
    )
    return Client().post(
        f"/api/v1/ingest/?{query}",
        data=text.encode(),
        content_type="text/plain",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def _post_json(token, item, query=""):
    return Client().post(
        f"/api/v1/ingest/{query}",
        data=json.dumps(item),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def _wire(extra: str = "") -> str:
    text = REFERENCE_STORY.read_text(encoding="utf-8")
    head, _, tail = text.partition("\n\nAssociated Press staff writers")
    return head + (f"\n\n{extra}" if extra else "") + "\n\nAssociated Press staff writers" + tail


def _revisions(article) -> list[RevisionInfo]:
    return list(RevisionInfo.objects.filter(article_key=article.pk).order_by("revision_id"))


def test_an_item_and_two_write_thrus_make_one_story_with_three_revisions(editor):
    token = _token(editor, "ingest")
    first = _post_text(token, _wire(), uri=URI, version=1, headline=HEADLINE, section="World")
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["result"] == "created" and body["status"] == "draft" and not body["published"]
    assert first["Location"].endswith(f"/admin/articles/article/{body['story']}/change/")
    second = _post_text(
        token,
        _wire("Pentagon officials said more strikes were possible."),
        uri=URI,
        version=2,
        headline=HEADLINE,
    )
    third = _post_text(
        token,
        _wire("Pentagon officials said more strikes were possible."),
        uri=URI,
        version=3,
        headline=HEADLINE + ", Pentagon says",
    )
    assert [second.status_code, third.status_code] == [200, 200]
    assert [second.json()["result"], third.json()["result"]] == ["updated", "updated"]
    assert Article.objects.count() == 1
    article = Article.objects.get()
    assert article.pk == body["story"] == third.json()["story"]
    revisions = _revisions(article)
    assert [r.kind for r in revisions] == ["import"] * 3
    assert third.json()["revision"] == revisions[-1].revision_id
    assert article.headline == HEADLINE + ", Pentagon says"
    assert "more strikes were possible" in article.body
    # Bylines and credits came through the same parser as import_story.
    assert [b.person.name for b in article.bylines.all()] == ["Meghann Myers"]
    assert article.bylines.get().title == "Pentagon bureau chief"
    assert article.credits.count() == 4 and article.section.name == "World"
    item = IngestItem.objects.get(uri=URI)
    assert (item.article, item.version, item.received) == (article, "3", 3)
    # The very same version again changes nothing; an older one is refused.
    again = _post_text(token, _wire("x"), uri=URI, version=3, headline="Anything")
    assert again.status_code == 200 and again.json()["result"] == "unchanged"
    stale = _post_text(token, _wire(), uri=URI, version=2, headline=HEADLINE)
    assert stale.status_code == 409
    assert stale.json()["type"].endswith("problem:stale-version")
    assert len(_revisions(article)) == 3


def test_the_desks_headline_survives_a_write_thru_which_is_kept_to_compare(editor):
    token = _token(editor, "ingest")
    created = _post_text(token, _wire(), uri=URI, version=1, headline=HEADLINE, section="World")
    article = Article.objects.get(pk=created.json()["story"])
    article.headline = "Desk headline: strike kills militia leader in Baghdad"
    article.save()
    article_commit_edit(article=article, user=editor, comment="Sharper headline")

    update = _post_text(
        token,
        _wire("Pentagon officials said more strikes were possible."),
        uri=URI,
        version=2,
        headline="Wire headline for the write-thru",
    )
    assert update.status_code == 200, update.content
    result = update.json()
    assert result["result"] == "merged" and result["kept"] == ["headline"]
    article.refresh_from_db()
    assert article.headline == "Desk headline: strike kills militia leader in Baghdad"
    assert "more strikes were possible" in article.body  # the desk left the body alone
    assert Article.objects.count() == 1

    wire = RevisionInfo.objects.get(revision_id=result["revision"])
    assert wire.kind == "import"
    wire_snapshot = snapshots.of_revision(wire.revision, article.pk)
    assert wire_snapshot.headline == "Wire headline for the write-thru"
    changed = {f.label for f in compare(wire_snapshot, snapshots.of_article(article)) if f.changed}
    assert changed == {"Headline"}
    # A later write-thru still respects the desk's headline and brings the new body.
    later = _post_text(
        token, _wire("A third paragraph arrived."), uri=URI, version=3, headline="Wire again"
    )
    assert later.json()["kept"] == ["headline"]
    article.refresh_from_db()
    assert article.headline.startswith("Desk headline")
    assert "A third paragraph arrived." in article.body


def _ninjs(**changes) -> dict:
    item = {
        "uri": "tag:wire.example,2025:item:77",
        "version": "1",
        "type": "text",
        "language": "en-US",
        "headlines": [{"role": "main", "value": "Navy destroyer downs drones over Red Sea"}],
        "descriptions": [{"role": "summary", "value": "No ships were damaged."}],
        "bodies": [
            {
                "role": "main",
                "contentType": "text/html",
                "value": "<p>WASHINGTON (AP) — A U.S. Navy destroyer shot down four drones.</p>"
                "<p>No ships were damaged, officials said.</p>",
            }
        ],
        "people": [{"name": "Tara Copp", "rel": "author"}],
        "subjects": [{"name": "Military", "rel": "section"}, {"name": "Navy"}],
    }
    item.update(changes)
    return item


def test_a_ninjs_item_becomes_a_draft_and_invalid_ones_are_422(editor):
    token = _token(editor, "ingest")
    response = _post_json(token, _ninjs())
    assert response.status_code == 201, response.content
    article = Article.objects.get(pk=response.json()["story"])
    assert article.headline == "Navy destroyer downs drones over Red Sea"
    assert article.dek == "No ships were damaged."
    assert article.dateline == "WASHINGTON"
    assert [b.person.name for b in article.bylines.all()] == ["Tara Copp"]
    assert article.section.name == "Military"
    assert list(article.tags.values_list("name", flat=True)) == ["Navy"]
    assert not Publication.objects.exists()

    bad = _post_json(token, _ninjs(headline="not a ninjs key"))
    assert bad.status_code == 422
    assert bad["Content-Type"] == "application/problem+json"
    problem = bad.json()
    assert problem["type"].endswith("problem:invalid-ninjs") and problem["errors"]
    kill = _post_json(token, _ninjs(pubStatus="canceled"))
    assert kill.status_code == 422 and kill.json()["type"].endswith("problem:kill-notice")
    assert _post_json(token, {"headlines": []}).status_code == 422  # no uri
    assert Article.objects.count() == 1


def test_tokens_scopes_and_who_may_publish(editor, reporter):
    item = _ninjs(uri="urn:test:scopes")
    no_token = Client().post(
        "/api/v1/ingest/", data=json.dumps(item), content_type="application/json"
    )
    assert no_token.status_code == 401
    assert no_token["WWW-Authenticate"].startswith("Bearer")
    assert no_token["Content-Type"] == "application/problem+json"
    assert _post_json("nrt_made-up", item).status_code == 401
    assert _post_json(_token(editor), item).status_code == 403  # a token with no scope
    assert _post_json(_token(editor, "ingest"), item, "?publish=true").status_code == 403

    # A reporter's token may ingest drafts; asking to publish is refused, nothing kept.
    reporter_token = _token(reporter, "ingest:publish")
    refused = _post_json(reporter_token, item, "?publish=true")
    assert refused.status_code == 403, refused.content
    assert not Article.objects.exists()
    assert _post_json(reporter_token, item).status_code == 201

    # An editor's token with ingest:publish publishes, through the workflow.
    published = _post_json(
        _token(editor, "ingest:publish"), _ninjs(uri="urn:test:live"), "?publish=true"
    )
    assert published.status_code == 201, published.content
    assert published.json()["published"] is True
    story = published.json()["story"]
    assert Client().get(f"/api/v1/stories/{story}/").status_code == 200

    revoked, raw = api_token_issue(user=editor, name="old", scopes=["ingest"])
    api_token_revoke(token=revoked, user=editor)
    assert _post_json(raw, _ninjs(uri="urn:test:revoked")).status_code == 401


def test_tokens_are_stored_hashed(editor):
    token, raw = api_token_issue(user=editor, name="feed", scopes=["ingest"])
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert raw not in json.dumps(row, default=str)
    assert row["digest"] != raw and len(row["digest"]) == 64
    assert raw.startswith(row["prefix"])


def test_a_reporter_cannot_update_a_story_the_desk_took_over(editor, reporter, other_reporter):
    created = _post_text(_token(reporter, "ingest"), _wire(), uri=URI, headline=HEADLINE)
    assert created.status_code == 201
    other = _post_text(_token(other_reporter, "ingest"), _wire("More."), uri=URI, headline=HEADLINE)
    assert other.status_code == 403
    assert other.json()["type"].endswith("problem:not-permitted")
    assert len(_revisions(Article.objects.get())) == 1


def test_size_media_type_and_rate_limits(editor, settings):
    token = _token(editor, "ingest")
    settings.NEWSAPI_INGEST_MAX_BYTES = 1000
    big = _post_text(token, "x" * 2000, uri="urn:test:big", headline="Big")
    assert big.status_code == 413 and big.json()["type"].endswith("problem:too-large")
    settings.NEWSAPI_INGEST_MAX_BYTES = 1024 * 1024
    xml = Client().post(
        "/api/v1/ingest/",
        data="<item/>",
        content_type="application/xml",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert xml.status_code == 415 and xml["Content-Type"] == "application/problem+json"
    latin = Client().post(
        "/api/v1/ingest/?uri=urn:test:latin&headline=H",
        data="caf\xe9".encode("latin-1"),
        content_type="text/plain",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert latin.status_code == 400
    assert _post_text(token, _wire(), headline="No uri").status_code == 400
    assert _post_text(token, "", uri="urn:test:empty", headline="Empty").status_code == 422

    settings.NEWSAPI_INGEST_RATE = "3/minute"
    token = _token(editor, "ingest")
    statuses = [
        _post_text(token, "", uri=f"urn:test:r{n}", headline="H").status_code for n in range(4)
    ]
    assert statuses[:3] == [422, 422, 422] and statuses[3] == 429
    limited = _post_text(token, "", uri="urn:test:r9", headline="H")
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    # Another token has its own allowance.
    assert (
        _post_text(_token(editor, "ingest"), "", uri="urn:test:r10", headline="H").status_code
        == 422
    )
