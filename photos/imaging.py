"""Image work with Pillow: validating an upload, the sanitised original, and renditions.

No database here: `photos.services` calls these and stores what they return.

Why every stored file is re-encoded, the original included: the only way to be sure
that no byte of an upload's metadata reaches a reader is to write new files whose only
metadata is what `photos.metadata.Rights` allows. A camera JPEG hides GPS in more places
than the EXIF block (the MPF preview images after the first image, maker notes, Photoshop
resources, XMP, trailers after the end-of-image marker); copying "everything but GPS"
would miss one of them one day. A JPEG original is re-encoded with the upload's own
quantisation tables and chroma subsampling: one generation at the same quality the
photographer's camera or desk chose, which is visually lossless.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.template.defaultfilters import filesizeformat
from PIL import (
    Image,
    ImageCms,
    ImageOps,
    ImageSequence,
    JpegImagePlugin,
    PngImagePlugin,
    UnidentifiedImageError,
)

from . import conf
from .exceptions import (
    CorruptImage,
    FileTooLarge,
    ImageTooLarge,
    SvgRefused,
    UnsupportedFormat,
)
from .metadata import Embedded, Rights, exif_bytes, read_embedded, xmp_packet
from .specs import Focal, Spec, crop_box, output_size

# Pillow format name -> the format the library stores and names files by. MPO is how
# Pillow opens a camera JPEG that carries preview images (MPF): it is a JPEG.
_STORED_AS = {
    "JPEG": "jpeg",
    "MPO": "jpeg",
    "PNG": "png",
    "WEBP": "webp",
    "GIF": "gif",
    "AVIF": "avif",
    "HEIF": "jpeg",  # browsers other than Safari cannot show HEIC
}
_ANIMATABLE = {"gif", "png", "webp"}
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")
_SIXTEEN_BIT = {"I", "I;16", "I;16B", "I;16L", "I;16N", "F"}
_SRGB = ImageCms.createProfile("sRGB")


@dataclass
class Upload:
    """A validated upload: the decoded image (still the opened file, frame 0 loaded) and
    what was learnt about it."""

    image: Image.Image
    format: str  # as stored: jpeg, png, webp, gif, avif
    width: int  # after the EXIF orientation is applied
    height: int
    animated: bool
    embedded: Embedded


@dataclass(frozen=True)
class Encoded:
    data: bytes
    format: str
    width: int
    height: int


def accepted_formats() -> list[str]:
    """Pillow format names accepted for upload: the configured ones this Pillow reads."""
    Image.init()
    wanted = set(conf.get("PHOTOS_ACCEPTED_FORMATS"))
    if "JPEG" in wanted:
        wanted.add("MPO")
    return sorted(name for name in wanted if name in Image.OPEN)


def describe_accepted() -> str:
    names = {"MPO": None, "WEBP": "WebP", "HEIF": "HEIC"}
    shown = [names.get(name, name) for name in accepted_formats()]
    return ", ".join(name for name in shown if name)


def inspect_upload(data: bytes) -> Upload:
    """Validate `data` as a photo and decode it. The format is decided by the content,
    never by a file name. Raises an `InvalidUpload` subclass with a message for the
    person uploading."""
    check_file_size(len(data))
    if _looks_like_svg(data):
        raise SvgRefused(
            "SVG files are not accepted: vector files can carry scripts. Upload a JPEG, "
            "PNG or WebP export instead."
        )
    image = _open(data)
    width, height = image.size
    max_pixels = conf.get("PHOTOS_MAX_PIXELS")
    if width * height > max_pixels:
        raise ImageTooLarge(_too_many_pixels(width, height, max_pixels))
    frames = getattr(image, "n_frames", 1)
    if image.format != "MPO" and frames > conf.get("PHOTOS_MAX_FRAMES"):
        raise ImageTooLarge(
            f"The animation has {frames} frames; at most {conf.get('PHOTOS_MAX_FRAMES')} "
            "are accepted."
        )
    embedded = read_embedded(image)
    try:
        image.load()
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise CorruptImage(
            f"The file is damaged or incomplete and cannot be read ({error})."
        ) from error
    stored_as = _STORED_AS[image.format]
    animated = stored_as in _ANIMATABLE and image.format != "MPO" and frames > 1
    if _orientation(image) in (5, 6, 7, 8):
        width, height = height, width
    return Upload(image, stored_as, width, height, animated, embedded)


def check_file_size(size: int) -> None:
    """Raise FileTooLarge for a file of `size` bytes over PHOTOS_MAX_UPLOAD_BYTES."""
    limit = conf.get("PHOTOS_MAX_UPLOAD_BYTES")
    if size > limit:
        raise FileTooLarge(
            f"The file is {filesizeformat(size)}; the largest photo accepted is "
            f"{filesizeformat(limit)}."
        )


def _too_many_pixels(width: int, height: int, limit: int) -> str:
    return (
        f"The image is {width} x {height} pixels ({width * height / 1e6:.0f} megapixels); "
        f"the largest accepted is {limit / 1e6:.0f} megapixels."
    )


def _looks_like_svg(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) and b"<svg" in head


def _open(data: bytes) -> Image.Image:
    try:
        return Image.open(io.BytesIO(data), formats=accepted_formats())
    except Image.DecompressionBombError as error:
        # Pillow refuses before decoding anything; its limit is ours (PhotosConfig.ready).
        raise ImageTooLarge(
            "The image has far more pixels than accepted "
            f"(at most {conf.get('PHOTOS_MAX_PIXELS') / 1e6:.0f} megapixels)."
        ) from error
    except UnidentifiedImageError as error:
        if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
            raise UnsupportedFormat(
                "HEIC photos cannot be read on this server. Export the photo as JPEG "
                "(on an iPhone: Settings > Camera > Formats > Most Compatible)."
            ) from error
        raise UnsupportedFormat(
            f"This file is not a photo in an accepted format ({describe_accepted()}), "
            "whatever its name says."
        ) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise CorruptImage(f"The file is damaged and cannot be read ({error}).") from error


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(0x0112, 1))
    except Exception:  # malformed EXIF: treat as upright
        return 1


# The stored original.


def sanitised_original(upload: Upload, rights: Rights) -> Encoded:
    """The file stored as the photo's original: orientation applied, converted to sRGB
    8-bit, every upload metadata dropped, `rights` written. An animation keeps its frames
    (in its own format); everything else is a single still image."""
    image = upload.image
    if upload.animated:
        return Encoded(_animation(image, upload.format, rights), upload.format, *image.size)
    still = web_image(image)
    fmt = upload.format
    options: dict = {}
    if fmt == "jpeg":
        options = _jpeg_original_options(image)
    elif fmt in ("webp", "avif"):
        options = {"quality": 90 if fmt == "webp" else 80}
    return Encoded(encode(still, fmt, rights, **options), fmt, *still.size)


def _jpeg_original_options(image: Image.Image) -> dict:
    tables = getattr(image, "quantization", None)
    if image.format in ("JPEG", "MPO") and tables and image.mode in ("RGB", "L"):
        sampling = JpegImagePlugin.get_sampling(image)
        options = {"qtables": [tables[key] for key in sorted(tables)]}
        if sampling != -1:
            options["subsampling"] = sampling
        return options
    return {"quality": conf.get("PHOTOS_ORIGINAL_JPEG_QUALITY")}


def _animation(image: Image.Image, fmt: str, rights: Rights) -> bytes:
    # Only timing and looping survive from the upload; comments, XMP and ICC do not.
    keep = {
        key: image.info[key] for key in ("loop", "background", "transparency") if key in image.info
    }
    frames, durations = [], []
    for frame in ImageSequence.Iterator(image):
        durations.append(frame.info.get("duration", 100))
        copy = frame.copy() if fmt == "gif" else frame.convert("RGBA")
        copy.info = {}
        frames.append(copy)
    out = io.BytesIO()
    options = {"save_all": True, "append_images": frames[1:], "duration": durations, **keep}
    if fmt == "webp":
        options.update(quality=90, exif=exif_bytes(rights), xmp=xmp_packet(rights))
    elif fmt == "png":
        options.update(_png_metadata(rights))
    frames[0].save(out, _PILLOW[fmt], **options)
    return out.getvalue()


def web_image(image: Image.Image) -> Image.Image:
    """Frame 0 of `image` upright, in sRGB, as 8-bit RGB, RGBA or L, with no metadata."""
    if getattr(image, "n_frames", 1) > 1:
        image.seek(0)
    upright = ImageOps.exif_transpose(image)
    converted = _to_srgb(upright, image.info.get("icc_profile"))
    converted.info = {}
    return converted


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    mode = image.mode
    if mode in _SIXTEEN_BIT:
        # Scale 16-bit (or float) grey to 8 bits; Pillow's convert("L") would clip.
        scale = 255.0 if mode == "F" else 1 / 256
        return image.convert("I" if mode != "F" else "F").point(lambda v: v * scale).convert("L")
    if mode in ("CMYK", "RGB", "RGBA") and icc and not _is_srgb(icc):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            out_mode = "RGBA" if mode == "RGBA" else "RGB"
            return ImageCms.profileToProfile(image, source, _SRGB, outputMode=out_mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: fall back to Pillow's plain conversion below
    if mode in ("RGB", "RGBA", "L"):
        return image  # exif_transpose made a copy: the caller may clear its info
    if mode in ("P", "PA", "LA", "La", "RGBa") or "transparency" in image.info:
        return image.convert("RGBA")
    return image.convert("L" if mode == "1" else "RGB")


def _is_srgb(icc: bytes) -> bool:
    try:
        description = ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc)))
    except (ImageCms.PyCMSError, OSError, ValueError):
        return False
    return "srgb" in description.lower()


# Encoding and renditions.

_PILLOW = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "GIF", "avif": "AVIF"}


def encode(image: Image.Image, fmt: str, rights: Rights, **options) -> bytes:
    """`image` as a file of format `fmt` carrying only `rights` as metadata."""
    if fmt == "jpeg":
        if image.mode not in ("RGB", "L"):
            image = _flatten(image)
        options.setdefault("quality", conf.get("PHOTOS_QUALITY")["jpeg"])
        options.update(optimize=True, progressive=True, exif=exif_bytes(rights))
        options["xmp"] = xmp_packet(rights)
    elif fmt in ("webp", "avif"):
        options.setdefault("quality", conf.get("PHOTOS_QUALITY")[fmt])
        options.update(exif=exif_bytes(rights), xmp=xmp_packet(rights))
        options.setdefault("method" if fmt == "webp" else "speed", 4 if fmt == "webp" else 7)
    elif fmt == "png":
        options.update(_png_metadata(rights))
    elif fmt == "gif" and image.mode not in ("P", "L"):
        image = image.convert("RGB").quantize(256)
    image.info = {}
    out = io.BytesIO()
    image.save(out, _PILLOW[fmt], **options)
    return out.getvalue()


def _png_metadata(rights: Rights) -> dict:
    options: dict = {"exif": exif_bytes(rights)} if rights else {}
    if packet := xmp_packet(rights):
        info = PngImagePlugin.PngInfo()
        info.add_itxt("XML:com.adobe.xmp", packet.decode(), zip=False)
        options["pnginfo"] = info
    return options


def _flatten(image: Image.Image) -> Image.Image:
    """A JPEG has no transparency: composite on white."""
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, (255, 255, 255))
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def open_source(
    data: bytes | io.IOBase, *, scale: float = 1.0
) -> tuple[Image.Image, tuple[int, int]]:
    """Open a stored original (already upright, sRGB, metadata-free) for renditions: its
    first frame, decoded no larger than `scale` of its size needs (JPEG's DCT scaling makes
    small renditions of a large photo fast). Returns the image and the original's size."""
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    image = Image.open(stream)
    size = image.size
    if image.format == "JPEG" and scale < 1.0:
        image.draft("RGB", (math.ceil(size[0] * scale), math.ceil(size[1] * scale)))
    if getattr(image, "n_frames", 1) > 1:
        image.seek(0)
    image.load()
    if image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGBA" if image.has_transparency_data else "RGB")
    return image, size


