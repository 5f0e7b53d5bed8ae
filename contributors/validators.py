"""Limits on uploaded images, for every admin form with an image field (a person's
portrait, an outlet's logo, and the articles app's lead image)."""

from __future__ import annotations

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


def validate_image_upload(upload) -> None:
    """Refuse an uploaded image larger than NEWSROOM_MAX_IMAGE_BYTES or with more pixels
    than NEWSROOM_MAX_IMAGE_PIXELS, saying by how much. Decoding (thumbnails, renditions)
    costs memory in proportion to the pixels, whatever the file's size."""
    max_bytes = conf.get("NEWSROOM_MAX_IMAGE_BYTES")
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            "This image is %(size)s; at most %(limit)s is accepted. Export it smaller "
            "(a JPEG at 80%% quality is usually a tenth of the size) and upload it again.",
            code="image_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
        )
    dimensions = _dimensions(upload)
    max_pixels = conf.get("NEWSROOM_MAX_IMAGE_PIXELS")
    if dimensions is not None and dimensions[0] * dimensions[1] > max_pixels:
        width, height = dimensions
        raise ValidationError(
            "This image is %(width)s × %(height)s pixels (%(megapixels)s megapixels); at "  # noqa: RUF001
            "most %(limit)s megapixels are accepted. Resize it and upload it again.",
            code="image_too_many_pixels",
            params={
                "width": f"{width:,}",
                "height": f"{height:,}",
                "megapixels": f"{width * height / 1e6:,.0f}",
                "limit": f"{max_pixels / 1e6:,.0f}",
            },
        )


# For a ModelAdmin's `formfield_overrides`: every image field of its form checked.
IMAGE_UPLOAD_LIMITS = {"validators": [validate_image_upload]}
