"""Settings for the test suite: same services as local, faster hashing, no outgoing mail."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

# Development tools (generate_newsroom; not in the wheel): only a checkout has them.
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]

DEBUG = False
SECRET_KEY = "test-only-insecure-key-0123456789-abcdefghijklmnopqrstuvwxyz"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A worker process started by a test is given a file backend to show what it sent. Its own
# variable, so a DJANGO_EMAIL_BACKEND meant for a real server never reaches the tests.
EMAIL_BACKEND = env.str(
    "NEWSROOM_TEST_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads made by tests stay under var/, never in the repository's media/ folder (a test
# that starts other processes hands them its own folder in DJANGO_MEDIA_ROOT).
MEDIA_ROOT = env.str("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "test-media"))  # noqa: F405
# Serve static files from the apps' folders, as in development, for the browser tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Webhook tests run a receiver on loopback, and retry within a second rather than minutes.
NEWSAPI_WEBHOOK_ALLOW_PRIVATE = True
NEWSAPI_WEBHOOK_RETRY_DELAY = 0.2
NEWSAPI_WEBHOOK_MAX_ATTEMPTS = 4
