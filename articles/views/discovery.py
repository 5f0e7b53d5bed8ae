"""How readers and machines find stories: search, robots.txt and the sitemaps."""

from __future__ import annotations

from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from .. import conf, feeds
from ..caching import public_page
from ..sanitize import strip_control_characters
from ..search import search_publications
from ..sitemaps import SITEMAPS


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """Live stories matching `q`. Not kept in the page cache: queries are endless."""
    # Control characters can match nothing, and PostgreSQL refuses a NUL in a query.
    query = " ".join(strip_control_characters(request.GET.get("q", "")).split())
    results = search_publications(query)
    page = Paginator(results, conf.get("NEWSROOM_LIST_PAGE_SIZE")).get_page(request.GET.get("page"))
    return render(
        request,
        "articles/search.html",
        {"query": query, "page": page, "stories": page.object_list, "feeds": feeds.alternates()},
    )


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("articles:sitemap-index"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@public_page
@require_safe
def sitemap_index(request: HttpRequest) -> HttpResponse:
    return sitemap_views.index(
        request,
        SITEMAPS,
        template_name="articles/sitemaps/index.xml",
        sitemap_url_name="articles:sitemap-section",
    )


@public_page(params=("p",))
@require_safe
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    template = "news.xml" if section == "news" else "sitemap.xml"
    return sitemap_views.sitemap(
        request, SITEMAPS, section=section, template_name=f"articles/sitemaps/{template}"
    )
