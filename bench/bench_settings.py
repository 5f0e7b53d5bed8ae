"""Production settings for benchmarking on loopback, used by `bench/pages.py`.

Exactly `newsroom.settings.production` (so `DJANGO_SECRET_KEY` and `DJANGO_ALLOWED_HOSTS`
are still required, and `DJANGO_SECURE_SSL_REDIRECT=False` lets plain HTTP through), with
one switch: `BENCH_PAGE_CACHE=off` replaces the cache with Django's dummy cache, so every
request renders its page (a page cache, whatever its keys, never hits).
"""

import os

from newsroom.settings.production import *  # noqa: F403

if os.environ.get("BENCH_PAGE_CACHE", "on") == "off":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
