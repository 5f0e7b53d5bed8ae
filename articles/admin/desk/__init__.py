"""The newsroom desk in the admin, mixed into `ArticleAdmin` (a `VersionAdmin`):

- `actions`: on the change page, the transition buttons the user may press, the editor's
  change requests, the comment thread, share-draft links and the edit-conflict notice;
- `history`: the story's revisions, side-by-side comparison, previews, restore, and
  recovery of deleted stories;
- `base`: what both share (the story through the admin's scoped queryset, URL names,
  redirecting back).

Views change stories only by calling services, which check the user's permission again.
"""

from .actions import WorkflowDeskMixin
from .history import HistoryDeskMixin


class DeskAdminMixin(WorkflowDeskMixin, HistoryDeskMixin):
    pass


__all__ = ["DeskAdminMixin", "HistoryDeskMixin", "WorkflowDeskMixin"]
