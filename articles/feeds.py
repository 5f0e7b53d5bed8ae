"""RSS 2.0 and Atom feeds of live stories: the latest, and per section, author and tag.

Built on Django's syndication framework. Two small generator subclasses add what the
stock ones lack for news: every author of a story (RSS `dc:creator`, Atom `author`), the
full text where the site allows it (`NEWSROOM_FEED_FULL_TEXT`; RSS `content:encoded`,
Atom `content`, its photos as plain `<img>`s at absolute URLs), the story's photos (RSS
Media RSS `media:content` with description and credit, Atom `enclosure` links), and in
RSS an `atom:updated` per item, so a story that is published again keeps its guid and
changes its update time. Entries are read from `Publication` only.
"""

from __future__ import annotations

from contextvars import ContextVar
from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, rfc3339_date
from django.utils.html import escape
from django.views.decorators.http import require_safe

from contributors.models import Person

from . import conf, images, selectors
from .models import Publication, Section, Tag
from .sanitize import sanitize_body

DC_NS = "http://purl.org/dc/elements/1.1/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
MEDIA_NS = "http://search.yahoo.com/mrss/"

# The address of the site as the request for the feed names it (scheme and host), while
# that feed is made: photo URLs in it are absolute, like its links. A context variable,
# not an attribute: one Feed instance serves every request, in any thread.
_site: ContextVar[str] = ContextVar("newsroom_feed_site", default="/")


def _absolute(url: str) -> str:
    return urljoin(_site.get(), url)


class NewsroomRssFeed(Rss201rev2Feed):
    """RSS 2.0 with Dublin Core creators, `content:encoded` and `atom:updated`."""

    def rss_attributes(self) -> dict:
        return {
            **super().rss_attributes(),
            "xmlns:dc": DC_NS,
            "xmlns:content": CONTENT_NS,
            "xmlns:media": MEDIA_NS,
        }

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        for name, _url in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        if item["updateddate"] is not None:
            handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])
        for photo in item.get("photos", ()):
            handler.startElement("media:content", {
                "url": photo["url"], "type": photo["type"], "medium": "image",
                "fileSize": str(photo["length"]), "width": str(photo["width"]),
                "height": str(photo["height"]),
            })
            if photo["description"]:
                handler.addQuickElement(
                    "media:description", photo["description"], {"type": "plain"}
                )
            if photo["credit"]:
                handler.addQuickElement("media:credit", photo["credit"])
            handler.endElement("media:content")


class NewsroomAtomFeed(Atom1Feed):
    """Atom with one `author` per byline (linked to the author's page) and `content`."""

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        for name, url in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            if url:
                # item["link"] is absolute (the framework adds the domain), so the author's
                # page gets the same scheme and host.
                handler.addQuickElement("uri", urljoin(item["link"], url))
            handler.endElement("author")
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})
        for photo in item.get("photos", ()):
            handler.addQuickElement("link", "", {
                "rel": "enclosure", "href": photo["url"], "type": photo["type"],
                "length": str(photo["length"]),
            })


