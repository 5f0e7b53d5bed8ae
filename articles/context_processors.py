from dataclasses import dataclass

from . import caching, conf
from .feeds import alternates
from .models import Section


@dataclass(frozen=True)
class NavSection:
    name: str
    slug: str
    url: str


def _nav_sections() -> list[NavSection]:
    return [NavSection(s.name, s.slug, s.get_absolute_url()) for s in Section.objects.all()]


def newsroom(request) -> dict:
    """The site's name and sections for every page's header. Sections load lazily, so
    pages that don't show the navigation don't query for it, and on public pages once per
    process and site token (a section's save or deletion makes a new token), with their
    addresses. `feeds` (the site's latest stories, for `<link rel="alternate">`) is the
    default a view may narrow."""
    token = getattr(request, "newsroom_site_token", None)
    return {
        "site_name": conf.get("NEWSROOM_SITE_NAME"),
        "nav_sections": lambda: caching.for_token("nav_sections", token, _nav_sections),
        "feeds": alternates,
    }
