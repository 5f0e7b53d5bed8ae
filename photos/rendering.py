"""Showing photos: `<picture>` and `<figure>` markup, schema.org ImageObjects, og:image.

    picture(photo, sizes="(min-width: 60em) 40em, 100vw", priority=True)   # a lead image
    figure(photo, ratio="16:9")                                            # with caption, credit
    image_objects(photo, base_url="https://news.example")                  # JSON-LD `image`
    og_image(photo, base_url="https://news.example")                       # og:image tags

Missing renditions are made on the spot, once (`services.renditions_for`); after upload the
worker has usually made them all. Pass photos from `Photo.objects.with_renditions()` to
render a list without a query per photo. The markup comes from the templates
`photos/picture.html` and `photos/figure.html`, which a site may override.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from . import conf, imaging
from .models import AbstractPhoto, Rendition
from .services import renditions_for, srcset_widths
from .specs import MIME_TYPES, Spec, parse_ratio

# The <img> fallback's src: the first width at least this wide (what a browser without
# srcset support, or a feed reader, gets).
_FALLBACK_WIDTH = 960


@dataclass(frozen=True)
class Source:
    mime_type: str
    srcset: str


def picture(
    photo: AbstractPhoto,
    *,
    sizes: str = "100vw",
    ratio: str | None = None,
    priority: bool = False,
    css_class: str = "",
) -> SafeString:
    """A `<picture>` of `photo`: AVIF and WebP `<source>`s and a JPEG `<img>`, each with a
    srcset over PHOTOS_WIDTHS (as wide as the photo allows) and `sizes`, the `<img>` with
    width and height (no layout shift) and alt (empty for a decorative photo).

    `ratio` ("16:9") crops around the focal point. `priority` marks the image the page is
    about (a lead photo above the fold): fetchpriority="high" and no lazy loading;
    otherwise loading="lazy"."""
    context = _picture_context(photo, sizes, ratio, priority, css_class)
    return render_to_string("photos/picture.html", context)


def figure(
    photo: AbstractPhoto,
    *,
    sizes: str = "100vw",
    ratio: str | None = None,
    priority: bool = False,
    css_class: str = "",
) -> SafeString:
    """`picture()` in a `<figure>` whose `<figcaption>` has the caption and the credit
    ("(AP Photo/Hadi Mizban)")."""
    context = _picture_context(photo, sizes, ratio, priority, "")
    context["figure_class"] = css_class
    return render_to_string("photos/figure.html", context)


def _picture_context(photo, sizes: str, ratio: str | None, priority: bool, css_class: str) -> dict:
    shape = parse_ratio(ratio) if ratio else None
    widths = srcset_widths(photo, shape)
    formats = imaging.writable_formats(conf.get("PHOTOS_FORMATS"))
    specs = {fmt: [str(Spec(w, shape, fmt)) for w in widths] for fmt in formats}
    found = renditions_for(photo=photo, specs=[s for group in specs.values() for s in group])
    by_format = {fmt: [found[s] for s in group] for fmt, group in specs.items()}
    *modern, fallback_format = formats
    fallback = by_format[fallback_format]
    img = next((r for r in fallback if r.width >= _FALLBACK_WIDTH), fallback[-1])
    return {
        "photo": photo,
        "sources": [Source(MIME_TYPES[fmt], _srcset(by_format[fmt])) for fmt in modern],
        "img": img,
        "srcset": _srcset(fallback),
        "sizes": sizes,
        "alt": photo.alt,
        "priority": priority,
        "css_class": css_class,
    }


def _srcset(renditions: list[Rendition]) -> str:
    return ", ".join(f"{r.url} {r.width}w" for r in renditions)


def absolute(url: str, base_url: str) -> str:
    """`url` made absolute against `base_url` (storage URLs are often site-relative)."""
    return url if url.startswith(("http://", "https://")) else urljoin(base_url, url)


def image_objects(photo: AbstractPhoto, *, base_url: str) -> list[dict]:
    """schema.org ImageObjects of `photo` in each PHOTOS_STRUCTURED_DATA_RATIOS shape
    (16:9, 4:3, 1:1, as Google asks for an article's `image`), with the credit and rights
    the photo has: caption, creditText, copyrightNotice, creator, license."""
    width = conf.get("PHOTOS_STRUCTURED_DATA_WIDTH")
    specs = [
        str(Spec(width, parse_ratio(r), "jpeg")) for r in conf.get("PHOTOS_STRUCTURED_DATA_RATIOS")
    ]
    found = renditions_for(photo=photo, specs=specs)
    facts = {
        "caption": photo.caption,
        "creditText": photo.credit,
        "copyrightNotice": photo.copyright_notice,
        "license": photo.license_url,
    }
    if creator := photo.creator_display:
        facts["creator"] = {"@type": "Person", "name": creator}
    objects = []
    for spec in specs:
        rendition = found[spec]
        url = absolute(rendition.url, base_url)
        objects.append(
            {
                "@type": "ImageObject",
                "url": url,
                "contentUrl": url,
                "width": _pixels(rendition.width),
                "height": _pixels(rendition.height),
                **{key: value for key, value in facts.items() if value},
            }
        )
    return objects


def _pixels(value: int) -> dict:
    # schema.org's width and height take a Distance or QuantitativeValue, not a number;
    # E37 is UN/CEFACT's unit code for a pixel.
    return {"@type": "QuantitativeValue", "value": value, "unitCode": "E37"}


def og_image(photo: AbstractPhoto, *, base_url: str) -> dict:
    """The social card (PHOTOS_SOCIAL_CARD, 1200 x 630) for og:image and twitter:image:
    url, type, width, height and alt."""
    rendition = renditions_for(photo=photo, specs=[conf.get("PHOTOS_SOCIAL_CARD")])
    card = next(iter(rendition.values()))
    return {
        "url": absolute(card.url, base_url),
        "type": card.mime_type,
        "width": card.width,
        "height": card.height,
        "alt": photo.alt,
    }
