"""Stories, their bylines, credits and related links, and the public record of what is live.

The functions and classes other apps may use are importable from here, as django-reversion
re-exports its API from `reversion/__init__.py`::

    from articles import article_transition, story_snapshot

Anything else in the package is internal and may move. `articles.models` and
`articles.signals` are public too, by Django convention.

Django imports this module while it loads the apps, before any model can be imported, so
the names are resolved on first use (PEP 562 module `__getattr__`); an unknown name
raises AttributeError, so `from articles import workflow` still imports the submodule.
"""

# ruff: noqa: F401 - the TYPE_CHECKING imports tell tools what `__getattr__` returns

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .credits import credit_line
    from .exceptions import (
        ApprovalBlocked,
        InvalidTransition,
        StoryError,
        TransitionNotPermitted,
        message_text,
    )
    from .services import (
        article_commit_edit,
        article_restore_revision,
        article_transition,
        latest_revision_info,
    )
    from .snapshots import Snapshot
    from .snapshots import of_article as story_snapshot
    from .snapshots import of_revision as revision_snapshot
    from .story import credit_entries, names_for
    from .workflow import approval_refusals, may_act_on

# Public name -> (module, attribute). The services are looked up through the
# `articles.services` package, which indexes them whichever module holds each one.
_EXPORTS: dict[str, tuple[str, str]] = {
    # A story's content as plain data, and how readers see its names and credits.
    "Snapshot": ("articles.snapshots", "Snapshot"),
    "story_snapshot": ("articles.snapshots", "of_article"),
    "revision_snapshot": ("articles.snapshots", "of_revision"),
    "names_for": ("articles.story", "names_for"),
    "credit_entries": ("articles.story", "credit_entries"),
    "credit_line": ("articles.credits", "credit_line"),
    # Who may do what to a story.
    "may_act_on": ("articles.workflow", "may_act_on"),
    "approval_refusals": ("articles.workflow", "approval_refusals"),
    # Changing a story: every change goes through these services.
    "article_commit_edit": ("articles.services", "article_commit_edit"),
    "article_transition": ("articles.services", "article_transition"),
    "article_restore_revision": ("articles.services", "article_restore_revision"),
    "latest_revision_info": ("articles.services", "latest_revision_info"),
    # What the services raise.
    "StoryError": ("articles.exceptions", "StoryError"),
    "InvalidTransition": ("articles.exceptions", "InvalidTransition"),
    "ApprovalBlocked": ("articles.exceptions", "ApprovalBlocked"),
    "TransitionNotPermitted": ("articles.exceptions", "TransitionNotPermitted"),
    "message_text": ("articles.exceptions", "message_text"),
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    return getattr(import_module(module), attribute)
