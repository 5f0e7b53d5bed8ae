"""History, compare, revision previews, restore and recovery in the admin."""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Byline, Credit, RelatedLink, RevisionInfo, Status
from articles.services import article_commit_edit, article_transition, latest_revision_info
from tests.factories import ArticleFactory, PersonFactory, TagFactory

from .admin_forms import messages_of, parse

pytestmark = pytest.mark.django_db


def _url(name, *args):
    return reverse(f"admin:articles_article_{name}", args=args)


def _edit(article, user, comment="edit", **fields):
    for name, value in fields.items():
        setattr(article, name, value)
    article.save(update_fields=list(fields))
    return article_commit_edit(article=article, user=user, comment=comment)[0]


@pytest.fixture
def story(reporter):
    article = ArticleFactory(
        headline="Militia attacks rise in the north",
        dek="Officials count the cost.",
        body="<p>The attacks began on Tuesday.</p><p>Nobody was hurt.</p>",
        authors=[reporter.contributor],
        created_by=reporter,
    )
    article_commit_edit(article=article, user=reporter, comment="First draft")
    return article


def test_history_lists_revisions_with_who_when_why_and_state(client, story, reporter, editor):
    article_transition(article=story, action="submit", user=reporter)
    article_transition(article=story, action="approve", user=editor, comment="Clean copy")
    approved = latest_revision_info(story).revision_id
    article_transition(article=story, action="publish", user=editor)
    client.force_login(reporter)
    response = client.get(_url("history", story.pk))
    assert response.status_code == 200
    page = parse(response)
    rows = page.xpath('//table[@id="revision-history"]/tbody/tr')
    assert len(rows) == RevisionInfo.objects.filter(article_key=story.pk).count() == 4
    cells = [" ".join(row.text_content().split()) for row in rows]
    assert "Publish now" in cells[0] and "editor" in cells[0] and "Published" in cells[0]
    assert "First draft" in cells[-1] and "reporter" in cells[-1] and "Draft" in cells[-1]
    approved_row = page.xpath(f'//tr[@id="revision-{approved}"]')[0].text_content()
    assert "Approved" in approved_row and "Live" in approved_row and "Clean copy" in approved_row


def test_compare_shows_word_level_changes_in_every_part(client, story, reporter, editor):
    first = latest_revision_info(story).revision_id
    tag = TagFactory(name="Iraq", slug="iraq")
    story.tags.add(tag)
    Credit.objects.create(
        article=story,
        person=PersonFactory(name="Ali Jabar"),
        role="staff writer",
        location="Baghdad",
    )
    RelatedLink.objects.create(
        article=story, url="https://example.com/a", title="Background <b>piece</b>"
    )
    Byline.objects.create(article=story, person=PersonFactory(name="Tara Copp"), position=1)
    second = _edit(
        story,
        reporter,
        headline="Militia attacks surge in the north",
        body="<p>The attacks began on Monday.</p><p>Nobody was hurt.</p><p>A new paragraph.</p>",
    ).pk
    client.force_login(editor)
    response = client.get(_url("compare", story.pk), {"a": first, "b": second})
    assert response.status_code == 200
    page = parse(response)

    def field(label):
        (body,) = page.xpath(f'//table[@class="desk-diff"]/tbody[@data-field="{label}"]')
        return body

    headline = field("Headline")
    assert headline.xpath(".//del/text()") == ["rise"] and headline.xpath(".//ins/text()") == [
        "surge"
    ]
    body = field("Body")
    assert body.xpath(".//del/text()") == ["Tuesday"]
    assert body.xpath(".//ins/text()") == ["Monday", "A new paragraph."]
    assert field("Bylines").xpath(".//ins/text()") == ["Tara Copp"]
    assert "Ali Jabar" in field("Credits").xpath("string(.//ins)")
    # Link titles are text, never markup.
    assert field("Related links").xpath(".//ins/text()") == [
        "Background <b>piece</b> <https://example.com/a>"
    ]
    assert field("Tags").xpath(".//ins/text()") == ["Iraq"]
    assert "Dek" in page.xpath('string(//p[starts-with(., "Unchanged")])')


def test_compare_defaults_to_the_last_change_and_offers_approval(client, story, reporter, editor):
    _edit(story, reporter, dek="Officials count the rising cost.")
    article_transition(article=story, action="submit", user=reporter)
    client.force_login(editor)
    response = client.get(_url("compare", story.pk))
    page = parse(response)
    assert page.xpath("//del/text()") == [] and page.xpath("//ins/text()") == ["rising "]
    latest = latest_revision_info(story).revision_id
    (approve,) = page.xpath('//form[@class="desk-approve-form"]')
    assert approve.xpath('.//input[@name="revision_id"]/@value') == [str(latest)]
    client.post(approve.get("action"), {"revision_id": latest})
    story.refresh_from_db()
    assert story.status == Status.APPROVED
    # A reporter gets no approve button.
    client.force_login(reporter)
    assert b"desk-approve-form" not in client.get(_url("compare", story.pk)).content


