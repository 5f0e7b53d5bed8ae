from dataclasses import dataclass

from . import caching, conf, selectors
from .feeds import alternates


@dataclass(frozen=True)
class NavSection:
    name: str
    slug: str
    url: str


def _nav_sections() -> list[NavSection]:
    """The sections a live story carries (`selectors.live_sections`): a section made for a
    story not yet published is named nowhere public until it is."""
    return [
        NavSection(s.name, s.slug, s.get_absolute_url()) for s in selectors.live_sections()
    ]


def newsroom(request) -> dict:
    """The site's name and sections for every page's header. Sections load lazily, so
    pages that don't show the navigation don't query for it, and on public pages once per
    process and site token, with their addresses: the token changes whenever the set of
    live stories can (a publication, a withdrawal, a visibility time passing) and when a
    section is saved or deleted. `feeds` (the site's latest stories, for
    `<link rel="alternate">`) is the default a view may narrow."""
    token = getattr(request, "newsroom_site_token", None)
    return {
        "site_name": conf.get("NEWSROOM_SITE_NAME"),
        "nav_sections": lambda: caching.for_token("nav_sections", token, _nav_sections),
        "feeds": alternates,
    }
