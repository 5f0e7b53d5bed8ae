"""The articles app's settings, with defaults, so the app never reads os.environ itself.

A host site overrides any of these in its Django settings.
"""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    "NEWSROOM_SITE_NAME": "The Newsroom",
    "NEWSROOM_SITE_URL": "http://localhost:8000",
    # A static file path (resolved with `static()`) or an absolute URL; at most 600x60.
    "NEWSROOM_PUBLISHER_LOGO": "newsroom/logo.png",
    "NEWSROOM_RELATED_PAGE_SIZE": 5,
    "NEWSROOM_HOME_PAGE_SIZE": 20,
    "NEWSROOM_LIST_PAGE_SIZE": 20,
    "NEWSROOM_MAX_BODY_CHARS": 200_000,
    "NEWSROOM_REQUIRE_SECOND_EDITOR": False,
    # Distribution: feeds, sitemaps, page cache, search (see docs/distribution.md).
    "NEWSROOM_FEED_FULL_TEXT": True,
    "NEWSROOM_FEED_SIZE": 30,
    "NEWSROOM_NEWS_SITEMAP_DAYS": 2,
    "NEWSROOM_NEWS_SITEMAP_LIMIT": 1000,
    "NEWSROOM_PAGE_CACHE_SECONDS": 600,  # 0: render every page (the site state is kept)
    "NEWSROOM_BROWSER_MAX_AGE": 0,
    "NEWSROOM_SEARCH_CONFIG": "english",
    "NEWSROOM_TWITTER_SITE": "",
    # Share-draft links: how long a new one lasts, and the longest an editor may choose.
    "NEWSROOM_SHARE_LINK_DAYS": 3,
    "NEWSROOM_SHARE_LINK_MAX_DAYS": 30,
    # Dotted paths to callables `(article, revision_info, user) -> str | None` that may
    # refuse an approval (e.g. "apstyle.gate.open_errors"); an editor can override them
    # with a reason, which is logged.
    "NEWSROOM_APPROVAL_CHECKS": [],
    # Scheduled publication (articles.services.scheduling): seconds between sweeps; how far ahead a
    # story's exact-time task is queued (None: two sweep intervals); how late a story may
    # be before it counts as overdue.
    "NEWSROOM_SWEEP_INTERVAL": 30.0,
    "NEWSROOM_SCHEDULE_HORIZON": None,
    "NEWSROOM_SCHEDULE_GRACE": 2.0,
}


def get(name: str):
    """The value of setting `name`, or its default."""
    return getattr(settings, name, DEFAULTS[name])
