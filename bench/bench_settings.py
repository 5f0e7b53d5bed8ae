"""Production settings for benchmarking on loopback, used by `bench/pages.py`.

Exactly `newsroom.settings.production` (so `DJANGO_SECRET_KEY` and `DJANGO_ALLOWED_HOSTS`
are still required, and `DJANGO_SECURE_SSL_REDIRECT=False` lets plain HTTP through), with
one switch: `BENCH_PAGE_CACHE=off` stores no page (`NEWSROOM_PAGE_CACHE_SECONDS = 0`), so
every request renders its page, as the first request for each of an archive's stories
does, while the site state stays in the cache as it does in production.
`BENCH_PAGE_CACHE=dummy` replaces the whole cache with Django's dummy cache (the earlier
definition of "uncached": the site state is then recomputed, one more query, per request).
"""

import os

from newsroom.settings.production import *  # noqa: F403

if os.environ.get("BENCH_PAGE_CACHE", "on") == "off":
    NEWSROOM_PAGE_CACHE_SECONDS = 0
elif os.environ.get("BENCH_PAGE_CACHE", "on") == "dummy":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

# Each benchmark server gets a cache of its own (bench/pages.py runs one per archive size
# and mode at once): otherwise they would share the site token and each other's
# visibility boundaries, computed from another database.
if os.environ.get("BENCH_CACHE_PREFIX") and "KEY_PREFIX" in CACHES["default"]:
    CACHES["default"]["KEY_PREFIX"] = os.environ["BENCH_CACHE_PREFIX"]
elif os.environ.get("BENCH_CACHE_PREFIX") and "LOCATION" in CACHES["default"]:
    CACHES["default"]["LOCATION"] += "-" + os.environ["BENCH_CACHE_PREFIX"]
