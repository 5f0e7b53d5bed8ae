"""The read-only admin base of the story log, the Scheduled list and apstyle's style
reports: a re-export of `audit.readonly.ReadOnlyModelAdmin`, the one definition (shared with
the audit trail), kept under this name so `articles.admin.readonly.ReadOnlyModelAdmin`
stays the import path for the newsroom's own read-only screens."""

from audit.readonly import ReadOnlyModelAdmin

__all__ = ["ReadOnlyModelAdmin"]
