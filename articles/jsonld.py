"""schema.org structured data for story pages."""

from __future__ import annotations

from collections.abc import Callable

from django.templatetags.static import static

from photos import rendering

from . import conf
from .images import ShownPhoto
from .story import StoryView


def site_absolute(url: str) -> str:
    """`url` made absolute against NEWSROOM_SITE_URL (for use outside a request)."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return conf.get("NEWSROOM_SITE_URL").rstrip("/") + url


def publisher_logo_url() -> str:
    """NEWSROOM_PUBLISHER_LOGO as a URL: a static file path goes through the static files
    storage (so it gets the hashed name in production); a URL is kept as it is."""
    logo = conf.get("NEWSROOM_PUBLISHER_LOGO")
    if logo.startswith(("http://", "https://", "/")):
        return logo
    return static(logo)


def news_article(
    story: StoryView, *, canonical_url: str, absolute: Callable[[str], str] = site_absolute
) -> dict:
    """A `NewsArticle`: one `Person` author per byline (with `jobTitle` and `worksFor`),
    one contributor per credit, dates, section, keywords, corrections and the lead photo
    as `ImageObject`s."""
    site_name = conf.get("NEWSROOM_SITE_NAME")
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.headline[:110],
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical_url},
        "url": canonical_url,
        "inLanguage": story.language,
        "isAccessibleForFree": True,
        "author": [
            {
                "@type": "Person",
                "name": byline.name,
                **({"url": absolute(byline.url)} if byline.url else {}),
                **({"jobTitle": byline.title} if byline.title else {}),
                **(
                    {"worksFor": {"@type": "NewsMediaOrganization", "name": byline.outlet}}
                    if byline.outlet
                    else {}
                ),
            }
            for byline in story.bylines
        ],
        "contributor": [_contributor(entry) for entry in story.credits],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": site_name,
            "url": absolute("/"),
            "logo": {"@type": "ImageObject", "url": absolute(publisher_logo_url())},
        },
    }
    if story.dek:
        data["description"] = story.dek
    if story.dateline:
        data["dateline"] = story.dateline
    if story.section:
        data["articleSection"] = story.section.name
    if story.tags:
        data["keywords"] = [tag.name for tag in story.tags]
    if story.published_at:
        data["datePublished"] = story.published_at.isoformat()
        data["dateModified"] = (story.updated_at or story.published_at).isoformat()
    if story.lead_photo:
        data["image"] = lead_image_objects(story.lead_photo, absolute=absolute)
    if story.corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": correction.note,
                **(
                    {"datePublished": correction.noted_at.isoformat()}
                    if correction.noted_at
                    else {}
                ),
            }
            for correction in story.corrections
        ]
    return data


def lead_image_objects(lead: ShownPhoto, *, absolute: Callable[[str], str]) -> list[dict]:
    """The lead photo cropped to 16:9, 4:3 and 1:1 (as Google asks for an article's
    image), with the caption and credit the story shows and the library's copyright
    notice, creator and licence."""
    objects = rendering.image_objects(lead.as_photo(), base_url=absolute("/"))
    for image in objects:
        image.pop("creditText", None)
        if lead.credit:
            image["creditText"] = lead.credit
    return objects


def _contributor(entry) -> dict:
    if entry.person:
        item = {"@type": "Person", "name": entry.person}
        if entry.role:
            item["jobTitle"] = entry.role
        if entry.organisation:
            item["affiliation"] = {"@type": "NewsMediaOrganization", "name": entry.organisation}
        if entry.location:
            item["workLocation"] = {"@type": "Place", "name": entry.location}
        return item
    return {"@type": "NewsMediaOrganization", "name": entry.organisation}


def breadcrumbs(
    items: list[tuple[str, str]], *, absolute: Callable[[str], str] = site_absolute
) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": i,
                "name": name,
                # A Thing, as schema.org asks (a bare URL string is outside its range).
                "item": {"@type": "WebPage", "@id": absolute(url)},
            }
            for i, (name, url) in enumerate(items, start=1)
        ],
    }
