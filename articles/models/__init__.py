"""The articles app's models, one module per concern."""

from .article import (
    HAS_CURRENT_PUBLICATION,
    Article,
    ArticleQuerySet,
    Byline,
    Correction,
    Credit,
    RelatedLink,
)
from .publication import Publication, PublicationQuerySet, PublishedByline
from .revisions import RevisionInfo
from .scheduler import ScheduledStory, SchedulerState
from .taxonomy import Section, Tag
from .workflow_records import ArticleEvent, ReviewComment, ShareLink
from .workflow_state import Status

__all__ = [
    "HAS_CURRENT_PUBLICATION",
    "Article",
    "ArticleEvent",
    "ArticleQuerySet",
    "Byline",
    "Correction",
    "Credit",
    "Publication",
    "PublicationQuerySet",
    "PublishedByline",
    "RelatedLink",
    "ReviewComment",
    "RevisionInfo",
    "ScheduledStory",
    "SchedulerState",
    "Section",
    "ShareLink",
    "Status",
    "Tag",
]
