"""Reader-facing pages. They read `Publication` rows only (see `articles.selectors`)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from contributors.models import Person

from .. import conf, jsonld, selectors, story
from ..models import Section, Tag


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    stories = list(selectors.live_publications()[: conf.get("NEWSROOM_HOME_PAGE_SIZE")])
    return render(
        request,
        "articles/home.html",
        {"lead": stories[:1], "stories": stories[1:]},
    )


def _listing(request: HttpRequest, queryset, template: str, context: dict) -> HttpResponse:
    page = selectors.listing_page(
        queryset,
        before=request.GET.get("before"),
        after=request.GET.get("after"),
        size=conf.get("NEWSROOM_LIST_PAGE_SIZE"),
    )
    return render(request, template, {**context, "page": page, "stories": page.stories})


@require_GET
def section(request: HttpRequest, slug: str) -> HttpResponse:
    section = get_object_or_404(Section, slug=slug)
    return _listing(
        request,
        selectors.live_publications().filter(section=section),
        "articles/section.html",
        {"section": section},
    )


@require_GET
def author(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("organisation"), slug=slug)
    return _listing(
        request,
        selectors.by_author(person),
        "articles/author.html",
        {"person": person},
    )


@require_GET
def tag(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    return _listing(
        request, selectors.tagged(tag), "articles/tag.html", {"tag": tag}
    )


def render_story(request: HttpRequest, view: story.StoryView, *, related=None, preview=False):
    canonical_url = request.build_absolute_uri(f"/news/{view.slug}/")
    context = {
        "story": view,
        "canonical_url": canonical_url,
        "related": related,
        "preview": preview,
        "jsonld": [
            jsonld.news_article(
                view, canonical_url=canonical_url, absolute=request.build_absolute_uri
            ),
            jsonld.breadcrumbs(
                [("Home", "/")]
                + ([(view.section.name, view.section.get_absolute_url())] if view.section else [])
                + [(view.headline, canonical_url)],
                absolute=request.build_absolute_uri,
            ),
        ],
    }
    response = render(request, "articles/article.html", context)
    if preview:
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_GET
def article(request: HttpRequest, slug: str) -> HttpResponse:
    publication = selectors.publication_for_page(slug)
    if publication is None:
        raise Http404("No such story.")
    related = selectors.related_page(publication, size=conf.get("NEWSROOM_RELATED_PAGE_SIZE"))
    return render_story(request, story.from_publication(publication), related=related)


@require_GET
def related(request: HttpRequest, slug: str) -> HttpResponse:
    """More “In Other News”: a page of its own without JavaScript, a fragment with it."""
    publication = selectors.publication_for_page(slug)
    if publication is None:
        raise Http404("No such story.")
    page = selectors.related_page(
        publication, cursor=request.GET.get("after"), size=conf.get("NEWSROOM_RELATED_PAGE_SIZE")
    )
    fragment = request.headers.get("X-Requested-With") == "fetch"
    template = "articles/includes/related_items.html" if fragment else "articles/related.html"
    return render(
        request, template, {"publication": publication, "related": page, "slug": publication.slug}
    )
