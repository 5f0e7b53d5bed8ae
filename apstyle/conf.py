"""The apstyle app's settings, with defaults, so the app never reads os.environ itself.

A host site overrides any of these in its Django settings.
"""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    # Seconds between a saved revision and its style check. Saves within that time make
    # newer revisions, and the task skips a revision that a different newer one replaced.
    "APSTYLE_CHECK_COUNTDOWN": 3.0,
    # How far back `tasks.check_pending` looks for saved stories whose check was never
    # queued (the broker was down).
    "APSTYLE_PENDING_HOURS": 24,
    # Characters of plain text kept either side of a finding, to show it in context.
    "APSTYLE_CONTEXT_CHARS": 60,
}


def get(name: str):
    """The value of setting `name`, or its default."""
    return getattr(settings, name, DEFAULTS[name])
