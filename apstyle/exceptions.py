"""What the apstyle services raise. Views and the admin turn these into messages."""

from django.core.exceptions import ValidationError


class StyleError(ValidationError):
    """A style action cannot be done as asked; the message says why."""


class StaleReport(StyleError):
    """The story has changed since the report was made: check it again first."""
