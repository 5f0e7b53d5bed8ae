"""The articles app's models, one module per concern."""

from .article import Article, ArticleQuerySet, Byline, Correction, Credit, RelatedLink
from .publication import Publication, PublicationQuerySet, PublishedByline
from .revisions import RevisionInfo
from .taxonomy import Section, Tag
from .workflow_state import Status

__all__ = [
    "Article",
    "ArticleQuerySet",
    "Byline",
    "Correction",
    "Credit",
    "Publication",
    "PublicationQuerySet",
    "PublishedByline",
    "RelatedLink",
    "RevisionInfo",
    "Section",
    "Status",
    "Tag",
]
