import json
from datetime import UTC

from django import template
from django.utils.safestring import mark_safe

from articles import images

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def jsonld(value) -> str:
    """`value` as JSON safe to put inside <script type="application/ld+json">."""
    return mark_safe(json.dumps(value, ensure_ascii=False).translate(_JSON_ESCAPES))  # noqa: S308


@register.filter
def w3c_datetime(value) -> str:
    """`value` in the W3C date-time form sitemaps use: UTC, whole seconds."""
    if not value:
        return ""
    return value.astimezone(UTC).replace(microsecond=0).isoformat()


@register.simple_tag
def story_photo(shown, priority=False):
    """A story's photo (`articles.images.ShownPhoto`) in a `<figure>` with its caption and
    credit; `priority` for the lead (fetchpriority="high", not lazy)."""
    return images.figure(shown, priority=priority)


@register.simple_tag
def card_photo(photo):
    """A story card's lead photo (a library `Photo`), decorative."""
    return images.card_picture(photo)
