"""Limits on uploaded images, for every admin form with an image field (a person's
portrait, an outlet's logo, and the articles app's lead image)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

from . import conf


def _dimensions(upload) -> tuple[int, int] | None:
    """Width and height from the image's header. Django's `forms.ImageField` has already
    opened the upload with Pillow (`upload.image`); otherwise it is opened here, which
    reads the header only."""
    image = getattr(upload, "image", None)
    if image is not None:
        return image.size
    position = upload.tell()
    try:
        with Image.open(upload) as opened:
            return opened.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return None
    finally:
        upload.seek(position)


def _check_bytes(upload) -> None:
    max_bytes = conf.get("NEWSROOM_MAX_IMAGE_BYTES")
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            "This image is %(size)s; at most %(limit)s is accepted. Export it smaller "
            "(a JPEG at 80%% quality is usually a tenth of the size) and upload it again.",
            code="image_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
        )


def _too_many_pixels(dimensions: tuple[int, int] | None = None) -> ValidationError:
    max_pixels = conf.get("NEWSROOM_MAX_IMAGE_PIXELS")
    limit = f"{max_pixels / 1e6:,.0f}"
    if dimensions is None:  # too large for Pillow even to open
        return ValidationError(
            "This image has far more than %(limit)s megapixels, the most accepted. Resize "
            "it and upload it again.",
            code="image_too_many_pixels",
            params={"limit": limit},
        )
    width, height = dimensions
    return ValidationError(
        "This image is %(width)s × %(height)s pixels (%(megapixels)s megapixels); at "  # noqa: RUF001
        "most %(limit)s megapixels are accepted. Resize it and upload it again.",
        code="image_too_many_pixels",
        params={
            "width": f"{width:,}",
            "height": f"{height:,}",
            "megapixels": f"{width * height / 1e6:,.0f}",
            "limit": limit,
        },
    )


def validate_image_upload(upload) -> None:
    """Refuse an uploaded image larger than NEWSROOM_MAX_IMAGE_BYTES or with more pixels
    than NEWSROOM_MAX_IMAGE_PIXELS, saying by how much. Decoding (thumbnails, renditions)
    costs memory in proportion to the pixels, whatever the file's size."""
    _check_bytes(upload)
    dimensions = _dimensions(upload)
    if dimensions is not None and dimensions[0] * dimensions[1] > conf.get(
        "NEWSROOM_MAX_IMAGE_PIXELS"
    ):
        raise _too_many_pixels(dimensions)


class LimitedImageField(forms.ImageField):
    """`forms.ImageField` within the limits above: the size is checked before Pillow
    reads the file, and an image Pillow itself refuses to open as a decompression bomb
    gets the same clear error instead of “not an image”."""

    default_validators = [validate_image_upload]

    def to_python(self, data):
        if data is not None:
            _check_bytes(data)
        try:
            return super().to_python(data)
        except ValidationError as error:
            if isinstance(error.__cause__, Image.DecompressionBombError):
                raise _too_many_pixels() from error
            raise


# For a ModelAdmin's `formfield_overrides`: every image field of its form limited.
IMAGE_UPLOAD_LIMITS = {"form_class": LimitedImageField}
