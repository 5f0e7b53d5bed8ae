"""Which people and tags a user of the admin may see: the rule behind the person and tag
autocompletes, the people and tags lists and change pages, the story list's author filter,
and the choices a story form accepts.

Someone who may edit every story (`articles.change_any_article`: editors) sees them all.
Anyone else (a reporter) sees a person or tag only when it is

- public: a live story bylines the person or carries the tag, or names the person in its
  credit line;
- on a story they may open (`Article.objects.editable_by`), or a colleague (a person
  with a newsroom account: names on the staff list are no secret);
- or on no story at all, so the person or tag they have just added can be picked.

So a name used only on other people's drafts (a source, a freelancer, a topic that would
give the story away) is never shown to them. Sections are the desk's structure, not a
story's content: everyone may see and pick them.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from contributors.models import Person

from .models import Article, Byline, Credit, Publication, PublishedByline, Tag

SEES_EVERYTHING = "articles.change_any_article"


def people_visible_to(user, people: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """`people` (default: everyone) narrowed to those `user` may see (module docstring)."""
    people = Person.objects.all() if people is None else people
    if user.has_perm(SEES_EVERYTHING):
        return people
    live = Publication.objects.live()
    own = Article.objects.editable_by(user)
    person = OuterRef("pk")
    public = Exists(
        PublishedByline.objects.filter(person=person, publication__in=live)
    ) | Exists(
        # Credits are published as text (and JSON); the working copy's credit counts only
        # while the live credit line names the person, not a credit added since.
        Credit.objects.filter(
            person=person,
            article__publication__in=live,
            article__publication__credit_line__icontains=OuterRef("name"),
        )
    )
    theirs = Exists(Byline.objects.filter(person=person, article__in=own)) | Exists(
        Credit.objects.filter(person=person, article__in=own)
    )
    used = (
        Exists(Byline.objects.filter(person=person))
        | Exists(Credit.objects.filter(person=person))
        | Exists(PublishedByline.objects.filter(person=person))
    )
    return people.filter(Q(user__isnull=False) | public | theirs | ~used)


def tags_visible_to(user, tags: QuerySet[Tag] | None = None) -> QuerySet[Tag]:
    """`tags` (default: all) narrowed to those `user` may see (module docstring)."""
    tags = Tag.objects.all() if tags is None else tags
    if user.has_perm(SEES_EVERYTHING):
        return tags
    tag = OuterRef("pk")
    on_articles = Article.tags.through.objects.filter(tag=tag)
    on_publications = Publication.tags.through.objects.filter(tag=tag)
    public = Exists(on_publications.filter(publication__in=Publication.objects.live()))
    theirs = Exists(on_articles.filter(article__in=Article.objects.editable_by(user)))
    used = Exists(on_articles) | Exists(on_publications)
    return tags.filter(public | theirs | ~used)
