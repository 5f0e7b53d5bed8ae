"""Reader-facing pages. They read `Publication` rows only (see `articles.selectors`)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.utils.translation import to_locale
from django.views.decorators.http import require_safe

from contributors.models import Person
from photos import rendering

from .. import conf, feeds, jsonld, selectors, story
from ..caching import public_page
from ..models import Section, Tag


@public_page
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    stories = list(selectors.live_publications()[: conf.get("NEWSROOM_HOME_PAGE_SIZE")])
    return render(
        request,
        "articles/home.html",
        {
            "lead": stories[:1],
            "stories": stories[1:],
            "canonical_url": request.build_absolute_uri("/"),
            "feeds": feeds.alternates(),
            "nav_current": "home",
        },
    )


def _listing(request: HttpRequest, queryset, template: str, context: dict) -> HttpResponse:
    """A page of `queryset`, the live stories of the section, person or tag in `context`;
    a 404 for a person or tag with none (`selectors.hidden_until_live`)."""
    subject = context.get("section") or context.get("person") or context.get("tag")
    page = selectors.listing_page(
        queryset,
        before=request.GET.get("before"),
        after=request.GET.get("after"),
        size=conf.get("NEWSROOM_LIST_PAGE_SIZE"),
    )
    if selectors.hidden_until_live(subject, page.stories, queryset):
        raise Http404("Nothing published here.")
    # A page further back is its own canonical address: its cursor is stable.
    cursor = {k: request.GET[k] for k in ("before", "after") if request.GET.get(k)}
    canonical = request.path + (f"?{urlencode(cursor)}" if cursor else "")
    return render(
        request,
        template,
        {
            **context,
            "page": page,
            "stories": page.stories,
            "canonical_url": request.build_absolute_uri(canonical),
            "feeds": feeds.alternates(subject),
        },
    )


@public_page(params=("before", "after"))
@require_safe
def section(request: HttpRequest, slug: str) -> HttpResponse:
    section = get_object_or_404(Section, slug=slug)
    return _listing(
        request,
        selectors.live_publications().filter(section=section),
        "articles/section.html",
        {"section": section, "nav_current": section.slug},
    )


@public_page(params=("before", "after"))
@require_safe
def author(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("organisation"), slug=slug)
    return _listing(
        request,
        selectors.by_author(person),
        "articles/author.html",
        {"person": person},
    )


@public_page(params=("before", "after"))
@require_safe
def tag(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    return _listing(request, selectors.tagged(tag), "articles/tag.html", {"tag": tag})


def render_story(
    request: HttpRequest, view: story.StoryView, *, related=None, preview=False, viewed_url=""
):
    """The story page for a live story or, with `preview` (a description of what is
    shown), for a draft; a preview is never stored by any cache, ours or another's. With
    `viewed_url`, the page posts there once it has loaded (a share link's view count)."""
    canonical_url = request.build_absolute_uri(f"/news/{view.slug}/")
    context = {
        "story": view,
        "canonical_url": canonical_url,
        "related": related,
        "preview": preview,
        "viewed_url": viewed_url,
        "page_language": view.language,
        "feeds": feeds.alternates(view.section),
        "nav_current": view.section.slug if view.section else "",
        "social": social_meta(request, view),
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
        patch_cache_control(response, private=True, no_store=True)
    return response


def social_meta(request: HttpRequest, view: story.StoryView) -> dict:
    """What OpenGraph and Twitter cards need beyond the story itself: absolute URLs, the
    locale, and the lead photo's social card (url, type, width, height, alt)."""
    lead = view.lead_photo
    return {
        "image": (
            rendering.og_image(lead.as_photo(), base_url=request.build_absolute_uri("/"))
            if lead
            else None
        ),
        "locale": to_locale(view.language or "en-us"),
        "authors": [request.build_absolute_uri(b.url) for b in view.bylines if b.url],
        "twitter_site": conf.get("NEWSROOM_TWITTER_SITE"),
    }


@public_page
@require_safe
def article(request: HttpRequest, slug: str) -> HttpResponse:
    publication = selectors.publication_for_page(slug)
    if publication is None:
        raise Http404("No such story.")
    related = selectors.related_page(publication, size=conf.get("NEWSROOM_RELATED_PAGE_SIZE"))
    return render_story(request, story.from_publication(publication), related=related)


@public_page(params=("after",), vary_on_headers=("X-Requested-With",))
@require_safe
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
