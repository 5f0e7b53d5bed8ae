"""Searching live stories.

On PostgreSQL: full-text search, headline weighted over dek over body, ranked, with the
reader's query parsed as a web search (`"exact phrase"`, `or`, `-without`). HTML tags in
the body are not indexed (PostgreSQL's parser reads them as `tag` tokens, which the text
search configurations ignore). Migration `0003_publication_search_index` builds a GIN
index on the very same expression, so searches do not scan every story; it is built for
the default configuration, so change `NEWSROOM_SEARCH_CONFIG` only together with it.

Elsewhere (SQLite): every word must appear in the headline, dek or body, newest first.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet

from . import conf
from .models import Publication

MAX_QUERY_CHARS = 200
MAX_FALLBACK_WORDS = 8


def search_vector(config: str | None = None) -> SearchVector:
    config = config or conf.get("NEWSROOM_SEARCH_CONFIG")
    return (
        SearchVector("headline", weight="A", config=config)
        + SearchVector("dek", weight="B", config=config)
        + SearchVector("body", weight="C", config=config)
    )


def full_text_available() -> bool:
    return connection.vendor == "postgresql"


def search_publications(query: str) -> QuerySet[Publication]:
    """Live stories matching `query`, best match first (newest first without full-text
    search). An empty query matches nothing."""
    query = " ".join((query or "").split())[:MAX_QUERY_CHARS]
    stories = Publication.objects.live().for_listing()
    if not query:
        return stories.none()
    if full_text_available():
        config = conf.get("NEWSROOM_SEARCH_CONFIG")
        parsed = SearchQuery(query, search_type="websearch", config=config)
        return (
            stories.annotate(document=search_vector(config))
            .filter(document=parsed)
            .annotate(rank=SearchRank(F("document"), parsed))
            .order_by("-rank", "-published_at", "-id")
        )
    for word in query.split()[:MAX_FALLBACK_WORDS]:
        stories = stories.filter(
            Q(headline__icontains=word) | Q(dek__icontains=word) | Q(body__icontains=word)
        )
    return stories.order_by("-published_at", "-id")
