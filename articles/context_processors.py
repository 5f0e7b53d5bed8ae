from . import conf
from .models import Section


def newsroom(request) -> dict:
    """The site's name and sections for every page's header; sections load lazily so
    pages that don't show the navigation don't query for it. `feeds` (the site's latest
    stories, for `<link rel="alternate">`) is the default a view may narrow."""
    from .feeds import alternates

    return {
        "site_name": conf.get("NEWSROOM_SITE_NAME"),
        "nav_sections": lambda: list(Section.objects.all()),
        "feeds": alternates,
    }
