"""The pure parts, without a database: spec parsing, crop geometry, metadata reading and
writing."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

import pytest
from PIL import Image

from photos.exceptions import InvalidRenditionSpec
from photos.metadata import Rights, read_embedded, xmp_packet
from photos.specs import Focal, Spec, crop_box, output_size, parse_ratio, widths_for

from . import images


@pytest.mark.parametrize(
    ("text", "width", "ratio", "fmt"),
    [("w640.webp", 640, None, "webp"), ("w1200-16x9.jpeg", 1200, (16, 9), "jpeg"),
     ("w1200-40x21.jpeg", 1200, (40, 21), "jpeg"), ("w99999.avif", 99999, None, "avif")],
)
def test_specs_parse_and_print_back(text, width, ratio, fmt):
    spec = Spec.parse(text)

    assert (spec.width, spec.ratio, spec.format) == (width, ratio, fmt)
    assert str(spec) == text


@pytest.mark.parametrize("text", ["640.webp", "w640", "w640.tiff", "W640.webp", "w640-16:9.jpeg",
                                  "w100000.jpeg", "w640.webp ", "../w640.webp"])
def test_bad_specs(text):
    with pytest.raises(InvalidRenditionSpec):
        Spec.parse(text)


def test_ratios():
    assert parse_ratio("16:9") == parse_ratio("16x9") == (16, 9)
    with pytest.raises(InvalidRenditionSpec):
        parse_ratio("wide")


@pytest.mark.parametrize(
    ("focal", "ratio", "box"),
    [
        (Focal(), None, (0, 0, 1600, 1000)),
        (Focal(), (1, 1), (300, 0, 1300, 1000)),  # centred
        (Focal(0.75, 0.3), (1, 1), (600, 0, 1600, 1000)),  # pushed to the right edge
        (Focal(0.0, 0.0), (1, 1), (0, 0, 1000, 1000)),
        (Focal(0.5, 0.9), (16, 5), (0, 500, 1600, 1000)),  # wider than the photo: bottom
        (Focal(0.5, 0.1), (16, 5), (0, 0, 1600, 500)),
    ],
)
def test_crop_boxes(focal, ratio, box):
    assert crop_box(1600, 1000, ratio, focal) == pytest.approx(box)


def test_a_focal_area_that_fits_is_inside_the_crop():
    focal = Focal(0.9, 0.5, width=0.15, height=0.3)
    left, top, right, bottom = crop_box(1600, 1000, (1, 1), focal)

    assert left <= (0.9 - 0.075) * 1600 and right >= (0.9 + 0.075) * 1600
    assert top <= (0.5 - 0.15) * 1000 and bottom >= (0.5 + 0.15) * 1000


def test_sizes_are_never_enlarged():
    assert output_size((0, 0, 1600, 1000), 640) == (640, 400)
    assert output_size((0, 0, 1600, 1000), 3000) == (1600, 1000)
    assert widths_for(1000, [320, 640, 960, 1280]) == [320, 640, 960]
    assert widths_for(200, [320, 640]) == [200]


def opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_a_wire_caption_gives_its_credit_line_and_loses_it():
    found = read_embedded(opened(images.wire_jpeg()))

    assert found.credit == "AP Photo/Hadi Mizban"
    assert found.caption == "Smoke rises after a strike in Baghdad, Iraq, Sunday."
    assert found.date_taken == datetime(2024, 3, 10, 14, 30, tzinfo=timezone(timedelta(hours=3)))


def test_iptc_without_a_character_set_is_read_as_latin1_when_not_utf8():
    segment = images.iptc_segment({(2, 80): "José María".encode("latin-1")}, utf8=False)
    out = io.BytesIO()
    images.picture((64, 64)).save(out, "JPEG", extra=segment)

    assert read_embedded(opened(out.getvalue())).creator == "José María"


def test_a_credit_without_a_creator_and_a_creator_without_a_credit():
    no_credit = images.wire_jpeg(iptc={(2, 80): "Hadi Mizban"})

    assert read_embedded(opened(no_credit)).credit == "Hadi Mizban"


def test_rights_round_trip_through_xmp():
    rights = Rights(
        creator="Hadi Mizbán", credit="AP Photo/Hadi Mizbán", copyright="© 2024 AP & partners",
        usage_terms="NO SALES", license_url="https://example.com/licence?a=1&b=2",
    )
    out = io.BytesIO()
    images.picture((64, 64)).save(out, "JPEG", xmp=xmp_packet(rights))

    found = read_embedded(opened(out.getvalue()))
    assert (found.creator, found.credit, found.copyright, found.usage_terms, found.license_url) == (
        "Hadi Mizbán", "AP Photo/Hadi Mizbán", "© 2024 AP & partners", "NO SALES",
        "https://example.com/licence?a=1&b=2",
    )


def test_malformed_xmp_is_ignored_not_fatal():
    out = io.BytesIO()
    images.picture((64, 64)).save(out, "JPEG", xmp=b"<x:xmpmeta><unclosed")

    assert read_embedded(opened(out.getvalue())).credit == ""


def test_xmp_with_an_entity_bomb_is_refused_by_the_parser():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/">&b;</x:xmpmeta>'
    )
    out = io.BytesIO()
    images.picture((64, 64)).save(out, "JPEG", xmp=bomb)

    assert read_embedded(opened(out.getvalue())).title == ""
