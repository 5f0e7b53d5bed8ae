"""Everything that changes a story goes through these functions: the admin, workflow
actions, importers, management commands and Celery tasks alike."""

from .comments import review_comment_add
from .editing import article_lock_for_edit, latest_content_revision
from .importing import story_import
from .publishing import article_publish_revision, article_unpublish
from .revisions import (
    article_recover,
    article_restore_revision,
    article_save_revision,
    latest_revision_info,
)
from .sharing import (
    share_link_create,
    share_link_path,
    share_link_resolve,
    share_link_revoke,
    share_link_token,
)
from .workflow import (
    ScheduledOutcome,
    article_commit_edit,
    article_delete,
    article_publish_scheduled,
    article_schedule_failed,
    article_transition,
    article_unpublish_scheduled,
)

__all__ = [
    "ScheduledOutcome",
    "article_commit_edit",
    "article_delete",
    "article_lock_for_edit",
    "article_publish_revision",
    "article_publish_scheduled",
    "article_recover",
    "article_restore_revision",
    "article_save_revision",
    "article_schedule_failed",
    "article_transition",
    "article_unpublish",
    "article_unpublish_scheduled",
    "latest_content_revision",
    "latest_revision_info",
    "review_comment_add",
    "share_link_create",
    "share_link_path",
    "share_link_resolve",
    "share_link_revoke",
    "share_link_token",
    "story_import",
]
