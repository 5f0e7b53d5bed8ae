"""Review comments and change requests on the change page; the review queue, “my stories”
and the desk panel on the admin's front page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.exceptions import NotPermitted, StoryError
from articles.models import ArticleEvent, ReviewComment, Status
from articles.services import (
    article_commit_edit,
    article_transition,
    latest_revision_info,
    review_comment_add,
)
from tests.factories import ArticleFactory

from .admin_forms import messages_of, parse

pytestmark = pytest.mark.django_db


def _change(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def submitted(reporter):
    article = ArticleFactory(
        headline="Troop presence debated", authors=[reporter.contributor], created_by=reporter
    )
    article_commit_edit(article=article, user=reporter, comment="First draft")
    article_transition(article=article, action="submit", user=reporter)
    return article


def test_reporter_sees_the_editors_change_request_at_the_top(client, submitted, reporter, editor):
    client.force_login(editor)
    client.post(
        reverse("admin:articles_article_transition", args=[submitted.pk, "request_changes"]),
        {"comment": "Name the second source.\nAnd check the date."},
    )
    client.force_login(reporter)
    page = parse(client.get(_change(submitted)))
    (banner,) = page.xpath('//section[@id="change-request"]')
    assert (
        "Name the second source." in banner.text_content()
        and "And check the date." in banner.text_content()
    )
    # It comes before the story's form, where the reporter starts reading.
    content = page.xpath('//div[@id="content-main"]')[0]
    order = [
        el.get("id") for el in content.iter() if el.get("id") in ("change-request", "article_form")
    ]
    assert order == ["change-request", "article_form"]
    # Resubmitting answers it: the banner goes; the thread keeps it, marked answered.
    client.post(reverse("admin:articles_article_transition", args=[submitted.pk, "submit"]), {})
    page = parse(client.get(_change(submitted)))
    assert not page.xpath('//section[@id="change-request"]')
    thread = page.xpath('//section[@id="comments"]')[0].text_content()
    assert "Name the second source." in thread and "Change request, answered" in thread


def test_reporters_and_editors_comment_on_a_revision(client, submitted, reporter, editor):
    revision = latest_revision_info(submitted).revision_id
    url = reverse("admin:articles_article_comment", args=[submitted.pk])
    client.force_login(reporter)
    response = client.post(url, {"body": "Photo <b>coming</b> later", "revision_id": revision})
    assert response.status_code == 302 and messages_of(response) == [("success", "Comment added.")]
    client.force_login(editor)
    client.post(url, {"body": "Thanks", "revision_id": revision, "next": "/admin/evil/"})
    notes = list(ReviewComment.objects.filter(article=submitted))
    assert [(n.author, n.body, n.revision_id) for n in notes] == [
        (reporter, "Photo <b>coming</b> later", revision),
        (editor, "Thanks", revision),
    ]
    page = client.get(_change(submitted)).content.decode()
    assert "Photo &lt;b&gt;coming&lt;/b&gt; later" in page  # escaped
    assert ArticleEvent.objects.filter(article=submitted, action="commented").count() == 2
    history = parse(client.get(reverse("admin:articles_article_history", args=[submitted.pk])))
    row = history.xpath(f'//tr[@id="revision-{revision}"]')[0].text_content()
    assert "Photo <b>coming</b> later" in row and "Thanks" in row


def test_comment_rules(submitted, reporter, other_reporter, reader, editor):
    with pytest.raises(NotPermitted):
        review_comment_add(article=submitted, user=other_reporter, body="Not my story")
    with pytest.raises(NotPermitted):
        review_comment_add(article=submitted, user=reader, body="Hello")
    with pytest.raises(StoryError, match="Write a comment"):
        review_comment_add(article=submitted, user=editor, body="   ")
    with pytest.raises(StoryError, match="at most"):
        review_comment_add(article=submitted, user=editor, body="x" * 5001)


def test_empty_comment_in_the_admin_is_a_message(client, submitted, reporter):
    client.force_login(reporter)
    response = client.post(
        reverse("admin:articles_article_comment", args=[submitted.pk]), {"body": ""}
    )
    assert response.status_code == 302 and messages_of(response)[0][0] == "error"


def _submit_at(article, user, when):
    article_transition(article=article, action="submit", user=user)
    ArticleEvent.objects.filter(article=article, action="submit").update(created_at=when)


def test_review_queue_lists_submitted_stories_oldest_first(
    client, reporter, other_reporter, editor
):
    now = timezone.now()
    stories = {}
    for name, hours, owner in (
        ("Newest", 1, reporter),
        ("Oldest", 30, other_reporter),
        ("Middle", 5, reporter),
    ):
        article = ArticleFactory(
            headline=f"{name} waiting story", authors=[owner.contributor], created_by=owner
        )
        article_commit_edit(article=article, user=owner)
        _submit_at(article, owner, now - timedelta(hours=hours))
        stories[name] = article
    ArticleFactory(headline="Draft not in queue", authors=[reporter.contributor])
    # Editing a waiting story does not move it in the queue.
    article = stories["Oldest"]
    article.dek = "Touched"
    article.save(update_fields=["dek"])
    article_commit_edit(article=article, user=other_reporter)

    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_review_queue"), follow=True)
    page = parse(response)
    headlines = page.xpath(
        '//table[@id="result_list"]//th[contains(@class, "field-headline")]//a/text()'
    )
    assert headlines == ["Oldest waiting story", "Middle waiting story", "Newest waiting story"]
    assert "1\xa0day, 6\xa0hours ago" in page.xpath(
        'string(//td[contains(@class, "field-waiting")])'
    )

    index = parse(client.get("/admin/"))
    queue = index.xpath('//div[@id="review-queue"]')[0]
    assert "Review queue (3)" in queue.text_content()
    assert queue.xpath(".//th/a/text()")[0] == "Oldest waiting story"


def test_my_stories_for_reporters(client, reporter, other_reporter, editor):
    mine = ArticleFactory(headline="Mine by byline", authors=[reporter.contributor])
    started = ArticleFactory(
        headline="Mine by creation", created_by=reporter, authors=[other_reporter.contributor]
    )
    ArticleFactory(headline="Theirs entirely", authors=[other_reporter.contributor])
    article_commit_edit(article=mine, user=reporter)
    article_transition(article=mine, action="submit", user=reporter)
    article_transition(article=mine, action="request_changes", user=editor, comment="More")

    client.force_login(reporter)
    index = parse(client.get("/admin/"))
    assert not index.xpath('//div[@id="review-queue"]')
    panel = index.xpath('//div[@id="my-stories"]')[0].text_content()
    assert "Mine by byline" in panel and "Mine by creation" in panel and "Theirs" not in panel
    assert "1 with changes requested" in panel

    client.force_login(editor)  # an editor's “my stories” is theirs, not everyone's
    listing = client.get(
        reverse("admin:articles_article_changelist"), {"queue": "mine"}
    ).content.decode()
    assert "Mine by byline" not in listing
    client.force_login(reporter)
    listing = client.get(
        reverse("admin:articles_article_changelist"), {"queue": "changes"}
    ).content.decode()
    assert "Mine by byline" in listing and "Mine by creation" not in listing
    assert started.pk  # listed under “mine”
    listing = client.get(
        reverse("admin:articles_article_changelist"), {"queue": "mine"}
    ).content.decode()
    assert "Mine by creation" in listing and "Theirs entirely" not in listing


def test_status_filter_covers_every_state(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_changelist")).content.decode()
    for value, label in Status.choices:
        assert f"status__exact={value}" in page, label
