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
