"""Bad input gets a clear answer and saves nothing half-way: oversized bodies, duplicate
addresses, broken import files and unknown people, through the admin, the importer and the
services. Every test counts the rows of every table a save touches before and after.

Invalid schedule times are covered where they are typed: tests/articles/test_workflow_admin.py
and test_admin_schedule.py (admin forms), test_import_schedule.py (importer options).
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from reversion.models import Revision, Version

from articles.exceptions import StoryError
from articles.models import (
    Article,
    ArticleEvent,
    Byline,
    Credit,
    Publication,
    RevisionInfo,
    Section,
    Tag,
)
from articles.services import article_commit_edit, article_restore_revision, story_import
from contributors.models import Organisation, Person
from tests.articles.admin_forms import form_data
from tests.conftest import publish
from tests.factories import ArticleFactory, PersonFactory, SectionFactory

pytestmark = pytest.mark.django_db

COUNTED = (
    Article, Byline, Credit, Person, Organisation, Section, Tag, Revision, Version,
    RevisionInfo, ArticleEvent, Publication,
)
LIMIT = 2000
WIRE = (
    "BAGHDAD (AP) — A drone strike killed a militia leader on Wednesday, officials said.\n\n"
    "The strike hit a car near the airport.\n\n"
    "Jane Roe covers Congress for Roll Call.\n"
)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def limit(settings):
    settings.NEWSROOM_MAX_BODY_CHARS = LIMIT
    return LIMIT


def _long_body(n: int = LIMIT + 500) -> str:
    return "<p>" + "x" * n + "</p>"


def _formset(prefix, rows):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{key}": value for key, value in row.items()})
    return data


def _add_data(**fields) -> dict:
    section = SectionFactory(name="World", slug="world")
    person = Person.objects.filter(slug="bad-input-author").first() or PersonFactory(
        name="Bea Byline", slug="bad-input-author"
    )
    return {
        "headline": "A story", "slug": "a-story", "dek": "", "section": section.pk,
        "dateline": "", "body": "<p>Short.</p>", "language": "en-us", "lead_photo": "",
        "lead_photo_caption": "", "revision_comment": "",
        **_formset("bylines", [{"person": person.pk, "position": "0", "title": "",
                                "bio_line": ""}]),
        **_formset("credits", []), **_formset("related_links", []),
        **_formset("corrections", []),
        **fields,
    }


def _errors(response) -> str:
    assert response.status_code == 200, response.status_code  # the form again, not a save
    return response.content.decode()


# Oversized bodies.


def test_admin_add_with_an_oversized_body_is_refused_and_saves_nothing(client, editor, limit):
    client.force_login(editor)
    data = _add_data(body=_long_body())
    before = _counts()
    page = _errors(client.post(reverse("admin:articles_article_add"), data))
    assert f"the limit is {LIMIT:,}" in page
    assert _counts() == before


def test_admin_change_with_an_oversized_body_keeps_the_story(client, editor, limit):
    article = ArticleFactory(slug="kept", created_by=editor)
    article_commit_edit(article=article, user=editor)
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url))
    data["body"] = _long_body()
    before = _counts()
    page = _errors(client.post(url, data))
    assert f"the limit is {LIMIT:,}" in page
    assert _counts() == before
    article.refresh_from_db()
    assert article.body == "<p>First paragraph of the story.</p><p>Second paragraph.</p>"


def test_a_request_over_the_upload_limit_is_a_400_and_saves_nothing(client, editor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 50_000
    client.force_login(editor)
    data = _add_data(body=_long_body(60_000))
    before = _counts()
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 400
    assert _counts() == before


def test_the_edit_service_refuses_an_oversized_body_and_the_save_rolls_back(editor, limit):
    article = ArticleFactory(slug="service", created_by=editor)
    article_commit_edit(article=article, user=editor)
    before = _counts()
    with pytest.raises(StoryError, match="limit"), transaction.atomic():
        article.body = _long_body()
        article.save()
        article_commit_edit(article=article, user=editor)
    assert _counts() == before
    article.refresh_from_db()
    assert len(article.body) < LIMIT


def test_restoring_a_revision_over_a_lowered_limit_is_refused(editor, settings):
    article = ArticleFactory(slug="restored", body=_long_body(), created_by=editor)
    long_revision, _ = article_commit_edit(article=article, user=editor)
    article.body = "<p>Cut down.</p>"
    article.save()
    article_commit_edit(article=article, user=editor)
    settings.NEWSROOM_MAX_BODY_CHARS = LIMIT
    before = _counts()
    with pytest.raises(StoryError, match="limit"):
        article_restore_revision(article=article, revision=long_revision, user=editor)
    assert _counts() == before
    article.refresh_from_db()
    assert article.body == "<p>Cut down.</p>"


def test_the_importer_refuses_an_oversized_body(limit):
    before = _counts()
    with pytest.raises(StoryError, match=f"the limit is {LIMIT:,}"):
        story_import(text="x" * (LIMIT + 10) + "\n\n" + WIRE, headline="Long")
    assert _counts() == before


# Duplicate addresses.


def test_admin_refuses_an_address_another_story_has(client, editor):
    ArticleFactory(slug="taken")
    client.force_login(editor)
    data = _add_data(slug="taken")
    before = _counts()
    page = _errors(client.post(reverse("admin:articles_article_add"), data))
    assert "Article with this Slug already exists" in page
    assert _counts() == before


@pytest.fixture
def published_elsewhere(editor):
    """Story A was published at “wire-story”, then its working copy moved to another
    address: the public address still belongs to A."""
    article = ArticleFactory(headline="The first wire story", slug="wire-story")
    publish(article)
    article.slug = "renamed"
    article.save()
    article_commit_edit(article=article, user=editor)
    return article


def test_admin_refuses_the_address_of_another_published_story(client, editor, published_elsewhere):
    client.force_login(editor)
    data = _add_data(slug="wire-story")
    before = _counts()
    page = _errors(client.post(reverse("admin:articles_article_add"), data))
    # The message names no other story (issue 19): its headline may be one the user may
    # not see.
    assert "is taken by another story" in page and "The first wire story" not in page
    assert _counts() == before


def test_the_importer_never_takes_a_published_address(published_elsewhere):
    article = story_import(text=WIRE, headline="Wire story", publish=True)
    assert article.slug not in ("wire-story", "renamed")
    assert article.is_live


# Broken import files.


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\n\t\n", "empty"),
        ("Ünïcode in UTF-16".encode("utf-16"), "not UTF-8"),
        ("Café officials said.\n\nJane Roe covers Congress.\n".encode("latin-1"), "not UTF-8"),
        (WIRE.encode()[:40] + "é".encode()[:1], "not UTF-8"),  # cut mid-character
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not UTF-8"),
        (b"GIF89a\x00\x00binary\x00data", "NUL bytes"),
        (WIRE.encode()[:60], "No byline found"),  # cut before the bio line
        ("\ufeff".encode() + b"\n\n", "empty"),
    ],
    ids=["empty", "blank", "utf16", "latin1", "truncated-utf8", "png", "nul", "truncated",
         "bom-only"],
)
def test_broken_import_files_get_a_clear_error_and_save_nothing(tmp_path, content, message):
    path = tmp_path / "story.txt"
    path.write_bytes(content)
    before = _counts()
    with pytest.raises(CommandError, match=message):
        call_command("import_story", str(path), "--headline", "X", stdout=StringIO())
    assert _counts() == before


def test_a_byte_order_mark_is_not_part_of_the_story(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes("\ufeff".encode() + WIRE.replace("\n", "\r\n").encode())
    call_command("import_story", str(path), "--headline", "Strike", stdout=StringIO())
    article = Article.objects.get()
    assert "\ufeff" not in article.body + article.dateline + article.headline
    assert article.dateline == "BAGHDAD"
    assert article.body.startswith("<p>A drone strike")


# Unknown people.


def test_unknown_people_become_new_contributors_once(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(WIRE)
    for _ in range(2):
        call_command(
            "import_story", str(path), "--headline", "Strike", "--author", "Zed Newcomer",
            stdout=StringIO(),
        )
    assert Person.objects.filter(name="Zed Newcomer").count() == 1
    assert Byline.objects.filter(person__name="Zed Newcomer").count() == 2


def test_an_unknown_importing_user_is_refused_before_anything_is_saved(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(WIRE)
    before = _counts()
    with pytest.raises(CommandError, match="No user named 'ghost'"):
        call_command("import_story", str(path), "--headline", "X", "--user", "ghost")
    assert _counts() == before


def test_a_refusal_late_in_the_import_rolls_everything_back(tmp_path, reporter):
    """People, organisations, a new section and tags are made before the reporter's
    permission to publish is checked; none of them is kept."""
    path = tmp_path / "story.txt"
    path.write_text(
        WIRE + "\nAssociated Press writer Ali Jabar in Baghdad contributed to this report.\n"
    )
    before = _counts()
    with pytest.raises(CommandError, match="not allowed"):
        call_command(
            "import_story", str(path), "--headline", "X", "--section", "Brand new section",
            "--tag", "New topic", "--user", "reporter", "--publish", stdout=StringIO(),
        )
    assert _counts() == before


@pytest.mark.parametrize(
    ("args", "text", "message"),
    [
        (["--author", "Jane " + "Q" * 250], WIRE, "byline name"),
        (["--tag", "T" * 150], WIRE, "tag"),
        (["--section", "S" * 150], WIRE, "section"),
        ([], WIRE + "\nAssociated Press writer Ali Jabar in " + "Baghdad" * 20
         + " contributed to this report.\n", "credit location"),
    ],
    ids=["author", "tag", "section", "credit-location"],
)
def test_values_too_long_to_store_are_refused_clearly(tmp_path, args, text, message):
    """SQLite stores any length and PostgreSQL refuses with a DataError (a traceback from
    the command): both must answer with the reason instead."""
    path = tmp_path / "story.txt"
    path.write_text(text)
    before = _counts()
    with pytest.raises(CommandError, match=message):
        call_command("import_story", str(path), "--headline", "X", *args, stdout=StringIO())
    assert _counts() == before


def _publish_then_rename(slug: str, editor) -> None:
    """Another story is published at `slug`, then its working copy moves away: no story
    has the address any more, but readers find that publication there."""
    other = ArticleFactory(slug=slug)
    publish(other)
    other.slug = f"{slug}-moved"
    other.save()
    article_commit_edit(article=other, user=editor)


def test_restoring_or_recovering_onto_a_published_address_is_refused(editor):
    from articles.services import article_delete, article_recover

    story = ArticleFactory(slug="first-address")
    old, _ = article_commit_edit(article=story, user=editor)
    story.slug = "second-address"
    story.save()
    article_commit_edit(article=story, user=editor)
    _publish_then_rename("first-address", editor)
    before = _counts()
    with pytest.raises(StoryError, match="Another story now uses"):
        article_restore_revision(article=story, revision=old, user=editor)
    assert _counts() == before

    article_delete(article=story, user=editor)
    _publish_then_rename("second-address", editor)
    before = _counts()
    with pytest.raises(StoryError, match="Another story now uses"):
        article_recover(article_key=story.pk, user=editor)
    assert _counts() == before


# Dates at the end of the calendar: 9999-12-31 23:59 in New York is in year 10000 in UTC,
# which PostgreSQL refused with a DataError (a 500) and Python with an OverflowError.


@pytest.fixture
def approved(editor, settings):
    from articles.services import article_transition

    settings.NEWSROOM_APPROVAL_CHECKS = []
    settings.TIME_ZONE = "America/New_York"
    article = ArticleFactory(slug="approved")
    article_commit_edit(article=article, user=editor)
    for action in ("submit", "approve"):
        article_transition(article=article, action=action, user=editor)
    return article


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"publish_at": "9999-12-31T23:59"}, "ten years ahead"),
        ({"publish_at": "2030-01-01T10:00", "unpublish_at": "9999-12-31T23:59"}, "ten years"),
        ({"publish_at": "2999-01-01T10:00"}, "ten years ahead"),
        ({"publish_at": "0001-01-01T00:00"}, ""),  # long past: publishes at once, no error
    ],
)
def test_admin_schedule_times_at_the_end_of_the_calendar(client, editor, approved, data,
                                                         message):
    from tests.articles.admin_forms import messages_of

    client.force_login(editor)
    url = reverse("admin:articles_article_transition", args=[approved.pk, "schedule"])
    before = _counts()
    response = client.post(url, data)
    assert response.status_code == 302
    if message:
        ((level, text),) = messages_of(response)
        assert level == "error" and message in text
        assert _counts() == before
        approved.refresh_from_db()
        assert approved.publish_at is None and approved.status == "approved"


def test_a_take_down_at_the_end_of_the_calendar_is_refused(client, editor, approved):
    from articles.services import article_transition
    from tests.articles.admin_forms import messages_of

    article_transition(article=approved, action="publish", user=editor)
    client.force_login(editor)
    url = reverse("admin:articles_article_transition", args=[approved.pk, "schedule_unpublish"])
    response = client.post(url, {"unpublish_at": "9999-12-31T23:59"})
    assert response.status_code == 302
    ((level, text),) = messages_of(response)
    assert level == "error" and "ten years" in text


@pytest.mark.parametrize("option", ["--publish-at", "--embargo-until"])
@pytest.mark.parametrize(
    "value", ["9999-12-31T23:59", "9999-12-31T23:59-05:00", "2999-01-01T00:00Z"]
)
def test_import_times_at_the_end_of_the_calendar(tmp_path, settings, option, value):
    settings.TIME_ZONE = "America/New_York"
    path = tmp_path / "story.txt"
    path.write_text(WIRE)
    before = _counts()
    with pytest.raises(CommandError, match=r"out of range|ten years ahead"):
        call_command("import_story", str(path), "--headline", "X", option, value,
                     stdout=StringIO())
    assert _counts() == before


# Addresses typed or forged by readers: never a 500.


def _cursor(text: str) -> str:
    import base64

    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=%00", "/search/?q=a%00b", "/search/?q=" + "x" * 5000,
        "/search/?q=%27%22%5C", "/search/?q=news&page=999999999999999999999",
        "/search/?q=%F0%9F%98%80&page=-1",
        "/section/world/?before=%00",
        "/section/world/?before=" + _cursor("a|2026-13-45T00:00:00|1"),
        "/tag/topic/?before=" + _cursor("a|2026-02-30T25:00:00|1"),
        "/section/world/?after=" + _cursor("a|0001-01-01T00:00:00+00:00|1"),
        "/section/world/?before=" + _cursor("a|9999-12-31T23:59:59-12:00|1"),
        "/news/live/related/?after=%00",
        "/news/live/related/?after=" + _cursor("c|3|2026-13-45T00:00:00"),
        "/news/live/related/?after=" + _cursor("a|2026-13-45T00:00:00|4"),
        "/news/live/related/?after=" + _cursor("c|99999999999999999999"),
        "/sitemap-news.xml?p=99999999999999999999", "/sitemap-articles.xml?p=-1",
        "/sitemap-nothing.xml", "/preview/%00/", "/preview/" + "a" * 3000 + "/",
    ],
)
def test_forged_addresses_never_cause_a_server_error(client, url):
    article = ArticleFactory(slug="live")
    article.tags.add(Tag.objects.create(name="Topic", slug="topic"))
    publish(article)
    assert client.get(url).status_code < 500


def test_admin_add_racing_another_desk_for_an_address_shows_the_clash_and_keeps_the_edit(
    client, editor, monkeypatch
):
    """Two desks save the same address at once: ours passed its unique check before the
    other's row existed, so the database refuses the insert."""
    from articles.models import Article

    ArticleFactory(slug="raced")
    checks = {"n": 0}
    validate_unique = Article.validate_unique

    def first_check_misses_the_other_desk(self, *args, **kwargs):
        checks["n"] += 1
        if checks["n"] > 1:
            validate_unique(self, *args, **kwargs)

    monkeypatch.setattr(Article, "validate_unique", first_check_misses_the_other_desk)
    client.force_login(editor)
    data = _add_data(slug="raced", headline="Mine")
    before = _counts()
    page = _errors(client.post(reverse("admin:articles_article_add"), data))
    assert checks["n"] == 2
    assert "Article with this Slug already exists" in page
    assert 'value="Mine"' in page
    assert _counts() == before


def test_admin_refuses_a_story_without_a_byline_however_the_form_is_sent(client, editor):
    client.force_login(editor)
    data = {**_add_data(slug="no-byline"), **_formset("bylines", [])}
    before = _counts()
    page = _errors(client.post(reverse("admin:articles_article_add"), data))
    assert "A story needs at least one byline." in page
    assert _counts() == before
