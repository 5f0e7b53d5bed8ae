"""Settings for the demo site that `devtools.pages` serves to check and photograph: the
test settings, plus uploaded media (the demo's photos) served by Django itself, as the
web server in front of gunicorn does in production (deploy/)."""

from newsroom.settings.test import *  # noqa: F403

ROOT_URLCONF = "devtools.site_urls"
