"""Library photos in stories: the lead photo and the photos in the body.

A story refers to photos by id (`Article.lead_photo`, `<figure data-photo-id>` in the body,
see `articles.sanitize`). What a reader sees of each is a `ShownPhoto`: the library photo
(its pixels, renditions and rights) with the alt text, caption and credit the story shows.
A preview takes them from the library as it is now (`shown_now`); a live story from its
`Publication`, as they were published (`published_fields`, `shown_published`), so editing
a photo's text in the library changes a live story only when it is published again.

    lead, inline = shown_published(publication)
    body = render_body(publication.body, inline)              # <picture>s with srcset
    feed = render_body(publication.body, inline, absolute=f)  # plain <img>, absolute URLs
"""

from __future__ import annotations

import copy
import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from photos import conf, rendering
from photos.models import Photo
from photos.services import renditions_for, srcset_widths
from photos.specs import Spec, parse_ratio
from photos.usage import Usage

from .models import Article, Publication
from .sanitize import PHOTO_FIGURE, photo_ids

# The story column is at most 42rem wide; a phone's is the screen less the margins.
BODY_SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"
CARD_SIZES = "(min-width: 64rem) 20rem, (min-width: 40rem) 45vw, calc(100vw - 2rem)"
# The <img> of a photo in a feed: feed readers ignore srcset, so one JPEG this wide.
FEED_SPEC = "w960.jpeg"


@dataclass(frozen=True)
class ShownPhoto:
    """A library photo as one story shows it."""

    photo: Photo
    alt: str
    caption: str
    credit: str

    @property
    def id(self) -> int:
        return self.photo.pk

    def as_photo(self) -> Photo:
        """The library photo with this story's alt text and caption, for the photos app's
        rendering helpers (its renditions shared, not copied). Its rights, the credit
        among them, stay the library's: a rendition made on demand carries them in its
        file, so they must be the photo's own, not this story's copy of them."""
        shown = copy.copy(self.photo)
        shown.alt_text, shown.decorative, shown.caption = self.alt, False, self.caption
        return shown


def photos_by_id(ids: Iterable[int]) -> dict[int, Photo]:
    """Library photos by id, with their renditions and creator (two queries, none if
    `ids` is empty). Ids of deleted photos are left out."""
    ids = [pk for pk in dict.fromkeys(ids) if pk]
    if not ids:
        return {}
    return Photo.objects.select_related("creator").with_renditions().in_bulk(ids)


# What a story shows, now (previews) or as published (the live page).


def shown_now(snapshot, photos: dict[int, Photo] | None = None):
    """(lead, inline) for `snapshot` with the library's text as it is now: the lead a
    `ShownPhoto` or None, inline a dict of them by photo id. Deleted photos are left out."""
    photos = photos if photos is not None else photos_by_id(snapshot.photo_ids)
    inline = {pk: _library_text(photos[pk]) for pk in photo_ids(snapshot.body) if pk in photos}
    lead = None
    if (photo := photos.get(snapshot.lead_photo_id)) is not None:
        lead = _library_text(photo, caption=snapshot.lead_photo_caption)
    return lead, inline


def _library_text(photo: Photo, *, caption: str = "") -> ShownPhoto:
    return ShownPhoto(photo, photo.alt, caption or photo.caption, photo.credit)


def published_fields(snapshot) -> dict:
    """The `Publication` fields that keep what `snapshot`'s photos show as it is
    published: the lead photo with its alt text, caption and credit, and the alt text
    and credit of each photo in the body."""
    lead, inline = shown_now(snapshot)
    return {
        "lead_photo": lead.photo if lead else None,
        "lead_image_alt": lead.alt if lead else "",
        "lead_image_caption": lead.caption if lead else "",
        "lead_image_credit": lead.credit if lead else "",
        "inline_photos": [
            {"id": shown.id, "alt": shown.alt, "credit": shown.credit}
            for shown in inline.values()
        ],
    }


def shown_published(publication, photos: dict[int, Photo] | None = None):
    """(lead, inline) of a `Publication`, with the text it was published with."""
    inline_data = {int(item["id"]): item for item in publication.inline_photos or []}
    if photos is None:
        photos = photos_by_id([publication.lead_photo_id or 0, *inline_data])
    lead = None
    if (photo := photos.get(publication.lead_photo_id)) is not None:
        lead = ShownPhoto(
            photo,
            publication.lead_image_alt,
            publication.lead_image_caption,
            publication.lead_image_credit,
        )
    inline = {
        pk: ShownPhoto(photos[pk], item.get("alt", ""), "", item.get("credit", ""))
        for pk, item in inline_data.items()
        if pk in photos
    }
    return lead, inline


# Drawing them.


