"""Uploading: metadata in (prefilled credits), metadata out (no GPS in any stored byte),
validation by content, duplicates, and nothing half-saved."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

import pytest
from django.core.exceptions import ValidationError
from PIL import ExifTags, Image

from photos import services
from photos.exceptions import (
    CorruptImage,
    FileTooLarge,
    ImageTooLarge,
    SvgRefused,
    UnsupportedFormat,
)
from photos.models import Photo, Rendition

from . import images
from .conftest import stored_files, upload_file

pytestmark = pytest.mark.django_db


def read(photo_or_rendition) -> bytes:
    with photo_or_rendition.file.open("rb") as handle:
        return handle.read()


def test_a_wire_photo_arrives_with_its_credit_caption_and_rights_filled_in(media, reporter):
    photo, created = services.photo_create_from_upload(
        file=upload_file(images.wire_jpeg(), "IMG_0001.JPG"), user=reporter
    )

    assert created
    assert photo.credit == "AP Photo/Hadi Mizban"
    assert photo.creator_name == "Hadi Mizban"
    assert photo.caption == "Smoke rises after a strike in Baghdad, Iraq, Sunday."
    assert photo.copyright_notice == "Copyright 2024 The Associated Press. All rights reserved."
    assert photo.title == "Iraq Strike"
    assert photo.source == Photo.Source.AGENCY
    assert photo.date_taken == datetime(2024, 3, 10, 14, 30, tzinfo=timezone(timedelta(hours=3)))
    assert (photo.width, photo.height, photo.format) == (1600, 1000, "jpeg")
    assert photo.original_filename == "IMG_0001.JPG"
    assert photo.uploaded_by == reporter
    assert photo.alt_text == "" and not photo.is_accessible
    assert photo.embedded_metadata["credit"] == "AP Photo/Hadi Mizban"
    assert "Baghdad" not in str(photo.embedded_metadata.get("source", ""))


def test_the_stored_original_carries_no_location_or_device_metadata_but_keeps_the_rights(
    media, reporter
):
    upload = images.wire_jpeg()
    # The upload really does carry everything the test looks for.
    assert set(images.betrayals(upload)) == set(images.gps_markers())

    photo, _ = services.photo_create_from_upload(file=upload_file(upload), user=reporter)
    stored = read(photo)

    assert images.betrayals(stored) == []
    image = Image.open(io.BytesIO(stored))
    exif = image.getexif()
    assert ExifTags.IFD.GPSInfo not in exif
    assert exif.get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert ExifTags.Base.Make not in exif and ExifTags.Base.Model not in exif
    assert exif[ExifTags.Base.Artist] == "Hadi Mizban"
    assert exif[ExifTags.Base.Copyright].startswith("Copyright 2024 The Associated Press")
    assert b"<photoshop:Credit>AP Photo/Hadi Mizban</photoshop:Credit>" in image.info["xmp"]
    assert "comment" not in image.info
    # The upload's own bytes are not kept anywhere.
    assert [p.read_bytes() == upload for p in stored_files(media)] == [False]


def test_every_rendition_is_free_of_gps_too(media, reporter):
    photo, _ = services.photo_create_from_upload(
        file=upload_file(images.wire_jpeg()), user=reporter
    )
    made = services.photo_renditions_make(photo=photo)

    assert {r.format for r in made.values()} >= {"jpeg", "webp", "avif"}
    for rendition in made.values():
        data = read(rendition)
        assert images.betrayals(data) == [], rendition.spec
        image = Image.open(io.BytesIO(data))
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}, rendition.spec
        assert image.getexif().get(ExifTags.Base.Artist) == "Hadi Mizban", rendition.spec


def test_orientation_is_applied_not_left_to_the_reader(media, reporter):
    # Orientation 6: the camera was turned; the stored file is upright with no tag.
    photo, _ = services.photo_create_from_upload(
        file=upload_file(images.wire_jpeg((1600, 1000), orientation=6)), user=reporter
    )

    assert (photo.width, photo.height) == (1000, 1600)
    image = Image.open(io.BytesIO(read(photo)))
    assert image.size == (1000, 1600)
    assert ExifTags.Base.Orientation not in image.getexif()
    rendition = services.rendition_get_or_create(photo=photo, spec="w320.jpeg")
    assert (rendition.width, rendition.height) == (320, 512)


def test_xmp_is_preferred_to_iptc_and_exif(media, reporter):
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description rdf:about="" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
        b' xmlns:dc="http://purl.org/dc/elements/1.1/" photoshop:Credit="Reuters/Ahmed Saad">'
        b'<dc:creator><rdf:Seq><rdf:li>Ahmed Saad</rdf:li></rdf:Seq></dc:creator>'
        b"</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    photo, _ = services.photo_create_from_upload(
        file=upload_file(images.wire_jpeg(iptc={(2, 110): "AP", (2, 80): "Someone Else"}, xmp=xmp)),
        user=reporter,
    )

    assert photo.credit == "Reuters/Ahmed Saad"
    assert photo.creator_name == "Ahmed Saad"
    assert photo.source == Photo.Source.AGENCY


def test_fields_given_at_upload_win_over_the_files_own(media, reporter):
    photo, _ = services.photo_create_from_upload(
        file=upload_file(images.wire_jpeg()), user=reporter,
        title="Strike in Baghdad", credit="Staff", alt_text="Smoke over rooftops",
    )

    assert (photo.title, photo.credit, photo.alt_text) == (
        "Strike in Baghdad", "Staff", "Smoke over rooftops",
    )


def test_the_same_file_uploaded_twice_is_one_photo(media, reporter, editor):
    data = images.wire_jpeg()
    first, created = services.photo_create_from_upload(file=upload_file(data, "a.jpg"), user=reporter)
    files = stored_files(media)

    second, created_again = services.photo_create_from_upload(
        file=upload_file(data, "copy-of-a.jpg"), user=editor, title="Another title"
    )

    assert created and not created_again
    assert second.pk == first.pk and second.title == "Iraq Strike"
    assert Photo.objects.count() == 1
    assert stored_files(media) == files


def test_a_different_file_of_the_same_picture_is_another_photo(media, reporter):
    services.photo_create_from_upload(file=upload_file(images.plain("JPEG", quality=90)), user=reporter)
    services.photo_create_from_upload(file=upload_file(images.plain("JPEG", quality=80)), user=reporter)

    assert Photo.objects.count() == 2


@pytest.mark.parametrize(
    ("data", "name", "error", "message"),
    [
        (images.SVG, "logo.jpg", SvgRefused, "SVG files are not accepted"),
        (b"%PDF-1.7 not a photo", "scan.jpg", UnsupportedFormat, "not a photo in an accepted format"),
        (images.plain("BMP"), "photo.jpg", UnsupportedFormat, "not a photo in an accepted format"),
        (images.plain("TIFF"), "photo.jpg", UnsupportedFormat, "not a photo in an accepted format"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64, "IMG_1.HEIC",
         UnsupportedFormat, "HEIC photos cannot be read"),
        (images.wire_jpeg()[:4000], "cut.jpg", CorruptImage, "damaged"),
    ],
    ids=["svg", "pdf", "bmp", "tiff", "heic-without-plugin", "truncated-jpeg"],
)
def test_files_that_are_not_accepted_photos_are_refused_by_content(
    media, reporter, data, name, error, message
):
    with pytest.raises(error, match=message):
        services.photo_create_from_upload(file=upload_file(data, name), user=reporter)

    assert Photo.objects.count() == 0
    assert stored_files(media) == []


def test_a_jpeg_named_png_is_accepted_as_what_it_is(media, reporter):
    photo, _ = services.photo_create_from_upload(
        file=upload_file(images.plain("JPEG"), "photo.png", "image/png"), user=reporter
    )

    assert photo.format == "jpeg"
    assert photo.file.name.endswith(".jpg")


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "GIF", "AVIF"])
def test_each_accepted_format_is_stored_in_its_own_format(media, reporter, fmt):
    photo, _ = services.photo_create_from_upload(file=upload_file(images.plain(fmt)), user=reporter)

    assert photo.format == fmt.lower()
    assert Image.open(io.BytesIO(read(photo))).format == fmt


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read(media, reporter, settings):
    settings.PHOTOS_MAX_UPLOAD_BYTES = 10_000

    with pytest.raises(FileTooLarge, match=r"The file is 3\d\.\d\sKB; the largest photo accepted is 9\.8\sKB\."):
        services.photo_create_from_upload(file=upload_file(images.wire_jpeg()), user=reporter)
    assert stored_files(media) == []


@pytest.mark.parametrize("pixels", [1_000_000, 2_500_000])
def test_an_image_over_the_pixel_limit_is_refused(media, reporter, settings, pixels):
    """Both Pillow's warning band (over the limit) and its error band (over twice the
    limit: a decompression bomb, refused before decoding) give the same clear error."""
    from PIL import Image as PILImage

    settings.PHOTOS_MAX_PIXELS = 1_000_000
    previous, PILImage.MAX_IMAGE_PIXELS = PILImage.MAX_IMAGE_PIXELS, 1_000_000
    try:
        side = int(pixels**0.5) + 10
        # A tiny file that declares a large image: PNG compresses a flat colour to nothing.
        data = images.plain("PNG", size=(side, side))
        assert len(data) < 100_000
        with pytest.raises(ImageTooLarge, match="megapixels"):
            services.photo_create_from_upload(file=upload_file(data), user=reporter)
    finally:
        PILImage.MAX_IMAGE_PIXELS = previous
    assert stored_files(media) == []


def test_cmyk_is_converted_to_rgb(media, reporter):
    photo, _ = services.photo_create_from_upload(
        file=upload_file(images.plain("JPEG", mode="CMYK")), user=reporter
    )

    image = Image.open(io.BytesIO(read(photo)))
    assert image.mode == "RGB"
    # The red square stays red (a naive CMYK read would invert it).
    r, g, b = image.getpixel((int(image.width * 0.75), int(image.height * 0.3)))
    assert r > 200 and g < 90 and b < 90


def test_sixteen_bit_grey_is_scaled_to_eight_bits_not_clipped(media, reporter):
    photo, _ = services.photo_create_from_upload(
        file=upload_file(images.sixteen_bit_png(value=40000), "scan.png"), user=reporter
    )

    image = Image.open(io.BytesIO(read(photo)))
    assert image.mode == "L"
    assert image.getpixel((5, 5)) == 156  # 40000 / 256, not 255


def test_an_animated_gif_keeps_its_frames_and_renditions_use_the_first(media, reporter):
    photo, _ = services.photo_create_from_upload(
        file=upload_file(images.animated_gif(frames=3), "loop.gif"), user=reporter
    )
    stored = read(photo)

    assert photo.animated and photo.format == "gif"
    assert Image.open(io.BytesIO(stored)).n_frames == 3
    assert b"GPS 33.3139" not in stored  # the GIF comment is dropped
    rendition = services.rendition_get_or_create(photo=photo, spec="w160.webp")
    still = Image.open(io.BytesIO(read(rendition)))
    assert getattr(still, "n_frames", 1) == 1


def test_too_many_frames_are_refused(media, reporter, settings):
    settings.PHOTOS_MAX_FRAMES = 2

    with pytest.raises(ImageTooLarge, match="3 frames"):
        services.photo_create_from_upload(file=upload_file(images.animated_gif(3)), user=reporter)


def test_a_failed_save_leaves_no_file_in_storage(media, reporter, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Photo, "save", fail)

    with pytest.raises(RuntimeError):
        services.photo_create_from_upload(file=upload_file(images.wire_jpeg()), user=reporter)
    assert stored_files(media) == []


def test_invalid_fields_at_upload_store_nothing(media, reporter):
    with pytest.raises(ValidationError):
        services.photo_create_from_upload(
            file=upload_file(images.wire_jpeg()), user=reporter,
            decorative=True, alt_text="A decorative photo has no alt text",
        )

    assert stored_files(media) == [] and Photo.objects.count() == 0 and Rendition.objects.count() == 0
