"""Reporters never learn of others' drafts through names (issue 19, finding 6).

The review found that the person and tag autocompletes listed names used only on other
reporters' drafts, a person's change page showed their title and outlet, and the slug
field's clash message named the story that had the address. `articles.visibility` is the
rule: a reporter sees the people and tags that are public, on stories they may open,
colleagues (people with an account) or on no story at all; editors see everything.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, Byline
from articles.services import article_commit_edit, article_transition
from tests.articles.admin_forms import form_data
from tests.conftest import publish
from tests.factories import ArticleFactory, CreditFactory, PersonFactory, TagFactory

pytestmark = pytest.mark.django_db

HIDDEN_PEOPLE = ["Secret Source", "Late Credit", "Gone Author"]
SHOWN_PEOPLE = ["Public Person", "Credited Publicly", "My Source", "Brand New", "Oscar Other"]
HIDDEN_TAGS = ["Secret Merger", "Gone Topic"]
SHOWN_TAGS = ["Public Tag", "My Topic", "Unused Tag"]


@pytest.fixture
def newsroom(reporter, other_reporter, editor, settings):
    settings.NEWSROOM_APPROVAL_CHECKS = []
    theirs = ArticleFactory(
        headline="Their scoop", slug="their-scoop", created_by=other_reporter,
        authors=[other_reporter.contributor, PersonFactory(name="Secret Source")],
    )
    theirs.tags.add(TagFactory(name="Secret Merger", slug="secret-merger"))
    live = ArticleFactory(
        headline="A live story", slug="a-live-story",
        authors=[PersonFactory(name="Public Person")],
    )
    live.tags.add(TagFactory(name="Public Tag", slug="public-tag"))
    CreditFactory(article=live, person=PersonFactory(name="Credited Publicly"), position=0)
    publish(live)
    # After publication, a credit in the live story's working copy: not public yet.
    CreditFactory(article=live, person=PersonFactory(name="Late Credit"), position=1)
    mine = ArticleFactory(
        headline="My draft", slug="my-draft", created_by=reporter,
        authors=[reporter.contributor, PersonFactory(name="My Source")],
    )
    mine.tags.add(TagFactory(name="My Topic", slug="my-topic"))
    # Published once, then withdrawn: no longer public.
    gone = ArticleFactory(
        headline="Withdrawn story", slug="withdrawn-story",
        authors=[PersonFactory(name="Gone Author")],
    )
    gone.tags.add(TagFactory(name="Gone Topic", slug="gone-topic"))
    article_commit_edit(article=gone, user=editor)
    for action in ("submit", "approve", "publish", "unpublish"):
        article_transition(article=gone, action=action, user=editor, comment="Legal asked")
    PersonFactory(name="Brand New")
    TagFactory(name="Unused Tag", slug="unused-tag")
    return {"theirs": theirs, "mine": mine, "live": live, "gone": gone}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _autocomplete(client: Client, model: str, field: str, term: str = "") -> set[str]:
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": model, "field_name": field, "term": term},
    )
    assert response.status_code == 200
    return {item["text"] for item in response.json()["results"]}


@pytest.mark.parametrize(("model", "field"), [("byline", "person"), ("credit", "person")])
def test_the_person_autocomplete_shows_a_reporter_no_name_only_on_others_drafts(
    newsroom, reporter, editor, model, field
):
    names = _autocomplete(_client(reporter), model, field)
    assert set(SHOWN_PEOPLE) <= names
    assert not names & set(HIDDEN_PEOPLE)
    for name in HIDDEN_PEOPLE:  # nor by searching for it
        assert not _autocomplete(_client(reporter), model, field, name.split()[0])
    assert set(HIDDEN_PEOPLE + SHOWN_PEOPLE) <= _autocomplete(_client(editor), model, field)


def test_the_tag_autocomplete_shows_a_reporter_no_tag_only_on_others_drafts(
    newsroom, reporter, editor
):
    names = _autocomplete(_client(reporter), "article", "tags")
    assert set(SHOWN_TAGS) <= names
    assert not names & set(HIDDEN_TAGS)
    assert set(HIDDEN_TAGS + SHOWN_TAGS) <= _autocomplete(_client(editor), "article", "tags")
    sections = _autocomplete(_client(reporter), "article", "section")
    assert "World" in sections  # sections are the desk's structure: everyone picks them


def test_people_and_tag_pages_show_a_reporter_nothing_of_others_drafts(
    newsroom, reporter, editor
):
    from contributors.models import Person

    client = _client(reporter)
    people = client.get(reverse("admin:contributors_person_changelist")).content.decode()
    tags = client.get(reverse("admin:articles_tag_changelist")).content.decode()
    stories = client.get(reverse("admin:articles_article_changelist")).content.decode()
    for name in HIDDEN_PEOPLE:
        assert name not in people and name not in stories  # the author filter too
        person = Person.objects.get(name=name)
        for view in ("change", "history"):
            page = client.get(reverse(f"admin:contributors_person_{view}", args=[person.pk]))
            assert page.status_code == 302 and name not in page.content.decode()
    for name in HIDDEN_TAGS:
        assert name not in tags
    for name in SHOWN_PEOPLE:
        assert name in people
    secret = Person.objects.get(name="Secret Source")
    editor_page = _client(editor).get(
        reverse("admin:contributors_person_change", args=[secret.pk])
    )
    assert editor_page.status_code == 200


def test_a_forged_byline_credit_or_tag_of_a_hidden_name_is_refused(newsroom, reporter):
    from articles.models import Tag
    from contributors.models import Person

    mine = newsroom["mine"]
    url = reverse("admin:articles_article_change", args=[mine.pk])
    client = _client(reporter)
    secret = Person.objects.get(name="Secret Source")
    data = form_data(client.get(url))
    data.update({"bylines-TOTAL_FORMS": "3", "bylines-2-person": str(secret.pk),
                 "bylines-2-position": "2"})
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the choice refused
    assert "Secret Source" not in response.content.decode()
    assert not Byline.objects.filter(article=mine, person=secret).exists()
    data = form_data(client.get(url))
    data["tags"] = [str(Tag.objects.get(name="Secret Merger").pk)]
    response = client.post(url, data)
    assert "Secret Merger" not in response.content.decode()
    assert not mine.tags.filter(name="Secret Merger").exists()


def test_the_slug_clash_message_names_no_other_story(newsroom, reporter, editor):
    client = _client(reporter)
    add = reverse("admin:articles_article_add")
    base = form_data(client.get(add))
    for taken, headline in (("their-scoop", "Their scoop"),
                            ("withdrawn-story", "Withdrawn story")):
        data = {**base, "headline": "Mine too", "slug": taken, "body": "<p>Text.</p>",
                "section": str(newsroom["mine"].section_id),
                "bylines-TOTAL_FORMS": "1", "bylines-0-person": str(reporter.contributor.pk)}
        if taken == "withdrawn-story":  # only its publication has that address now
            Article.objects.filter(pk=newsroom["gone"].pk).update(slug="renamed")
        response = client.post(add, data)
        assert response.status_code == 200
        page = response.content.decode()
        assert "already exists" in page or "is taken by another story" in page
        assert headline not in page
