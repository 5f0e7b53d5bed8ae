"""What the articles services raise. Views and the admin turn these into messages."""

from django.core.exceptions import PermissionDenied, ValidationError


class StoryError(ValidationError):
    """A story cannot be saved, published or imported as asked; the message says why."""


class NotReadyToPublish(StoryError):
    """The revision lacks what a published story needs (headline, body, byline, section)."""


class InvalidTransition(StoryError):
    """The workflow does not allow that move from the story's current state."""


class ApprovalBlocked(InvalidTransition):
    """An approval check (NEWSROOM_APPROVAL_CHECKS) refuses; an editor may override it by
    giving a reason."""


class TransitionNotPermitted(PermissionDenied):
    """The user may not make that workflow move."""


class NotPermitted(PermissionDenied):
    """The user may not do that (comment on, share, restore or recover) to this story."""


class EditConflict(StoryError):
    """Someone saved the story after the person saving now opened it, so saving would
    overwrite their change. `latest` is the `RevisionInfo` of the newer save (or None)."""

    def __init__(self, message: str, *, article=None, latest=None) -> None:
        super().__init__(message, code="edit_conflict")
        self.article = article
        self.latest = latest


class ShareLinkUnusable(Exception):
    """A genuine share link that was revoked or has expired."""


def message_text(error: Exception) -> str:
    """What `error` tells the user, as one line: a `StoryError`'s (any `ValidationError`'s)
    messages joined by spaces, else the exception's own text (a `PermissionDenied`)."""
    return " ".join(getattr(error, "messages", None) or [str(error)])
