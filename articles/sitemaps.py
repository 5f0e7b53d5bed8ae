"""Sitemaps of live stories, sections and authors, and the Google News sitemap.

Subclasses of Django's `Sitemap`. Each one answers the index's two questions (how many
pages, last modified when) with a single aggregate query (`_stats`), instead of Django's
default of loading every item to find the latest time.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Count, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property

from contributors.models import Person

from . import conf
from .models import Publication, Section

NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def _last_modified():
    return Coalesce("updated_at", "published_at")


class _CountedSitemap(Sitemap):
    """A sitemap over a queryset whose items have a `latest` time (annotated or derived)."""

    latest_field = "latest"

    def queryset(self) -> QuerySet:
        raise NotImplementedError

    def items(self) -> QuerySet:
        return self.queryset()

    @cached_property
    def _stats(self) -> tuple[int, datetime | None]:
        # The aggregate's name must differ from the annotation's, or it shadows it.
        row = self.queryset().order_by().aggregate(n=Count("pk"), newest=Max(self.latest_field))
        return row["n"], row["newest"]

    @property
    def paginator(self) -> Paginator:
        paginator = Paginator(self._items(), self.limit)
        paginator.count = self._stats[0]  # known already; spares a COUNT query
        return paginator

    def get_latest_lastmod(self) -> datetime | None:
        return self._stats[1]

    def lastmod(self, item) -> datetime | None:
        return getattr(item, self.latest_field)


class ArticleSitemap(_CountedSitemap):
    """Every live story, newest first."""

    def queryset(self) -> QuerySet:
        return (
            Publication.objects.live()
            .annotate(latest=_last_modified())
            .only("slug", "published_at", "updated_at")
            .order_by("-published_at", "-id")
        )


def _latest_live(**match) -> Subquery:
    return Subquery(
        Publication.objects.live()
        .filter(**match)
        .order_by()
        .values(*match)
        .annotate(latest=Max(_last_modified()))
        .values("latest")[:1]
    )


class SectionSitemap(_CountedSitemap):
    """Sections with at least one live story, modified when their newest story was."""

    def queryset(self) -> QuerySet:
        return (
            Section.objects.annotate(latest=_latest_live(section=OuterRef("pk")))
            .filter(latest__isnull=False)
            .order_by("position", "name")
        )


class AuthorSitemap(_CountedSitemap):
    """People on the byline of at least one live story."""

    def queryset(self) -> QuerySet:
        return (
            Person.objects.annotate(latest=_latest_live(bylines__person=OuterRef("pk")))
            .filter(latest__isnull=False)
            .only("slug")
            .order_by("name", "pk")
        )


def news_language(code: str) -> str:
    """The language code Google News expects: ISO 639 (`en-us` becomes `en`), except for
    the two Chinese scripts it names in full."""
    code = (code or "").lower().replace("_", "-")
    if code in ("zh-cn", "zh-tw"):
        return code
    if code in ("zh-hans", "zh-sg"):
        return "zh-cn"
    if code in ("zh-hant", "zh-hk"):
        return "zh-tw"
    return code.split("-")[0] or "en"


class NewsSitemap(_CountedSitemap):
    """Google News: live stories first published in the last two days, at most 1,000
    (the limits Google sets), with publication name and language, date and title."""

    @property
    def limit(self) -> int:
        return conf.get("NEWSROOM_NEWS_SITEMAP_LIMIT")

    def queryset(self) -> QuerySet:
        since = timezone.now() - timedelta(days=conf.get("NEWSROOM_NEWS_SITEMAP_DAYS"))
        newest = (
            Publication.objects.live()
            .filter(published_at__gte=since)
            .order_by("-published_at", "-id")
            .values("pk")[: self.limit]
        )
        return (
            Publication.objects.filter(pk__in=newest)
            .annotate(latest=_last_modified())
            .only("slug", "headline", "language", "published_at", "updated_at")
            .order_by("-published_at", "-id")
        )

    def get_urls(self, page=1, site=None, protocol=None) -> list[dict]:
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        name = conf.get("NEWSROOM_SITE_NAME")
        for url in urls:
            item = url["item"]
            url["news"] = {
                "name": name,
                "language": news_language(item.language),
                "publication_date": item.published_at,
                "title": item.headline,
            }
        return urls


SITEMAPS = {
    "news": NewsSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
}
