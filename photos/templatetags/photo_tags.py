"""Template tags for showing library photos: `{% load photo_tags %}`.

    {% picture photo sizes="(min-width: 60em) 40em, 100vw" priority=True %}
    {% photo_figure photo ratio="16:9" %}
    {% photo_og_image photo as og %}<meta property="og:image" content="{{ og.url }}">

See `photos.rendering` for what each produces. The base URL of og:image is the request's.
"""

from __future__ import annotations

from django import template

from photos import rendering

register = template.Library()


@register.simple_tag
def picture(photo, sizes="100vw", ratio=None, priority=False, css_class=""):
    return rendering.picture(
        photo, sizes=sizes, ratio=ratio, priority=priority, css_class=css_class
    )


@register.simple_tag
def photo_figure(photo, sizes="100vw", ratio=None, priority=False, css_class=""):
    return rendering.figure(
        photo, sizes=sizes, ratio=ratio, priority=priority, css_class=css_class
    )


@register.simple_tag(takes_context=True)
def photo_og_image(context, photo):
    request = context.get("request")
    base_url = request.build_absolute_uri("/") if request is not None else ""
    return rendering.og_image(photo, base_url=base_url)