def figure(shown: ShownPhoto, *, sizes: str = BODY_SIZES, priority: bool = False) -> SafeString:
    """`<figure>` with the photo's `<picture>` (srcset in each format, width and height)
    and, under it, the caption and credit this story shows."""
    picture = rendering.picture(shown.as_photo(), sizes=sizes, priority=priority)
    return render_to_string(
        "articles/includes/photo_figure.html",
        {"picture": picture, "caption": shown.caption, "credit": shown.credit},
    )


def render_body(
    body: str, inline: dict[int, ShownPhoto], *, absolute: Callable[[str], str] | None = None
) -> SafeString:
    """A stored (sanitised) body with each library photo drawn: a `figure()` on pages or,
    with `absolute` (a function making a URL absolute), a plain `<img>` for feeds. A
    photo that is no longer in the library is left out."""

    def draw(match) -> str:
        shown = inline.get(int(match.group("id")))
        if shown is None:
            return ""
        caption = html.unescape(match.group("caption") or "")
        shown = ShownPhoto(shown.photo, shown.alt, caption, shown.credit)
        if absolute is not None:
            return feed_figure(shown, absolute)
        return figure(shown)

    return mark_safe(PHOTO_FIGURE.sub(draw, body or ""))  # noqa: S308  sanitised, then ours


def feed_figure(shown: ShownPhoto, absolute: Callable[[str], str]) -> str:
    """A photo for a feed reader: one JPEG at an absolute URL, with width, height and
    alt, and the caption and credit."""
    rendition = renditions_for(photo=shown.photo, specs=[FEED_SPEC])[FEED_SPEC]
    words = " ".join(
        part for part in (shown.caption, f"({shown.credit})" if shown.credit else "") if part
    )
    return format_html(
        '<figure><img src="{}" width="{}" height="{}" alt="{}">{}</figure>',
        absolute(rendition.url),
        rendition.width,
        rendition.height,
        shown.alt,
        format_html("<figcaption>{}</figcaption>", words) if words else "",
    )


def media_items(
    lead: ShownPhoto | None, inline: dict[int, ShownPhoto], absolute: Callable[[str], str]
) -> list[dict]:
    """The photos of a feed item for Media RSS `media:content` (and Atom enclosures):
    url, type, length, width, height, description (alt text) and credit, lead first."""
    shown = ([lead] if lead else []) + [s for pk, s in inline.items() if not lead or pk != lead.id]
    items = []
    for photo in shown:
        rendition = renditions_for(photo=photo.photo, specs=[FEED_SPEC])[FEED_SPEC]
        items.append({
            "url": absolute(rendition.url),
            "type": rendition.mime_type,
            "length": rendition.file_size,
            "width": rendition.width,
            "height": rendition.height,
            "description": photo.alt,
            "credit": photo.credit,
        })
    return items


def lead_photo_renditions(publication, *, absolute: Callable[[str], str]) -> list[dict]:
    """The files of a publication's lead photo for machine interfaces (ninjs renditions,
    API clients): each srcset width as JPEG in the photo's own shape, then the 16:9, 4:3
    and 1:1 crops; each with name (the spec), href (absolute), width, height, contentType
    and sizeInBytes (ninjs 3.1 names). Empty without a lead photo. The text to go with them is the
    publication's `lead_image_alt`, `lead_image_caption` and `lead_image_credit`."""
    photo = publication.lead_photo
    if photo is None:
        return []
    width = conf.get("PHOTOS_STRUCTURED_DATA_WIDTH")
    specs = [str(Spec(w, None, "jpeg")) for w in srcset_widths(photo, None)]
    specs += [
        str(Spec(width, parse_ratio(r), "jpeg")) for r in conf.get("PHOTOS_STRUCTURED_DATA_RATIOS")
    ]
    return [
        {
            "name": spec,
            "href": absolute(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "contentType": rendition.mime_type,
            "sizeInBytes": rendition.file_size,
        }
        for spec, rendition in renditions_for(photo=photo, specs=specs).items()
    ]


def card_picture(photo: Photo) -> SafeString:
    """A story card's photo: decorative (the card's headline says what it is about)."""
    decorative = ShownPhoto(photo, "", photo.caption, photo.credit).as_photo()
    return rendering.picture(decorative, sizes=CARD_SIZES, css_class="card__picture")


# Who uses a photo: the photo library refuses to delete one a story shows.


def stories_using(photo: Photo) -> Iterable[Usage]:
    """The stories that show `photo`: live ones, and working copies (a draft must not
    lose its photo either), each once, with its admin URL."""
    live = dict(
        Publication.objects.current().showing_photo(photo.pk).values_list("article_id", "headline")
    )
    for article_id, headline in live.items():
        yield Usage(f"“{headline}” (live)", _admin_url(article_id))
    drafts = Article.objects.showing_photo(photo.pk).exclude(pk__in=live).only("pk", "headline")
    for article in drafts:
        yield Usage(
            f"“{article.headline}” (working copy)", _admin_url(article.pk)
        )


def _admin_url(article_id: int) -> str:
    return reverse("admin:articles_article_change", args=[article_id])
