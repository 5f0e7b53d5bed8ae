"""The site's URLs plus uploaded media, for browser tests against the live server (the
site itself leaves media to the web server: deploy/). The same as the demo site's."""

from devtools.site_urls import urlpatterns  # noqa: F401
