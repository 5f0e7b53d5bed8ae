"""The articles app's settings, with defaults, so the app never reads os.environ itself.

A host site overrides any of these in its Django settings.
"""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    "NEWSROOM_SITE_NAME": "The Newsroom",
    "NEWSROOM_SITE_URL": "http://localhost:8000",
    "NEWSROOM_PUBLISHER_LOGO": "/static/newsroom/logo.png",
    "NEWSROOM_RELATED_PAGE_SIZE": 5,
    "NEWSROOM_HOME_PAGE_SIZE": 20,
    "NEWSROOM_LIST_PAGE_SIZE": 20,
    "NEWSROOM_MAX_BODY_CHARS": 200_000,
    "NEWSROOM_REQUIRE_SECOND_EDITOR": False,
    # Scheduled publication (articles.scheduling): seconds between sweeps; how far ahead a
    # story's exact-time task is queued (None: two sweep intervals); how late a story may
    # be before it counts as overdue.
    "NEWSROOM_SWEEP_INTERVAL": 30.0,
    "NEWSROOM_SCHEDULE_HORIZON": None,
    "NEWSROOM_SCHEDULE_GRACE": 2.0,
}


def get(name: str):
    """The value of setting `name`, or its default."""
    return getattr(settings, name, DEFAULTS[name])
