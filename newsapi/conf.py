"""The newsapi app's settings, with defaults, so the app never reads os.environ itself.

A host site overrides any of these in its Django settings.
"""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    # Items' `uri`: this prefix and "story:<id>". None: a tag URI (RFC 4151) minted from
    # NEWSROOM_SITE_URL's host and NEWSAPI_URI_DATE, so it never changes with a slug.
    "NEWSAPI_URI_PREFIX": None,
    "NEWSAPI_URI_DATE": "2025",
    # Rights stated on every ninjs item. None: the site name.
    "NEWSAPI_COPYRIGHT_HOLDER": None,
    # "{year}" and "{holder}" are filled in (the year of first publication).
    "NEWSAPI_COPYRIGHT_NOTICE": "Copyright {year} {holder}. All rights reserved.",
    "NEWSAPI_USAGE_TERMS": "",
    "NEWSAPI_RIGHTS_URL": "",  # a page with the licence terms (ninjs rightsInfo)
    # Read API paging.
    "NEWSAPI_PAGE_SIZE": 20,
    "NEWSAPI_MAX_PAGE_SIZE": 100,
    # Ingest: request bodies larger than this are refused with 413 before they are read.
    "NEWSAPI_INGEST_MAX_BYTES": 1024 * 1024,
    # Requests per token (DRF rate syntax: "N/second|minute|hour|day").
    "NEWSAPI_INGEST_RATE": "120/minute",
    # Webhooks: delivery timeout (seconds), retries with exponential backoff from
    # NEWSAPI_WEBHOOK_RETRY_DELAY seconds (doubling each time), and how many failed
    # attempts in a row disable a subscription.
    "NEWSAPI_WEBHOOK_TIMEOUT": 10.0,
    "NEWSAPI_WEBHOOK_MAX_ATTEMPTS": 8,
    "NEWSAPI_WEBHOOK_RETRY_DELAY": 30.0,
    "NEWSAPI_WEBHOOK_DISABLE_AFTER": 20,
    # Server-side request forgery: deliveries go only to public addresses unless this is
    # on (development and tests with a receiver on loopback).
    "NEWSAPI_WEBHOOK_ALLOW_PRIVATE": False,
}


def get(name: str):
    """The value of setting `name`, or its default."""
    return getattr(settings, name, DEFAULTS[name])
