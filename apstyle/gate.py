"""The approval gate: an approval check for `NEWSROOM_APPROVAL_CHECKS`.

    NEWSROOM_APPROVAL_CHECKS = ["apstyle.gate.open_errors"]

The articles app calls it while approving (inside the approval's transaction, with the
story locked) and refuses the approval with its message unless the editor overrides it
with a reason, which the articles app logs.
"""

from __future__ import annotations

from articles.models import Article, RevisionInfo

from .selectors import open_findings
from .services import revision_report

_LISTED = 5


def open_errors(article: Article, revision_info: RevisionInfo, user) -> str | None:
    """Why revision `revision_info` may not be approved: the `error` findings in it that
    nobody has accepted; None when there are none.

    If the task has not checked this text yet, it is checked here and now (about 15 ms)
    with the same code, rather than waiting for the worker, which may be down, or letting
    an unchecked text through."""
    errors = [
        f for f in open_findings(revision_report(info=revision_info)) if f["severity"] == "error"
    ]
    if not errors:
        return None
    listed = "; ".join(f"{f['rule']} “{f['text']}”" for f in errors[:_LISTED])
    more = f" and {len(errors) - _LISTED} more" if len(errors) > _LISTED else ""
    count = f"{len(errors)} AP style error{'s' if len(errors) != 1 else ''}"
    return (
        f"{count} still open ({listed}{more}). Fix or accept them, or approve with a reason "
        "for overriding the style check."
    )
