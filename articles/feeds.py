"""RSS 2.0 and Atom feeds of live stories: the latest, and per section, author and tag.

Built on Django's syndication framework. Two small generator subclasses add what the
stock ones lack for news: every author of a story (RSS `dc:creator`, Atom `author`), the
full text where the site allows it (`NEWSROOM_FEED_FULL_TEXT`; RSS `content:encoded`,
Atom `content`), and in RSS an `atom:updated` per item, so a story that is published again
keeps its guid and changes its update time. Entries are read from `Publication` only.
"""

from __future__ import annotations

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

from . import conf, selectors
from .models import Publication, Section, Tag
from .sanitize import sanitize_body

DC_NS = "http://purl.org/dc/elements/1.1/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"


class NewsroomRssFeed(Rss201rev2Feed):
    """RSS 2.0 with Dublin Core creators, `content:encoded` and `atom:updated`."""

    def rss_attributes(self) -> dict:
        return {**super().rss_attributes(), "xmlns:dc": DC_NS, "xmlns:content": CONTENT_NS}

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        for name, _url in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        if item["updateddate"] is not None:
            handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])


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

    def stories(self, obj):
        return selectors.live_publications()

    def items(self, obj=None):
        """The newest `NEWSROOM_FEED_SIZE` of `stories(obj)`; a 404 for an author or a tag
        none of whose stories is live (`selectors.hidden_until_live`), as their pages are."""
        items = list(self.stories(obj).prefetch_related("tags")[: conf.get("NEWSROOM_FEED_SIZE")])
        if selectors.hidden_until_live(obj, items):
            raise Http404("Nothing published here.")
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
        extra = {
            "authors": [(b.person.name, b.person.get_absolute_url()) for b in item.bylines.all()],
        }
        if conf.get("NEWSROOM_FEED_FULL_TEXT"):
            extra["content"] = sanitize_body(item.body)
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
