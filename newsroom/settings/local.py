"""Development settings: `make run` on a laptop."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

# Development tools (generate_newsroom; not in the wheel): only a checkout has them.
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production-0123456789"
)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