class LatestStories(Feed):
    """The newest live stories on the site. Subclasses narrow `stories(obj)`."""

    feed_type = NewsroomRssFeed
    item_guid_is_permalink = True  # the guid is the story's permanent address

    # Django's Feed answers any method; a feed is read-only, so POST and the rest are 405.
    @method_decorator(require_safe)
    def __call__(self, request, *args, **kwargs):
        return super().__call__(request, *args, **kwargs)

    def title(self, obj=None) -> str:
        return f"{conf.get('NEWSROOM_SITE_NAME')}: latest news"

    def link(self, obj=None) -> str:
        return reverse("articles:home")

    def description(self, obj=None) -> str:
        return f"The latest stories from {conf.get('NEWSROOM_SITE_NAME')}."

    def feed_copyright(self, obj=None) -> str:
        return f"Copyright {conf.get('NEWSROOM_SITE_NAME')}"

    def get_feed(self, obj, request):
        token = _site.set(request.build_absolute_uri("/"))
        try:
            return super().get_feed(obj, request)
        finally:
            _site.reset(token)

    def stories(self, obj):
        return selectors.live_publications()

    def items(self, obj=None):
        """The newest `NEWSROOM_FEED_SIZE` of `stories(obj)`; a 404 for an author or a tag
        none of whose stories is live (`selectors.hidden_until_live`), as their pages are.
        Each carries its photos as published (`shown_photos`), fetched in one go."""
        items = list(self.stories(obj).prefetch_related("tags")[: conf.get("NEWSROOM_FEED_SIZE")])
        if selectors.hidden_until_live(obj, items):
            raise Http404("Nothing published here.")
        photos = images.photos_by_id(
            pk
            for item in items
            for pk in (item.lead_photo_id, *(p["id"] for p in item.inline_photos or ()))
        )
        for item in items:
            item.shown_photos = images.shown_published(item, photos)
        return items

    def item_title(self, item: Publication) -> str:
        return item.headline

    def item_description(self, item: Publication) -> str | None:
        # Summaries are HTML in both formats; the dek is plain text.
        return escape(item.dek) if item.dek else None

    def item_link(self, item: Publication) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Publication):
        return item.published_at

    def item_updateddate(self, item: Publication):
        return item.last_modified

    def item_categories(self, item: Publication) -> list[str]:
        return [item.section.name, *(tag.name for tag in item.tags.all())]

    def item_extra_kwargs(self, item: Publication) -> dict:
        lead, inline = item.shown_photos
        extra = {
            "authors": [(b.person.name, b.person.get_absolute_url()) for b in item.bylines.all()],
            "photos": images.media_items(lead, inline, _absolute),
        }
        if conf.get("NEWSROOM_FEED_FULL_TEXT"):
            lead_figure = images.feed_figure(lead, _absolute) if lead else ""
            body = images.render_body(sanitize_body(item.body), inline, absolute=_absolute)
            extra["content"] = lead_figure + body
        return extra


class SectionStories(LatestStories):
    def get_object(self, request, slug: str) -> Section:
        return get_object_or_404(Section, slug=slug)

    def title(self, obj: Section) -> str:
        return f"{obj.name} · {conf.get('NEWSROOM_SITE_NAME')}"

    def link(self, obj: Section) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Section) -> str:
        return obj.description or f"The latest {obj.name} stories."

    def stories(self, obj: Section):
        return selectors.live_publications().filter(section=obj)


class AuthorStories(LatestStories):
    def get_object(self, request, slug: str) -> Person:
        return get_object_or_404(Person, slug=slug)

    def title(self, obj: Person) -> str:
        return f"{obj.name} · {conf.get('NEWSROOM_SITE_NAME')}"

    def link(self, obj: Person) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Person) -> str:
        return f"The latest stories by {obj.name}."

    def stories(self, obj: Person):
        return selectors.live_publications().filter(bylines__person=obj)


class TagStories(LatestStories):
    def get_object(self, request, slug: str) -> Tag:
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj: Tag) -> str:
        return f"{obj.name} · {conf.get('NEWSROOM_SITE_NAME')}"

    def link(self, obj: Tag) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Tag) -> str:
        return f"The latest stories about {obj.name}."

    def stories(self, obj: Tag):
        return selectors.live_publications().filter(tags=obj)


class _Atom:
    feed_type = NewsroomAtomFeed

    def subtitle(self, obj=None) -> str:
        return self.description(obj)


class LatestStoriesAtom(_Atom, LatestStories):
    pass


class SectionStoriesAtom(_Atom, SectionStories):
    pass


class AuthorStoriesAtom(_Atom, AuthorStories):
    pass


class TagStoriesAtom(_Atom, TagStories):
    pass


def alternates(obj: Section | Person | Tag | None = None) -> list[dict]:
    """The feeds a page names in its <head> (`<link rel="alternate">`): the feed of `obj`
    (a section, author or tag) if given, then the site's latest."""
    feeds = []
    if obj is not None:
        kind = {Section: "section", Person: "author", Tag: "tag"}[type(obj)]
        feeds.append(
            {
                "title": f"{obj.name} · {conf.get('NEWSROOM_SITE_NAME')}",
                "rss": reverse(f"articles:feed-{kind}-rss", kwargs={"slug": obj.slug}),
                "atom": reverse(f"articles:feed-{kind}-atom", kwargs={"slug": obj.slug}),
            }
        )
    feeds.append(
        {
            "title": f"{conf.get('NEWSROOM_SITE_NAME')}: latest news",
            "rss": reverse("articles:feed-latest-rss"),
            "atom": reverse("articles:feed-latest-atom"),
        }
    )
    return feeds