def test_compare_refuses_revisions_of_other_stories(client, story, editor):
    other = ArticleFactory()
    article_commit_edit(article=other, user=editor)
    client.force_login(editor)
    response = client.get(_url("compare", story.pk), {"a": latest_revision_info(other).revision_id})
    assert response.status_code == 404


def test_revision_preview_draws_an_old_revision_like_its_page(client, story, reporter):
    first = latest_revision_info(story).revision_id
    _edit(story, reporter, headline="A newer headline")
    client.force_login(reporter)
    response = client.get(_url("revision_preview", story.pk, first))
    assert response.status_code == 200
    page = parse(response)
    assert page.xpath("//h1/text()") == ["Militia attacks rise in the north"]
    assert page.xpath('//meta[@name="robots"]/@content') == ["noindex, nofollow"]
    assert "no-store" in response["Cache-Control"]


def test_restore_from_the_admin_is_a_new_draft_with_parts_back(client, story, reporter, editor):
    first = latest_revision_info(story)
    author = story.bylines.get().person
    story.bylines.all().delete()
    Byline.objects.create(article=story, person=PersonFactory(name="Someone Else"))
    _edit(story, reporter, headline="Rewritten")
    article_transition(article=story, action="submit", user=reporter)
    article_transition(article=story, action="approve", user=editor)
    client.force_login(reporter)
    count = RevisionInfo.objects.filter(article_key=story.pk).count()
    response = client.post(_url("restore", story.pk), {"revision_id": first.revision_id})
    assert response.status_code == 302
    assert messages_of(response)[0][0] == "success"
    story.refresh_from_db()
    assert story.headline == "Militia attacks rise in the north"
    assert [b.person for b in story.bylines.all()] == [author]
    assert story.status == Status.DRAFT  # the approval was of other text
    # History grew; nothing in it was rewritten.
    assert RevisionInfo.objects.filter(article_key=story.pk).count() == count + 1
    assert latest_revision_info(story).kind == RevisionInfo.Kind.RESTORE
    assert latest_revision_info(story).revision.user == reporter


def test_reversions_own_revert_view_cannot_rewrite_the_story(client, story, reporter, editor):
    first = latest_revision_info(story).revision
    _edit(story, reporter, headline="Second headline")
    version = Version.objects.get(
        revision=first, object_id=str(story.pk), content_type__model="article"
    )
    url = f"/admin/articles/article/{story.pk}/history/{version.pk}/"
    client.force_login(editor)
    response = client.post(url, {"headline": "Hijack", "slug": story.slug})
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.headline == "Second headline"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == _url("revision_preview", story.pk, first.pk)


def test_deleted_story_is_recovered_from_the_admin(client, story, editor, reporter):
    key, headline = story.pk, story.headline
    client.force_login(editor)
    response = client.post(_url("delete", story.pk), {"post": "yes"})
    assert response.status_code == 302 and not Article.objects.filter(pk=key).exists()

    listing = client.get(_url("recoverlist"))
    assert listing.status_code == 200 and headline in listing.content.decode()
    version = Version.objects.get_deleted(Article).get(object_id=str(key))
    confirm = client.get(_url("recover", version.pk))
    assert confirm.status_code == 200 and b"Recover this story" in confirm.content
    assert not Article.objects.filter(pk=key).exists()  # looking changes nothing

    response = client.post(_url("recover", version.pk))
    assert response.status_code == 302 and response["Location"] == _url("change", key)
    recovered = Article.objects.get(pk=key)
    assert recovered.headline == headline and recovered.status == Status.DRAFT
    assert [b.person for b in recovered.bylines.all()] == [reporter.contributor]
    assert latest_revision_info(recovered).revision.user == editor
    # Recovering twice is refused politely.
    response = client.post(_url("recover", version.pk))
    assert response.status_code in (302, 404)


def test_only_editors_may_recover(client, story, editor, reporter):
    key = story.pk
    story.delete()
    version = Version.objects.get_deleted(Article).get(object_id=str(key))
    client.force_login(reporter)
    assert client.get(_url("recoverlist")).status_code == 403
    assert client.post(_url("recover", version.pk)).status_code == 403
    assert not Article.objects.filter(pk=key).exists()
    # The changelist offers the recover link to editors only.
    assert b"recoverlink" not in client.get(_url("changelist")).content
    client.force_login(editor)
    assert b"recoverlink" in client.get(_url("changelist")).content


def test_odd_story_ids_in_history_urls_are_not_found(client, editor):
    client.force_login(editor)
    assert client.get("/admin/articles/article/not-a-number/history/").status_code == 404
    assert client.get("/admin/articles/article/999999/history/").status_code == 404
