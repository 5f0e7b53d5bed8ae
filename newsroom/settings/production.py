"""Production settings: behind a proxy that terminates TLS, sets X-Forwarded-Proto and
appends the client's address to X-Forwarded-For (deploy/; README, "Security"). The
application server must be reachable only by that proxy: both headers are trusted.

Secrets have no defaults, so a missing one stops the process at start-up.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import client_address_settings, env

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
# includeSubDomains and preload commit every host under the site's domain (the parent's too,
# for a site at the apex) to HTTPS, for browsers that may never forget: a choice for whoever
# owns the domain, so off unless set. Preload without includeSubDomains is refused by the
# browsers' list, so it is refused here too.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
if SECURE_HSTS_PRELOAD and not SECURE_HSTS_INCLUDE_SUBDOMAINS:
    raise ImproperlyConfigured(
        "DJANGO_SECURE_HSTS_PRELOAD needs DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS: the preload "
        "list accepts only sites that cover their subdomains."
    )
# `check --deploy` warns while either is off; off is this site's deliberate default.
SILENCED_SYSTEM_CHECKS = [
    *(["security.W005"] if not SECURE_HSTS_INCLUDE_SUBDOMAINS else []),
    *(["security.W021"] if not SECURE_HSTS_PRELOAD else []),
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
NEWSROOM_DEMO_USERS = False  # accounts with a published password
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=60 * 60 * 12)
# Behind the proxy production requires (nginx, deploy/): login throttling keys on the
# client's address from X-Forwarded-For, not on the proxy's.
NEWSROOM_PROXY_COUNT = env.int("NEWSROOM_PROXY_COUNT", default=1)
globals().update(client_address_settings(NEWSROOM_PROXY_COUNT))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