def needed_scale(size: tuple[int, int], specs: Iterable[Spec], focal: Focal) -> float:
    """The largest fraction of the original's size any of `specs` needs (for `open_source`)."""
    scale = 0.0
    for spec in specs:
        box = crop_box(*size, spec.ratio, focal)
        scale = max(scale, output_size(box, spec.width)[0] / (box[2] - box[0]))
    return min(1.0, scale)


def render(
    source: Image.Image, original_size: tuple[int, int], spec: Spec, focal: Focal, rights: Rights
) -> Encoded:
    """The rendition `spec` of a photo whose original is `original_size`, from `source`
    (that original, possibly decoded at a reduced scale by `open_source`)."""
    box = crop_box(*original_size, spec.ratio, focal)
    size = output_size(box, spec.width)
    fx, fy = source.width / original_size[0], source.height / original_size[1]
    scaled = (box[0] * fx, box[1] * fy, box[2] * fx, box[3] * fy)
    resized = source.resize(size, Image.Resampling.LANCZOS, box=scaled, reducing_gap=3.0)
    return Encoded(encode(resized, spec.format, rights), spec.format, *size)


def writable_formats(formats: Iterable[str]) -> list[str]:
    """`formats` less those this Pillow cannot write (AVIF needs libavif)."""
    Image.init()
    return [fmt for fmt in formats if _PILLOW.get(fmt) in Image.SAVE]
