"""Everything that changes a story goes through these functions: the admin, workflow
actions, importers, management commands and Celery tasks alike.

- `transitions`: the workflow moves (`article_transition`), the only code that sets a
  story's state apart from an edit's return to draft;
- `editing`: edits to the working copy, restoring, recovering and deleting stories;
- `revisions`: the revision record;
- `publishing`: the public record (`Publication`) a move writes;
- `scheduling`: the scheduler (exact-time tasks, the sweep, its moves and health);
- `events`: the story's log; `comments`, `sharing`, `importing`: as named.
"""

from .comments import review_comment_add
from .editing import (
    article_commit_edit,
    article_delete,
    article_lock_for_edit,
    article_recover,
    article_restore_revision,
    latest_content_revision,
)
from .importing import story_import
from .publishing import article_publish_revision, article_unpublish
from .revisions import article_save_revision, latest_revision_info
from .scheduling import (
    ScheduledOutcome,
    article_publish_scheduled,
    article_schedule_failed,
    article_unpublish_scheduled,
)
from .sharing import (
    share_link_create,
    share_link_path,
    share_link_record_view,
    share_link_resolve,
    share_link_revoke,
    share_link_token,
)
from .transitions import article_transition, article_transition_locked

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
    "article_transition_locked",
    "article_unpublish",
    "article_unpublish_scheduled",
    "latest_content_revision",
    "latest_revision_info",
    "review_comment_add",
    "share_link_create",
    "share_link_path",
    "share_link_record_view",
    "share_link_resolve",
    "share_link_revoke",
    "share_link_token",
    "story_import",
]
