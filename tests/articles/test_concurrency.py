"""Two people editing one story: the second save is refused with a way to see and merge
the first person's change, never a silent overwrite. Checked on the server."""

import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from articles.admin.story import ArticleAdmin
from articles.models import Article, RevisionInfo
from articles.services import article_commit_edit, latest_revision_info
from tests.factories import ArticleFactory

from .admin_forms import form_data, parse


def _change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def story(reporter):
    article = ArticleFactory(
        headline="Coalition talks stall",
        dek="No deal yet.",
        authors=[reporter.contributor],
        created_by=reporter,
    )
    article_commit_edit(article=article, user=reporter, comment="First draft")
    return article


def _clients(*users):
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


@pytest.mark.django_db
def test_second_save_is_refused_shown_the_difference_and_can_merge(story, reporter, editor):
    mine, theirs = _clients(reporter, editor)
    url = _change_url(story)
    my_form = form_data(mine.get(url))
    their_form = form_data(theirs.get(url))
    base = latest_revision_info(story).revision_id

    their_form["dek"] = "Talks to resume Monday."
    their_form["revision_comment"] = "Update dek"
    assert theirs.post(url, their_form).status_code == 302

    my_form["headline"] = "Coalition talks stall again"
    response = mine.post(url, my_form)
    assert response.status_code == 200  # the form again, not a redirect
    story.refresh_from_db()
    assert story.headline == "Coalition talks stall" and story.dek == "Talks to resume Monday."

    page = parse(response)
    (notice,) = page.xpath('//section[@id="edit-conflict"]')
    text = " ".join(notice.text_content().split())
    assert "editor saved this story at" in text and "after you opened it" in text
    latest = latest_revision_info(story).revision_id
    assert notice.xpath(".//a/@href") == [
        reverse("admin:articles_article_compare", args=[story.pk]) + f"?a={base}&b={latest}"
    ]
    (dek_change,) = notice.xpath('.//tbody[@data-field="Dek"]')
    assert dek_change.xpath(".//del/text()") == ["No deal yet"]
    assert dek_change.xpath(".//ins/text()") == ["Talks to resume Monday"]
    # What I typed is still in the form.
    assert page.xpath('//input[@name="headline"]/@value') == ["Coalition talks stall again"]

    # I merge their change into mine and save again: both survive.
    merged = form_data(response)
    merged["dek"] = "Talks to resume Monday."
    assert mine.post(url, merged).status_code == 302
    story.refresh_from_db()
    assert (story.headline, story.dek) == ("Coalition talks stall again", "Talks to resume Monday.")
    users = [info.revision.user for info in RevisionInfo.objects.filter(article_key=story.pk)]
    assert users[:2] == [reporter, editor]


@pytest.mark.django_db
def test_a_save_without_the_version_is_refused(story, reporter):
    (client,) = _clients(reporter)
    data = form_data(client.get(_change_url(story)))
    del data["base_edit_version"]
    data["headline"] = "Sneaky overwrite"
    response = client.post(_change_url(story), data)
    assert response.status_code == 200
    assert b"missing the story&#x27;s version" in response.content
    story.refresh_from_db()
    assert story.headline == "Coalition talks stall"


@pytest.mark.django_db
def test_workflow_moves_meanwhile_are_not_conflicts_and_are_not_undone(story, reporter, editor):
    from articles.services import article_transition

    (client,) = _clients(reporter)
    data = form_data(client.get(_change_url(story)))
    article_transition(article=story, action="submit", user=reporter)
    article_transition(article=story, action="approve", user=editor)
    data["dek"] = "A fix after approval."
    assert client.post(_change_url(story), data).status_code == 302
    story.refresh_from_db()
    assert story.dek == "A fix after approval."
    # The approval stays on record (of the approved text); the new text is a draft.
    assert story.approved_revision_id is not None and story.status == "draft"


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_cannot_both_pass(story, reporter, editor, monkeypatch):
    """Both forms are loaded at the same version and posted at the same moment. The first
    save is slowed down after its check; the second must wait for it and then be refused,
    on SQLite (IMMEDIATE transactions) and on PostgreSQL (the row lock)."""
    url = _change_url(story)
    clients = _clients(reporter, editor)
    forms = [form_data(client.get(url)) for client in clients]
    forms[0]["headline"] = "Reporter's headline"
    forms[1]["dek"] = "Editor's dek"

    original = ArticleAdmin.save_related
    first = threading.Event()

    def slow_save_related(self, request, form, formsets, change):
        if not first.is_set():
            first.set()
            time.sleep(0.5)  # the other request arrives while this one holds the story
        return original(self, request, form, formsets, change)

    monkeypatch.setattr(ArticleAdmin, "save_related", slow_save_related)
    results: dict[int, int] = {}
    barrier = threading.Barrier(2)

    def post(index):
        try:
            barrier.wait()
            if index == 1:
                first.wait(5)  # make sure the reporter's save is the one that is slow
            results[index] = clients[index].post(url, forms[index]).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(i,)) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert results == {0: 302, 1: 200}
    story = Article.objects.get(pk=story.pk)
    assert story.headline == "Reporter's headline" and story.dek == "No deal yet."


@pytest.mark.django_db(transaction=True)
def test_the_lock_is_only_taken_inside_the_saving_transaction(story):
    from django.db import transaction

    from articles.exceptions import EditConflict
    from articles.services import article_lock_for_edit

    story.refresh_from_db()
    with pytest.raises(RuntimeError, match="inside the saving transaction"):
        article_lock_for_edit(article_id=story.pk, edit_version=story.edit_version)
    with transaction.atomic():
        locked = article_lock_for_edit(article_id=story.pk, edit_version=story.edit_version)
        assert locked.pk == story.pk
        with pytest.raises(EditConflict, match="reporter saved this story"):
            article_lock_for_edit(article_id=story.pk, edit_version=story.edit_version - 1)
