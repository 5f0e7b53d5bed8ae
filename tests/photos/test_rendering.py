"""Markup and structured data for readers: <picture> with srcset and sizes, <figure> with
caption and credit, schema.org ImageObjects, og:image."""

from __future__ import annotations

import lxml.html
import pytest
from django.template import Context, Template

from photos import rendering, services
from photos.models import Photo
from tests.schemaorg_vocab import problems

from . import images
from .conftest import upload_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(media, reporter):
    created, _ = services.photo_create_from_upload(
        file=upload_file(images.wire_jpeg((1600, 1000))), user=reporter,
        alt_text="Smoke rises over rooftops in Baghdad", license_url="https://example.com/licence",
    )
    return created


def parse(html: str):
    """The element `html` is. (libxml2 does not know <source> is empty and puts the <img>
    inside it: find elements with .//)"""
    return lxml.html.fragment_fromstring(html)


def srcset_widths(srcset: str) -> list[int]:
    return [int(part.split()[1].rstrip("w")) for part in srcset.split(", ")]


def test_picture_offers_avif_and_webp_with_a_jpeg_img(photo):
    html = rendering.picture(photo, sizes="(min-width: 60em) 40em, 100vw")
    node = parse(html)

    assert node.tag == "picture"
    sources = node.findall(".//source")
    assert [s.get("type") for s in sources] == ["image/avif", "image/webp"]
    for source in sources:
        assert srcset_widths(source.get("srcset")) == [320, 640, 960, 1280]
        assert source.get("sizes") == "(min-width: 60em) 40em, 100vw"
    img = node.find(".//img")
    assert srcset_widths(img.get("srcset")) == [320, 640, 960, 1280]
    assert ".jpg " in img.get("srcset") + " "
    assert (img.get("width"), img.get("height")) == ("960", "600")
    assert img.get("src").endswith(".jpg") and "/w960." in img.get("src")
    assert img.get("alt") == "Smoke rises over rooftops in Baghdad"
    assert img.get("loading") == "lazy" and img.get("fetchpriority") is None
    assert img.get("decoding") == "async"


def test_the_lead_photo_is_fetched_first_not_lazily(photo):
    img = parse(rendering.picture(photo, priority=True)).find(".//img")

    assert img.get("fetchpriority") == "high"
    assert img.get("loading") is None


def test_a_crop_has_the_crops_dimensions(photo):
    img = parse(rendering.picture(photo, ratio="16:9")).find(".//img")

    assert (img.get("width"), img.get("height")) == ("960", "540")
    assert "-16x9." in img.get("src")


def test_a_decorative_photo_has_an_empty_alt(photo, reporter):
    services.photo_update(photo=photo, user=reporter, alt_text="", decorative=True)

    img = parse(rendering.picture(photo)).find(".//img")
    assert img.get("alt") == ""


def test_figure_shows_caption_and_credit(photo):
    node = parse(rendering.figure(photo, css_class="lead"))

    assert node.tag == "figure" and node.get("class") == "photo lead"
    assert node.find("picture//img") is not None
    caption = node.find("figcaption")
    assert caption.find("span[@class='photo-caption']").text == (
        "Smoke rises after a strike in Baghdad, Iraq, Sunday."
    )
    assert caption.find("span[@class='photo-credit']").text == "(AP Photo/Hadi Mizban)"


def test_text_is_escaped(photo, reporter):
    services.photo_update(
        photo=photo, user=reporter, caption='<script>alert("x")</script>', alt_text='"><b>'
    )

    html = rendering.figure(photo)
    assert "<script>" not in html and "<b>" not in html
    assert parse(html).find("picture//img").get("alt") == '"><b>'


def test_template_tags(photo, rf):
    template = Template(
        "{% load photo_tags %}{% picture photo sizes='50vw' priority=True %}"
        "{% photo_figure photo ratio='4:3' %}"
        "{% photo_og_image photo as og %}<meta property='og:image' content='{{ og.url }}'>"
    )
    html = template.render(Context({"photo": photo, "request": rf.get("/", HTTP_HOST="testserver")}))

    assert 'sizes="50vw"' in html and 'fetchpriority="high"' in html
    assert "-4x3." in html
    assert "content='http://testserver/media/photos/" in html


def test_rendering_a_list_of_prefetched_photos_makes_no_query(photo, django_assert_num_queries):
    rendering.figure(photo)  # the renditions exist now
    photos = list(Photo.objects.with_renditions())

    with django_assert_num_queries(0):
        for each in photos:
            rendering.figure(each)


def test_image_objects_in_three_shapes_with_credits_and_rights(photo):
    objects = rendering.image_objects(photo, base_url="https://news.example")

    assert [(o["width"]["value"], o["height"]["value"]) for o in objects] == [
        (1200, 675), (1200, 900), (1000, 1000),
    ]
    for image in objects:
        assert image["url"].startswith(f"https://news.example/media/photos/{photo.key}/")
        assert image["url"].endswith(".jpg")
        assert image["caption"] == "Smoke rises after a strike in Baghdad, Iraq, Sunday."
        assert image["creditText"] == "AP Photo/Hadi Mizban"
        assert image["copyrightNotice"].startswith("Copyright 2024 The Associated Press")
        assert image["creator"] == {"@type": "Person", "name": "Hadi Mizban"}
        assert image["license"] == "https://example.com/licence"
        assert image["width"]["unitCode"] == "E37"  # UN/CEFACT code for pixels
        document = {"@context": "https://schema.org", **image}
        assert problems(document) == []


def test_image_objects_leave_out_what_is_not_known(db, media, reporter):
    bare, _ = services.photo_create_from_upload(
        file=upload_file(images.plain("PNG", size=(1400, 900))), user=reporter
    )

    [first, *_] = rendering.image_objects(bare, base_url="https://news.example")
    assert set(first) == {"@type", "url", "contentUrl", "width", "height"}


def test_og_image_is_the_social_card(photo):
    card = rendering.og_image(photo, base_url="https://news.example/")

    assert (card["width"], card["height"], card["type"]) == (1200, 630, "image/jpeg")
    assert card["url"].startswith("https://news.example/media/photos/")
    assert card["alt"] == "Smoke rises over rooftops in Baghdad"
