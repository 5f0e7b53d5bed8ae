"""Nobody gains another reporter's stories (issue 19, finding 1).

A story belongs to its creator and to the accounts linked to its bylines' people
(`Article.objects.owned_by`). The review reproduced: a reporter created the person
“Future Wirewriter” linked to their own account; an editor later imported an embargoed
wire story with `--author "Future Wirewriter"`; the reporter then listed, read and edited
the draft. Linking a person to an account is now a right of its own
(`contributors.link_person_account`), and the importer neither guesses between namesakes
nor bylines an account holder its user may not act for.
"""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.exceptions import NotPermitted, StoryError
from articles.models import Article, Byline
from articles.services import story_import
from contributors.models import Person
from tests.articles.admin_forms import form_data
from tests.conftest import REFERENCE_STORY
from tests.factories import (
    ArticleFactory,
    OrganisationFactory,
    PersonFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

WIRE = "By Future Wirewriter\n\nBAGHDAD (AP) — The embargoed wire story's first paragraph.\n"


@pytest.fixture
def newcomer(roles):
    """A reporter with no person linked yet: the one-to-one link is free to take."""
    user = UserFactory(username="newcomer")
    user.groups.add(roles["Reporters"])
    return user


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _add_person(client: Client, **fields) -> object:
    url = reverse("admin:contributors_person_add")
    data = {**form_data(client.get(url), "person_form"), **fields}
    return client.post(url, data)


def _may_open(user, article: Article) -> bool:
    client = _client(user)
    change = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    preview = client.get(reverse("admin:articles_article_preview", args=[article.pk]))
    listed = article.headline.encode() in client.get(
        reverse("admin:articles_article_changelist")
    ).content
    return change.status_code == 200 or preview.status_code == 200 or listed


def test_the_reproduction_fails_at_its_first_step(newcomer, editor, tmp_path):
    # 1. A reporter adds the person, naming their own account in a forged form.
    response = _add_person(
        _client(newcomer), name="Future Wirewriter", slug="future-wirewriter",
        user=str(newcomer.pk),
    )
    assert response.status_code == 302
    person = Person.objects.get(slug="future-wirewriter")
    assert person.user is None
    # 2. An editor imports an embargoed wire story under that name.
    path = tmp_path / "wire.txt"
    path.write_text(WIRE, encoding="utf-8")
    call_command(
        "import_story", str(path), "--headline", "Embargoed wire story", "--author",
        "Future Wirewriter", "--user", editor.username, "--embargo-until",
        (timezone.now() + timedelta(days=1)).isoformat(), stdout=StringIO(),
    )
    story = Article.objects.get(headline="Embargoed wire story")
    assert list(story.bylines.values_list("person", flat=True)) == [person.pk]
    # 3. The reporter can neither list, read, edit nor preview it.
    assert not Article.objects.owned_by(newcomer).filter(pk=story.pk).exists()
    assert not _may_open(newcomer, story)


def test_the_person_form_has_no_account_field_without_the_right(reporter, editor, superuser):
    person = PersonFactory(name="Staff Writer", slug="staff-writer")
    change = reverse("admin:contributors_person_change", args=[person.pk])
    for user in (reporter, editor):
        page = _client(user).get(reverse("admin:contributors_person_add")).content.decode()
        assert 'name="user"' not in page
    assert 'name="user"' not in _client(editor).get(change).content.decode()
    # An editor may edit the person, but a forged account in the form is ignored.
    client = _client(editor)
    data = {**form_data(client.get(change), "person_form"), "user": str(reporter.pk)}
    assert client.post(change, data).status_code == 302
    person.refresh_from_db()
    assert person.user is None
    # Superusers, and whoever is given the right, link accounts.
    root = _client(superuser)
    assert 'name="user"' in root.get(change).content.decode()
    staff_writer = UserFactory(username="staffwriter")
    data = {**form_data(root.get(change), "person_form"), "user": str(staff_writer.pk)}
    assert root.post(change, data).status_code == 302
    person.refresh_from_db()
    assert person.user == staff_writer


def test_the_right_can_be_given_to_a_group(roles, editor):
    linker = UserFactory(username="chief")
    linker.groups.add(roles["Editors"])
    linker.user_permissions.add(Permission.objects.get(codename="link_person_account"))
    target = UserFactory(username="newhire")
    response = _add_person(
        _client(linker), name="New Hire", slug="new-hire", user=str(target.pk)
    )
    assert response.status_code == 302
    assert Person.objects.get(slug="new-hire").user == target


# The importer: no guessing between namesakes, no account holder bylined by a name typed
# by someone who may not act for them.


def _namesakes():
    first = PersonFactory(name="Jo Smith", slug="jo-smith", title="Pentagon reporter")
    second = PersonFactory(name="Jo Smith", slug="jo-smith-2", kind=Person.Kind.WIRE)
    return first, second


def test_the_importer_refuses_to_guess_between_namesakes_and_says_who_they_are():
    first, second = _namesakes()
    with pytest.raises(StoryError) as refused:
        story_import(text=WIRE, headline="Namesakes", authors=("jo smith",))
    assert refused.value.code == "ambiguous_person"
    message = " ".join(refused.value.messages)
    for person in (first, second):
        assert person.slug in message and f"id {person.pk}" in message
    assert not Article.objects.filter(headline="Namesakes").exists()
    # Named by slug or id, it goes through.
    story = story_import(text=WIRE, headline="By slug", authors=("slug:jo-smith-2",))
    assert [b.person for b in story.bylines.all()] == [second]
    story = story_import(text=WIRE, headline="By id", authors=(f"id:{first.pk}",))
    assert [b.person for b in story.bylines.all()] == [first]


def test_the_command_names_the_namesakes_in_its_own_flags(tmp_path):
    _namesakes()
    path = tmp_path / "wire.txt"
    path.write_text(WIRE.replace("Future Wirewriter", "Jo Smith"), encoding="utf-8")
    with pytest.raises(CommandError, match=r"jo-smith .*jo-smith-2.*--author slug:SLUG"):
        call_command("import_story", str(path), "--headline", "X", stdout=StringIO())
    with pytest.raises(CommandError, match="No person has the slug 'nobody'"):
        call_command("import_story", str(path), "--headline", "X", "--author", "slug:nobody",
                     stdout=StringIO())
    out = StringIO()
    call_command("import_story", str(path), "--headline", "X", "--author", "slug:jo-smith",
                 stdout=out)
    assert Article.objects.get(headline="X").bylines.get().person.slug == "jo-smith"


def test_references_come_only_from_the_caller_never_from_the_copy():
    """Wire copy is untrusted (the ingest API passes it through): its “By” line and
    credits are names, whatever they look like."""
    target = PersonFactory(name="Somebody Else", slug="somebody-else")
    story = story_import(
        text=f"By id:{target.pk}\n\nBAGHDAD (AP) — A paragraph.\n", headline="Odd byline"
    )
    assert story.bylines.get().person != target


def test_a_bio_line_follows_an_author_named_by_slug():
    """The copy's bio line is matched to the person named by slug or id too."""
    PersonFactory(name="Meghann Myers", slug="meghann-myers")
    wanted = PersonFactory(name="Meghann Myers", slug="meghann-myers-2")
    story = story_import(
        text=REFERENCE_STORY.read_text(encoding="utf-8"), headline="Bio by slug",
        authors=("slug:meghann-myers-2",),
    )
    byline = story.bylines.get()
    assert byline.person == wanted and byline.title == "Pentagon bureau chief"
    assert byline.bio_line.startswith("Meghann Myers is the Pentagon bureau chief")


def test_one_person_named_twice_is_bylined_once():
    person = PersonFactory(name="Jo Smith", slug="jo-smith")
    story = story_import(
        text=WIRE, headline="Twice", authors=("Jo Smith", "jo  smith", "slug:jo-smith")
    )
    assert [b.person for b in story.bylines.all()] == [person]


def test_the_importer_never_bylines_an_account_holder_its_user_may_not_act_for(
    reporter, other_reporter, editor, superuser
):
    # The copy's agency and the default section: reporters create neither.
    OrganisationFactory(name="Associated Press")
    SectionFactory(name="News", slug="news")
    theirs = other_reporter.contributor
    for authors in ((theirs.name,), (f"slug:{theirs.slug}",), (f"id:{theirs.pk}",)):
        with pytest.raises(NotPermitted, match="newsroom account"):
            story_import(text=WIRE, headline="Not mine", authors=authors, user=reporter)
    assert not Article.objects.filter(headline="Not mine").exists()
    # Their own name, an editor, a superuser and the operator may.
    for user in (other_reporter, editor, superuser, None):
        story = story_import(text=WIRE, headline="Theirs", authors=(theirs.name,), user=user)
        assert story.bylines.get().person == theirs
    mine = story_import(
        text=WIRE, headline="Mine", authors=(reporter.contributor.name,), user=reporter
    )
    assert Article.objects.owned_by(reporter).filter(pk=mine.pk).exists()


def test_no_way_of_adding_people_bylines_or_imports_gives_a_reporter_a_story(
    newcomer, other_reporter, editor
):
    """Everything a reporter may do with people, bylines and imports, and what they may
    try by forging forms: afterwards they own only stories they created. (A reporter with
    no person yet, so a link to their account would not clash with an existing one.)"""
    reporter = newcomer
    others = ArticleFactory(headline="Someone else's draft", authors=[other_reporter.contributor],
                            created_by=other_reporter)
    OrganisationFactory(name="Associated Press")
    SectionFactory(name="News", slug="news")
    unlinked = ArticleFactory(headline="A freelancer's draft",
                              authors=[PersonFactory(name="Free Lance", slug="free-lance")],
                              created_by=editor)
    client = _client(reporter)
    # Add a person linked to themselves, under every name on those stories.
    for name, slug in (("Free Lance", "free-lance-2"), ("Oscar Other", "oscar-other-2")):
        _add_person(client, name=name, slug=slug, user=str(reporter.pk))
    # Edit those people, or the reporter's own, to point at the reporter.
    for person in Person.objects.all():
        url = reverse("admin:contributors_person_change", args=[person.pk])
        client.post(url, {"name": person.name, "slug": person.slug, "kind": "staff",
                          "user": str(reporter.pk)})
    # Add any person to the bylines of the others' stories, by forged forms.
    for story in (others, unlinked):
        url = reverse("admin:articles_article_change", args=[story.pk])
        for person in Person.objects.all():
            client.post(url, {"headline": story.headline, "bylines-TOTAL_FORMS": "1",
                              "bylines-INITIAL_FORMS": "0", "bylines-0-person": str(person.pk)})
    # Import under the others' names, as themselves.
    for name, refusal in (("Free Lance", StoryError), ("Oscar Other", StoryError),
                          (f"slug:{other_reporter.contributor.slug}", NotPermitted)):
        with pytest.raises(refusal):  # namesakes now; an account holder
            story_import(text=WIRE, headline=f"Import as {name}", authors=(name,),
                         user=reporter)
    assert not Person.objects.filter(user=reporter).exists()
    owned = Article.objects.owned_by(reporter)
    assert set(owned.values_list("pk", flat=True)) == set(
        Article.objects.filter(created_by=reporter).values_list("pk", flat=True)
    )
    assert not owned.filter(pk__in=[others.pk, unlinked.pk]).exists()
    assert Byline.objects.filter(article__in=[others, unlinked]).count() == 2
